import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { assertDocumented } from '../support/openapi-check.js';
import type { Reply } from '../api/harness.js';
import { fixture, fixturePath } from './helpers.js';
import { workbook } from './xlsx-builder.js';
import { XLSX_CONTENT_TYPE } from '../../graph/importers/xlsx.js';

let dir: string;
let refnet: Refnet;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'refnet-import-route-'));
  refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }));
  server = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.stop(1000);
  await refnet?.close();
  await rm(dir, { recursive: true, force: true });
});

async function post(path: string, body: string | Uint8Array, type: string) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: body as RequestInit['body'] });
  const reply = { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Reply['body'] };
  assertDocumented({ method: 'POST', url: path, status: reply.status, contentType: reply.type, body: reply.body });
  return reply;
}

describe('POST /api/import with files', () => {
  it('when a LinkedIn CSV is sent as a dry run, then the report shows what would change and nothing is written', async () => {
    const r = await post('/api/import?format=linkedin&dryRun=true', fixture('linkedin/Connections.csv'), 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: 'linkedin', dryRun: true, rows: { read: 12, imported: 10, skipped: 2 }, people: { created: 9 } });
    expect(r.body.version).toBeUndefined();
    const exported = (await (await fetch(`${server.url}/api/export`)).json()) as { people: { name: string }[] };
    expect(exported.people).toEqual([]);
  });

  it('when the LinkedIn CSV and then a vCard file are sent, then people are written and the shared person is merged', async () => {
    const li = await post('/api/import?format=linkedin', fixture('linkedin/Connections.csv'), 'text/csv; charset=utf-8');
    expect(li.status).toBe(200);
    expect(li.body.version).toBeGreaterThan(0);
    const vcf = await post('/api/import', fixture('vcard/outlook.vcf'), 'text/vcard');
    expect(vcf.status).toBe(200);
    expect(vcf.body.people).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const exported = (await (await fetch(`${server.url}/api/export`)).json()) as { people: { name: string }[] };
    expect(exported.people.filter((p: { name: string }) => p.name === 'Jürgen Müller')).toHaveLength(1);
    expect(exported.people).toHaveLength(10);
  });

  it('when a CSV row matches two stored people equally well, then a dry run and an import both report it as ambiguous and write nothing for it', async () => {
    const seed = await post('/api/import', JSON.stringify({ people: [
      { id: 'tie-1', name: 'Tia Moss', email: 'tie@shared.example', company: 'North' },
      { id: 'tie-2', name: 'Tia Moss', email: 'tie@shared.example', company: 'South' },
    ] }), 'application/json');
    expect(seed.status).toBe(200);
    const csv = 'name,email,title\nT. Moss,Tie@Shared.example,Partner\nUma Roy,uma@shared.example,\n';
    const expected = {
      rows: { read: 2, imported: 1, skipped: 1 },
      people: { created: 1, updated: 0, unchanged: 0 },
      skipped: [{ row: 2, reason: expect.stringMatching(/^ambiguous: .*tie-1.*tie-2/) }],
      merges: [],
      ambiguous: [
        {
          name: 'T. Moss',
          rows: [2],
          matchedOn: 'email',
          candidates: [
            { id: 'tie-1', name: 'Tia Moss', existing: true, rows: [], key: 'tie@shared.example' },
            { id: 'tie-2', name: 'Tia Moss', existing: true, rows: [], key: 'tie@shared.example' },
          ],
        },
      ],
    };
    const stored = async () => ((await (await fetch(`${server.url}/api/export`)).json()) as { people: { id: string; name: string; title?: string }[] }).people;
    const dry = await post('/api/import?format=people&dryRun=true', csv, 'text/csv');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ ...expected, dryRun: true });
    expect((await stored()).filter((p) => p.name === 'Uma Roy')).toEqual([]);
    const real = await post('/api/import?format=people', csv, 'text/csv');
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ ...expected, dryRun: false });
    const after = await stored();
    expect(after.filter((p) => p.id === 'tie-1' || p.id === 'tie-2').map((p) => p.title)).toEqual([undefined, undefined]);
    expect(after.filter((p) => p.name === 'Uma Roy')).toHaveLength(1);
    expect(after.filter((p) => p.name === 'T. Moss')).toEqual([]);
  });

  it('when an interactions CSV or the owner names an email two stored people hold, then the row or the import is refused naming both', async () => {
    const seed = await post('/api/import', JSON.stringify({ people: [
      { id: 'dup-1', name: 'Dee Park', email: 'desk@dup.example' },
      { id: 'dup-2', name: 'Dan Park', email: 'dan@dup.example', attributes: { otherEmails: 'Desk@Dup.example' } },
      { id: 'dup-3', name: 'Eve Ng', email: 'eve@dup.example' },
    ] }), 'application/json');
    expect(seed.status).toBe(200);
    const csv = 'Date,Member,Met With,Type\n2024-03-20,desk@dup.example,eve@dup.example,call\n';
    for (const dryRun of [true, false]) {
      const r = await post(`/api/import?format=interactions&dryRun=${dryRun}`, csv, 'text/csv');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ rows: { read: 1, imported: 0, skipped: 1 }, interactions: { created: 0, updated: 0, unchanged: 0 } });
      expect(r.body.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/ambiguous(?=.*dup-1)(?=.*dup-2)/) }]);
    }
    const exported = (await (await fetch(`${server.url}/api/export`)).json()) as { interactions: { a: string; b: string }[] };
    expect(exported.interactions.filter((i) => i.b === 'dup-3')).toEqual([]);
    const owner = await post('/api/import?format=linkedin&owner=desk%40dup.example&dryRun=true', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nCy,Diaz,,cy@dup.example,,,01 Mar 2024\n', 'text/csv');
    expect(owner.status).toBe(400);
    expect(owner.body.errors).toEqual([{ path: '/query/owner', message: expect.stringMatching(/ambiguous(?=.*dup-1)(?=.*dup-2)/) }]);
  });

  it('when a people CSV is sent in Windows-1252 without a charset, then accents still arrive intact', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Name,Email\n'), 0x46, 0x72, 0x61, 0x6e, 0xe7, 0x6f, 0x69, 0x73, ...new TextEncoder().encode(',fr@x.example\n')]);
    const r = await post('/api/import?format=people', bytes, 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body.changes[0]).toMatchObject({ op: 'create', label: 'François' });
  });

  it('when a CSV comes without ?format or with a bad mapping, then it is a 400 problem saying what to send', async () => {
    const none = await post('/api/import', 'Name\nAna\n', 'text/csv');
    expect(none.status).toBe(400);
    expect(none.type).toContain('application/problem+json');
    expect(none.body.detail).toMatch(/needs \?format=linkedin, people, interactions or referrals/);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/format']);
    const badMap = await post('/api/import?format=people&map=name%3DNom', 'Name\nAna\n', 'text/csv');
    expect(badMap.status).toBe(400);
    expect(badMap.body.detail).toMatch(/no column "Nom"/);
    expect(badMap.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/map']);
    const badQuery = await post('/api/import?format=excel', 'Name\nAna\n', 'text/csv');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/format']);
    const noHeader = await post('/api/import?format=people', '', 'text/csv');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.errors.map((e: { path: string }) => e.path)).toEqual(['']);
  });

  it('when a JSON network document is sent, then the document route still handles it', async () => {
    const r = await post('/api/import', JSON.stringify({ people: [{ id: 'json-1', name: 'Json Person' }] }), 'application/json');
    expect(r.status).toBe(200);
    expect(r.body.created.people).toBe(1);
  });

  it('when an unknown content type is sent, then it is still refused as unsupported', async () => {
    const r = await post('/api/import', 'hello', 'text/plain');
    expect(r.status).toBe(415);
  });

  it('when an .xlsx workbook is sent with its content type, then its first sheet is imported (people by default)', async () => {
    const xlsx = new Uint8Array(readFileSync(fixturePath('xlsx/members.xlsx')));
    const r = await post('/api/import?dryRun=true', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: 'people', rows: { read: 3, imported: 3 }, people: { created: 3 } });
    const broken = await post('/api/import', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(broken.status).toBe(400);
  });

  it('when a people CSV repeats a name with no letters, then the rows merge like other same-name rows (no duplicate id at a document path)', async () => {
    const r = await post('/api/import?format=people&dryRun=true', 'name,email\n!!!,\n!!!,\n???,\n', 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: { read: 3, imported: 3, skipped: 0 }, people: { created: 2 }, duplicates: { withinImport: 1 } });
    expect(JSON.stringify(r.body)).not.toMatch(/\/people\/\d/);
  });

  it('when a LinkedIn export is sent as people (the upload form’s default), then it is imported as LinkedIn', async () => {
    const r = await post('/api/import?format=people&dryRun=true', fixture('linkedin/Connections.csv'), 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: 'linkedin', rows: { read: 12, imported: 10, skipped: 2 } });
  });

  it('when a people CSV is semicolon-delimited, then its columns are read', async () => {
    const r = await post('/api/import?format=people&dryRun=true', 'Name;E-Mail;Firma\nJosé Núñez;josé@example.es;"Núñez; Hijos"\n', 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: { read: 1, imported: 1, skipped: 0 }, warnings: [] });
    expect(r.body.changes[0].label).toBe('José Núñez');
  });

  it('when a body of a type the import does not read is sent, then 415 naming every type it reads', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'image/png']) {
      const r = await post('/api/import', 'hello', type);
      expect(r.status, type).toBe(415);
      expect(r.body.detail, type).toMatch(new RegExp(`^POST /api/import reads a body of type application/json .*text/csv.*text/vcard.*spreadsheetml\\.sheet.*; got ${type.replace('+', '\\+')}$`));
      expect(r.body.accepted, type).toEqual(['application/json', 'text/csv', 'text/vcard', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    }
  });

  it('when a JSON route gets a body of another type, then 415 saying it reads application/json', async () => {
    for (const [method, path] of <const>[['POST', '/api/people'], ['PUT', '/api/people/x'], ['PATCH', '/api/people/x'], ['POST', '/api/intro-requests'], ['POST', '/api/people/merge']]) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'text/csv' }, body: 'name\nAl' });
      const body = (await res.json()) as { detail?: string; accepted?: string[] };
      assertDocumented({ method, url: path, status: res.status, contentType: res.headers.get('content-type') ?? '', body });
      expect(res.status, path).toBe(415);
      expect(body.detail, path).toBe(`${method} ${path} reads a body of type application/json (or another application/*+json type); got text/csv`);
      expect(body.accepted, path).toEqual(['application/json']);
    }
  });

  it('when a vCard body holds no card (empty, blank, or lines outside any card), then 400 saying so, like an empty CSV file, and nothing is written', async () => {
    const before: unknown = await (await fetch(`${server.url}/api/export`)).json();
    for (const [body, type] of <const>[
      ['', 'text/vcard'],
      ['\r\n \r\n', 'text/vcard'],
      ['', 'text/x-vcard; charset=utf-8'],
      ['hello\nworld\n', 'text/directory'],
      ['END:VCARD\r\n', 'text/vcard'],
      ['FN:Al Lee\r\nEMAIL:al@example.org\r\n', 'text/vcard'],
    ]) {
      for (const query of ['', '?dryRun=true']) {
        const r = await post(`/api/import${query}`, body, type);
        expect(r.status, JSON.stringify([body, type, query])).toBe(400);
        expect(r.body.errors, JSON.stringify(body)).toEqual([{ path: '', message: expect.stringMatching(/holds no vCard/) }]);
      }
    }
    // The empty CSV and LinkedIn bodies it is consistent with.
    expect((await post('/api/import?format=people', '', 'text/csv')).status).toBe(400);
    expect((await post('/api/import?format=linkedin', '', 'text/csv')).status).toBe(400);
    // A card that never closes is a vCard: reported as skipped, not refused.
    const open = await post('/api/import?dryRun=true', 'BEGIN:VCARD\r\nFN:Al Lee\r\n', 'text/vcard');
    expect(open.status).toBe(200);
    expect(open.body.rows).toMatchObject({ read: 1, skipped: 1 });
    expect(await (await fetch(`${server.url}/api/export`)).json()).toEqual(before);
  });

  it('when the owner of an import is unknown, then the problem names the API parameter, not the CLI option', async () => {
    const linkedin = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAl,Lee,https://www.linkedin.com/in/al-lee,,Acme,CTO,01 Mar 2024\n';
    for (const [owner, body, type] of <const>[
      ['nobody@example.org', linkedin, 'text/csv'],
      ['No Such Person', linkedin, 'text/csv'],
      ['ghost', fixture('vcard/outlook.vcf'), 'text/vcard'],
    ]) {
      const r = await post(`/api/import?format=${type === 'text/csv' ? 'linkedin' : 'vcard'}&owner=${encodeURIComponent(owner)}&dryRun=true`, body, type);
      expect(r.status, owner).toBe(400);
      expect(r.body.errors, owner).toEqual([{ path: '/query/owner', message: expect.not.stringMatching(/--/) }]);
      expect(r.body.detail, owner).toMatch(/^\/query\/owner: /);
      expect(r.body.detail, owner).not.toMatch(/--owner/);
    }
  });

  it('when a people CSV or a vCard is UTF-16 without a byte order mark, then it is read as UTF-16: the people are named as in the file', async () => {
    const csv = Buffer.from('Name,Email\nÜmit Öz,umit@x.example\n', 'utf16le');
    for (const body of [csv, Buffer.from(csv).swap16()]) {
      const r = await post('/api/import?format=people&dryRun=true', body, 'text/csv');
      expect(r.status).toBe(200);
      expect(r.body.rows).toEqual({ read: 1, imported: 1, skipped: 0 });
      expect(r.body.warnings).toEqual([]);
      expect(r.body.changes.map((c: { label: string }) => c.label)).toEqual(['Ümit Öz']);
    }
    const vcard = await post('/api/import?dryRun=true', Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ümit Öz\r\nEMAIL:umit@x.example\r\nEND:VCARD\r\n', 'utf16le'), 'text/vcard');
    expect(vcard.status).toBe(200);
    expect(vcard.body.changes.map((c: { label: string }) => c.label)).toEqual(['Ümit Öz']);
  });

  it('when a CSV or vCard body still holds a NUL character once decoded, then 400 saying to save it as UTF-8, small or large, and nothing is written', async () => {
    const before: unknown = await (await fetch(`${server.url}/api/export`)).json();
    // UTF-32 (every character NUL-padded thrice), a NUL in UTF-8 text, a declared UTF-8 body, and one large enough for the worker.
    const utf32 = (text: string) => Buffer.from([...text].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
    const large = Buffer.concat([Buffer.from(`Name,Email\n${'Ann Archer,ann@example.org\n'.repeat(12_000)}`), Buffer.from('Bo\0b,bob@example.org\n')]);
    for (const [path, body, type, line] of <const>[
      ['/api/import?format=people', utf32('Name,Email\nAnn,ann@example.org\n'), 'text/csv', 1],
      ['/api/import?format=people', Buffer.from('Name,Email\nAnn\0,ann@example.org\n'), 'text/csv; charset=utf-8', 2],
      ['/api/import', utf32('BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n'), 'text/vcard', 1],
      ['/api/import?format=people', large, 'text/csv', 12_002],
    ]) {
      for (const dry of ['', '&dryRun=true']) {
        const r = await post(`${path}${path.includes('?') ? dry : dry.replace('&', '?')}`, body, type);
        expect(r.status, path).toBe(400);
        expect(r.body.detail, path).toMatch(new RegExp(`^the file holds a NUL character \\(line ${line}\\).*; save the file as UTF-8`));
      }
    }
    expect(await (await fetch(`${server.url}/api/export`)).json()).toEqual(before);
  });

  it('when a CSV or .xlsx holds a header and no row below it, then 400 as an empty file or vCard is, in a dry run too, and nothing is written', async () => {
    const before: unknown = await (await fetch(`${server.url}/api/export`)).json();
    const sheet = workbook(new Map([[1, ['name', 'email']]]));
    for (const [path, body, type] of <const>[
      ['/api/import?format=people', 'Name,Email\n', 'text/csv'],
      ['/api/import?format=people', 'Name,Email\n\n\n', 'text/csv'],
      ['/api/import?format=linkedin', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n', 'text/csv'],
      ['/api/import?format=referrals', 'from,to,at\n', 'text/csv'],
      ['/api/import?format=people', sheet, XLSX_CONTENT_TYPE],
    ]) {
      for (const dry of ['', '&dryRun=true']) {
        const r = await post(`${path}${dry}`, body, type);
        expect(r.status, `${path} ${type}`).toBe(400);
        expect(r.body.detail).toMatch(/^the file holds no rows: nothing below its header line/);
      }
    }
    expect(await (await fetch(`${server.url}/api/export`)).json()).toEqual(before);
  });
});
