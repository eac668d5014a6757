/**
 * `privateTo` names a person, like every other reference: a write naming no person there is a 400
 * on `/privateTo`, by every way a person gets it (POST, PUT, PATCH, a document import, a merge),
 * for a writer who sees everyone (local mode here, as an API key or an admin). A person defined in
 * the same document is known. A person withheld from the writer reads as unknown, in the same
 * words (graph/service/references.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  const seed = { people: [{ id: 'own', name: 'Owner' }, { id: 'kim', name: 'Kim' }, { id: 'lee', name: 'Lee' }] };
  expect((await api.call('POST', '/api/import', seed)).status).toBe(200);
});
afterAll(() => api?.close());

const UNKNOWN = (path: string) => [{ path, message: 'unknown person "ghost"' }];

describe('privateTo naming no person', () => {
  it('when a person is created, replaced or patched private to no one who exists, then 400 on /privateTo and nothing is written', async () => {
    const post = await api.call('POST', '/api/people', { id: 'new', name: 'New', privateTo: 'ghost' });
    expect(isProblem(post, 400, 'validation')).toBe(true);
    expect(post.body.errors).toEqual(UNKNOWN('/privateTo'));
    expect((await api.call('GET', '/api/people/new')).status).toBe(404);
    const put = await api.call('PUT', '/api/people/kim', { id: 'kim', name: 'Kim', privateTo: 'ghost' });
    expect(isProblem(put, 400, 'validation')).toBe(true);
    expect(put.body.errors).toEqual(UNKNOWN('/privateTo'));
    const patch = await api.call('PATCH', '/api/people/kim', { privateTo: 'ghost' });
    expect(isProblem(patch, 400, 'validation')).toBe(true);
    expect(patch.body.errors).toEqual(UNKNOWN('/privateTo'));
    expect((await api.call('GET', '/api/people/kim')).body).toStrictEqual({ id: 'kim', name: 'Kim' });
    // a person who exists is fine
    expect((await api.call('POST', '/api/people', { id: 'mine', name: 'Mine', privateTo: 'own' })).status).toBe(201);
  });

  it('when a document makes a person private to no one who exists, then the import is refused naming the path; one defined in the document is known', async () => {
    const bad = await api.call('POST', '/api/import', { people: [{ id: 'doc1', name: 'Doc One', privateTo: 'ghost' }] });
    expect(isProblem(bad, 400, 'validation')).toBe(true);
    expect(bad.body.errors).toEqual(UNKNOWN('/people/0/privateTo'));
    expect((await api.call('GET', '/api/people/doc1')).status).toBe(404);
    const good = await api.call('POST', '/api/import', { people: [{ id: 'doc2', name: 'Doc Two', privateTo: 'doc3' }, { id: 'doc3', name: 'Doc Three' }] });
    expect(good.status).toBe(200);
    expect((await api.call('GET', '/api/people/doc2')).body.privateTo).toBe('doc3');
  });

  it('when the owner of private contacts is deleted, then 409 saying how many, and nothing is deleted (they would be private to no one, and the export would not import)', async () => {
    for (const id of ['twin1', 'twin2']) expect((await api.call('POST', '/api/people', { id, name: 'Twin', privateTo: 'lee' })).status).toBe(201);
    const r = await api.call('DELETE', '/api/people/lee');
    expect(isProblem(r, 409, 'conflict')).toBe(true);
    expect(r.body.detail).toMatch(/has 2 private contacts: share them or hand them over/);
    expect((await api.call('GET', '/api/people/lee')).status).toBe(200);
    // Handed over, they no longer hold her; the export imports back.
    for (const id of ['twin1', 'twin2']) expect((await api.call('PATCH', `/api/people/${id}`, { privateTo: null })).status).toBe(200);
    expect((await api.call('DELETE', '/api/people/lee')).status).toBe(200);
    expect((await api.call('POST', '/api/import', (await api.call('GET', '/api/export')).body)).status).toBe(200);
  });

  it('when a person is their own private contact, then that is the one problem named, not also an unknown person', async () => {
    const r = await api.call('POST', '/api/people', { id: 'solo', name: 'Solo', privateTo: 'solo' });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/privateTo', message: expect.stringMatching(/cannot be their own private contact/) }]);
  });
});
