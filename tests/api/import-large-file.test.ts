/**
 * POST /api/import of a file above api/file-import-off-thread.ts's OFF_THREAD_BYTES: it is read and
 * planned on a worker thread, and must answer exactly as the in-process import does
 * (graph/importers/run-import.ts's importFile, which small uploads and the CLI use), byte for byte,
 * against the same stored network; a file that fails answers as a small one does and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFF_THREAD_BYTES } from '../../api/file-import-off-thread.js';
import type { FileFormat } from '../../graph/importers/formats.js';
import { importFile } from '../../graph/importers/run-import.js';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ BODY_LIMIT: '8mb' });
  // Stored people the files match (by email, by name + company), conflict with, and refer to.
  await api.refnet.service.importDocument({
    people: [
      { id: 'ann', name: 'Ann Archer', email: 'p1@example.org', company: 'Archer Law', title: 'Partner' },
      { id: 'bob', name: 'Bob Baker', company: 'Firm 3' },
      { id: 'cat', name: 'Cat Cole', email: 'cat@example.org', attributes: { constructor: 'c', club: 'Rotary' } },
      { id: 'owner', name: 'Olive Owner', email: 'olive@example.org' },
    ],
    interactions: [{ id: 'i-stored', a: 'ann', b: 'bob', kind: 'call', at: '2024-01-01' }],
  });
});
afterAll(() => api.close());

const exported = async () => (await api.call('GET', '/api/export')).body;
const query = (q: Record<string, string>) => new URLSearchParams(q).toString();

/** The raw answer of an upload (its text, so the bytes can be compared). */
async function upload(q: Record<string, string>, body: string | Uint8Array, type = 'text/csv'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${api.url}/api/import?${query(q)}`, { method: 'POST', headers: { 'content-type': type }, body: body as RequestInit['body'] });
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(res.ok ? /^application\/json/ : /^application\/problem\+json/);
  return { status: res.status, text };
}

/** The in-process import's report as the route would send it. */
async function inProcess(format: FileFormat, text: string, options: Record<string, string>): Promise<string> {
  const { dryRun, ...rest } = options;
  return JSON.stringify(await importFile(api.refnet.service, format, text, { ...rest, dryRun: dryRun === 'true' }));
}

/** A people CSV over the threshold: repeated emails, a stored person's email and name, conflicts, a bad email, a broken row, a __proto__ column. */
function peopleCsv(): string {
  const lines = ['name,email,company,title,__proto__'];
  for (let i = 0; lines.join('\n').length <= OFF_THREAD_BYTES + 1000; i++) {
    lines.push(`Person ${i},p${i % 3000}@example.org,"Firm ${i % 7}, Ltd",${i % 2 ? 'Partner' : 'Associate'},v${i % 5}`);
    if (i % 997 === 0) lines.push(`Bob Baker,,Firm 3,Director,x`, `Broken ${i},not-an-email,Firm,T,y`, `Too,many,fields,here,a,b,c`);
  }
  return `${lines.join('\n')}\n`;
}

describe('large file imports (read and planned off the event loop)', () => {
  it('when a large people CSV is dry-run, then the report is byte for byte the in-process one, and nothing is written', async () => {
    const text = peopleCsv();
    expect(Buffer.byteLength(text)).toBeGreaterThan(OFF_THREAD_BYTES);
    const before = await exported();
    const q = { format: 'people', dryRun: 'true', update: 'overwrite' };
    const off = await upload(q, text);
    expect(off.status).toBe(200);
    const report = JSON.parse(off.text);
    // The file exercises what the plan does: merges within the file and into stored people, conflicts, warnings, skipped rows.
    expect(report.duplicates.withinImport).toBeGreaterThan(0);
    expect(report.duplicates.intoExisting).toBeGreaterThan(0);
    expect(report.merges.some((m: { conflicts: unknown[] }) => m.conflicts.length > 0)).toBe(true);
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.skipped.length).toBeGreaterThan(0);
    expect(off.text).toBe(await inProcess('people', text, q));
    expect(await exported()).toStrictEqual(before);
  });

  it('when a large people CSV is imported for real, then it writes what the in-process dry run reported', async () => {
    const text = peopleCsv().replaceAll('Person ', 'Written ');
    const expected = JSON.parse(await inProcess('people', text, { format: 'people', dryRun: 'true' }));
    const real = await upload({ format: 'people' }, text);
    expect(real.status).toBe(200);
    const report = JSON.parse(real.text);
    expect(report.version).toBeGreaterThan(0);
    expect({ ...report, version: undefined }).toStrictEqual({ ...expected, dryRun: false, version: undefined });
    const people = (await exported()).people as { id: string; title?: string }[];
    const created = report.changes.filter((c: { op: string }) => c.op === 'create').map((c: { id: string }) => c.id);
    expect(created.length).toBe(report.people.created);
    expect(created.every((id: string) => people.some((p) => p.id === id))).toBe(true);
    expect(people.find((p) => p.id === 'bob')!.title).toBe('Director');
  });

  it('when a large interactions CSV is imported twice, then each report is the in-process one (created, then unchanged)', async () => {
    const lines = ['a,b,kind,at,note'];
    for (let i = 0; lines.join('\n').length <= OFF_THREAD_BYTES + 1000; i++) {
      lines.push(i % 500 === 0 ? `ann,ghost-${i},call,2024-02-01,x` : `${i % 2 ? 'ann' : 'cat@example.org'},bob,${i % 3 ? 'call' : 'met'},2024-${String((i % 12) + 1).padStart(2, '0')}-01,note ${i}`);
    }
    lines.push('ann,bob,call,2024-01-01,');
    const text = `${lines.join('\n')}\n`;
    for (const round of ['created', 'unchanged']) {
      const expected = await inProcess('interactions', text, { format: 'interactions', dryRun: 'true' });
      const real = JSON.parse((await upload({ format: 'interactions' }, text)).text);
      expect({ ...real, version: undefined }).toStrictEqual({ ...JSON.parse(expected), dryRun: false, version: undefined });
      expect(real.interactions[round]).toBeGreaterThan(1000);
      expect(real.skipped.length).toBeGreaterThan(0);
    }
  });

  it('when a large LinkedIn export is dry-run for an owner, then the report (private contacts, met interactions) is the in-process one', async () => {
    const lines = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
    for (let i = 0; lines.join('\n').length <= OFF_THREAD_BYTES + 1000; i++) {
      lines.push(`Li${i},Connection,https://www.linkedin.com/in/li-${i % 2500},,Acme ${i % 9},Engineer,0${(i % 9) + 1} Mar 2024`);
    }
    const text = `${lines.join('\n')}\n`;
    const q = { format: 'linkedin', owner: 'olive@example.org', dryRun: 'true' };
    const off = await upload(q, text);
    expect(off.status).toBe(200);
    expect(JSON.parse(off.text).interactions.created).toBeGreaterThan(1000);
    expect(off.text).toBe(await inProcess('linkedin', text, q));
  });

  it('when a large vCard file is dry-run, then the report is the in-process one', async () => {
    const cards: string[] = [];
    for (let i = 0; cards.join('').length <= OFF_THREAD_BYTES + 1000; i++) {
      cards.push(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card ${i % 1500}\r\nEMAIL:card${i % 1500}@example.org\r\nORG:Org ${i % 4}\r\nNOTE:caf\u00e9 ${i}\r\nEND:VCARD\r\n`);
    }
    const text = cards.join('');
    const off = await upload({ dryRun: 'true' }, text, 'text/vcard');
    expect(off.status).toBe(200);
    expect(JSON.parse(off.text).duplicates.withinImport).toBeGreaterThan(0);
    expect(off.text).toBe(await inProcess('vcard', text, { dryRun: 'true' }));
  });

  const problem = (r: { status: number; text: string }) => {
    const body = JSON.parse(r.text) as Record<string, unknown>;
    return { status: r.status, body: { ...body, requestId: undefined, instance: undefined } };
  };
  const padded = (small: string) => small + 'Filler,filler@example.org\n'.repeat(Math.ceil(OFF_THREAD_BYTES / 20));

  it.each([
    ['an unknown owner', { format: 'linkedin', owner: 'nobody@example.org' }, 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAl,Lee,https://www.linkedin.com/in/al-lee,,Acme,CTO,01 Mar 2024\n', '/query/owner'],
    ['a mapping naming a missing column', { format: 'people', map: 'name=Full Name' }, 'Name,Email\nAl Lee,al@example.org\n', '/query/map'],
    ['no header row', { format: 'linkedin' }, 'just,some\nfree,text\n', ''],
  ])('when a large file has %s, then the answer is the small file’s 400, and nothing is written', async (_what, q, small, path) => {
    const before = await exported();
    const large = padded(small);
    expect(Buffer.byteLength(large)).toBeGreaterThan(OFF_THREAD_BYTES);
    const a = await upload(q, small);
    const b = await upload(q, large);
    expect(a.status).toBe(400);
    expect(problem(b)).toStrictEqual(problem(a));
    expect(JSON.parse(b.text).errors.map((e: { path: string }) => e.path)).toEqual([path]);
    expect(await exported()).toStrictEqual(before);
  });

  it('when a large people CSV has rows that match two people equally well, then the ambiguous list is the in-process one and they are not written', async () => {
    await api.refnet.service.importDocument({
      people: [
        { id: 'tie-a', name: 'Tess Ames', email: 'tie@example.org', company: 'East' },
        { id: 'tie-b', name: 'Tess Ames', email: 'tie@example.org', company: 'West' },
      ],
    });
    const text = `${peopleCsv().replaceAll('Person ', 'Tied ').trimEnd()}\nT. Ames,TIE@example.org,Anywhere,Partner,z\n`;
    const q = { format: 'people', dryRun: 'true' };
    const off = await upload(q, text);
    expect(off.status).toBe(200);
    expect(JSON.parse(off.text).ambiguous).toMatchObject([{ name: 'T. Ames', matchedOn: 'email', candidates: [{ id: 'tie-a' }, { id: 'tie-b' }] }]);
    expect(off.text).toBe(await inProcess('people', text, q));
    const real = await upload({ format: 'people' }, text);
    expect(real.status).toBe(200);
    expect(JSON.parse(real.text).ambiguous).toHaveLength(1);
    const people = (await exported()).people as { id: string; title?: string }[];
    expect(people.filter((p) => p.id.startsWith('tie-')).map((p) => p.title)).toEqual([undefined, undefined]);
  });

  it('when a large body sent as an .xlsx workbook is not one, then the answer is the small body’s 400, and nothing is written', async () => {
    const before = await exported();
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const broken = (size: number) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(size).fill(9)]);
    const small = await upload({}, broken(2), type);
    const large = await upload({}, broken(OFF_THREAD_BYTES), type);
    expect(small.status).toBe(400);
    expect(problem(large)).toStrictEqual(problem(small));
    expect(await exported()).toStrictEqual(before);
  });

  it('when a large body declared UTF-8 is not, then 400 names the byte offset, as for a small body, and nothing is written', async () => {
    const before = await exported();
    const prefix = Buffer.from('name,email\nAl Lee,al@example.org\nJos');
    const bad = (filler: number) => Buffer.concat([prefix, Buffer.from([0xc3, 0x28]), Buffer.from(',jo@example.org\n'), Buffer.from('Filler,f@example.org\n'.repeat(filler))]);
    const small = await upload({ format: 'people' }, bad(1), 'text/csv; charset=utf-8');
    const large = await upload({ format: 'people' }, bad(Math.ceil(OFF_THREAD_BYTES / 20)), 'text/csv; charset=utf-8');
    expect(large.status).toBe(400);
    expect(JSON.parse(large.text).byteOffset).toBe(prefix.length);
    expect(problem(large)).toStrictEqual(problem(small));
    expect(await exported()).toStrictEqual(before);
  });

  it('when a large body in Windows-1252 comes without a charset, then its accents arrive as from a small one', async () => {
    const row = (i: number) => Buffer.from([...Buffer.from(`Fran`), 0xe7, ...Buffer.from(`ois ${i},f${i}@example.org\n`)]);
    const rows = (n: number) => Buffer.concat([Buffer.from('name,email\n'), ...Array.from({ length: n }, (_, i) => row(i))]);
    const large = rows(Math.ceil(OFF_THREAD_BYTES / 20));
    expect(large.length).toBeGreaterThan(OFF_THREAD_BYTES);
    const off = await upload({ format: 'people', dryRun: 'true' }, large);
    expect(JSON.parse(off.text).changes[0].label).toBe('François 0');
    expect(off.text).toBe(await inProcess('people', new TextDecoder('windows-1252').decode(large), { format: 'people', dryRun: 'true' }));
  });
});
