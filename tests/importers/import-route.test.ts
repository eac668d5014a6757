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
});
