/**
 * Re-importing a file keeps a private contact private: a file import merging into a stored person
 * keeps every stored field the file does not set, `privateTo` included (docs/SECURITY.md, "Private
 * contacts": a person already in the network keeps the visibility it had). Once, the merge rebuilt
 * the person from a field list without `privateTo`, and the second import of the same LinkedIn
 * export made its people shared.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;

beforeEach(async () => {
  api = await startTestApi();
  expect((await api.call('POST', '/api/import', { people: [{ id: 'me', name: 'Me Myself' }] })).status).toBe(200);
});

afterEach(async () => {
  await api.close();
});

const LINKEDIN = (position: string) =>
  `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Archer,https://www.linkedin.com/in/ann,ann@x.example,Acme,${position},15 Mar 2024\n`;

const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Card\r\nN:Card;Vera;;;\r\nEMAIL:vera@x.example\r\nORG:Acme\r\nTITLE:CTO\r\nEND:VCARD\r\n';

const importFile = (query: string, body: string, type: string) => api.call('POST', `/api/import?${query}`, body, { 'content-type': type });

async function exported(name: string): Promise<Record<string, unknown>> {
  const r = await api.call('GET', '/api/export');
  expect(r.status).toBe(200);
  const found = (r.body.people as { name: string }[]).filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}

/** Imports `body` twice more after the first import: a dry run and a real one must both change nothing. */
async function expectReimportUnchanged(query: string, body: string, type: string, name: string) {
  const before = await exported(name);
  for (const dryRun of [true, false]) {
    const again = await importFile(`${query}${dryRun ? '&dryRun=true' : ''}`, body, type);
    expect(again.status).toBe(200);
    expect(again.body.people).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.body.changes.filter((c: { kind: string }) => c.kind === 'person')).toEqual([expect.objectContaining({ op: 'unchanged' })]);
    expect(await exported(name)).toEqual(before);
  }
}

describe('a file imported again keeps its private contacts private', () => {
  it('when a LinkedIn export is imported twice with owner=me, then the second import changes nothing and Ann stays private to me', async () => {
    const first = await importFile('format=linkedin&owner=me', LINKEDIN('CEO'), 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body.people.created).toBe(1);
    expect(await exported('Ann Archer')).toMatchObject({ privateTo: 'me', title: 'CEO' });
    await expectReimportUnchanged('format=linkedin&owner=me', LINKEDIN('CEO'), 'text/csv', 'Ann Archer');
    expect((await exported('Ann Archer')).privateTo).toBe('me');
  });

  it('when the LinkedIn export comes back with a new position, then only the title changes and Ann stays private', async () => {
    expect((await importFile('format=linkedin&owner=me', LINKEDIN('CEO'), 'text/csv')).status).toBe(200);
    const update = await importFile('format=linkedin&owner=me&update=overwrite', LINKEDIN('Chair'), 'text/csv');
    expect(update.status).toBe(200);
    expect(update.body.people).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(update.body.changes.find((c: { kind: string }) => c.kind === 'person')).toMatchObject({ op: 'update', fields: ['title'] });
    expect(await exported('Ann Archer')).toMatchObject({ privateTo: 'me', title: 'Chair' });
  });

  it('when a private contact is in a LinkedIn export imported with shared=true, then it keeps the visibility it had', async () => {
    expect((await importFile('format=linkedin&owner=me', LINKEDIN('CEO'), 'text/csv')).status).toBe(200);
    await expectReimportUnchanged('format=linkedin&owner=me&shared=true', LINKEDIN('CEO'), 'text/csv', 'Ann Archer');
    expect((await exported('Ann Archer')).privateTo).toBe('me');
  });

  it('when a vCard file is imported twice with owner=me, then the second import changes nothing and Vera stays private to me', async () => {
    const first = await importFile('owner=me', VCARD, 'text/vcard');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ format: 'vcard', people: { created: 1 } });
    expect((await exported('Vera Card')).privateTo).toBe('me');
    await expectReimportUnchanged('owner=me', VCARD, 'text/vcard', 'Vera Card');
    expect((await exported('Vera Card')).privateTo).toBe('me');
  });

  it('when a people CSV names a private contact, then the row fills an empty field and the contact stays private', async () => {
    const created = await api.call('POST', '/api/people', { id: 'pc1', name: 'Paula Private', email: 'paula@x.example', privateTo: 'me' });
    expect(created.status).toBe(201);
    const csv = 'Name,Email,Title\nPaula Private,paula@x.example,CFO\n';
    for (const dryRun of [true, false]) {
      const r = await importFile(dryRun ? 'format=people&dryRun=true' : 'format=people', csv, 'text/csv');
      expect(r.status).toBe(200);
      expect(r.body.people).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect(r.body.changes.find((c: { kind: string }) => c.kind === 'person')).toMatchObject({ id: 'pc1', op: 'update', fields: ['title'] });
    }
    expect(await exported('Paula Private')).toEqual({ id: 'pc1', name: 'Paula Private', email: 'paula@x.example', title: 'CFO', privateTo: 'me' });
    await expectReimportUnchanged('format=people', csv, 'text/csv', 'Paula Private');
  });
});
