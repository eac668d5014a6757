/**
 * Issue #13: a warm path is worth something only if its steps can be called, so the path answer
 * carries how to reach each person on it (email, tel, https LinkedIn URL), once each, and nothing
 * for people it does not name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  const doc = {
    people: [
      { id: 'me', name: 'Mia Member' },
      { id: 'hop', name: 'Hal Hop', email: 'hal@example.org', attributes: { phone: '+44 20 7946 0001', linkedin: 'https://www.linkedin.com/in/hal-hop' } },
      { id: 'alt', name: 'Al Alternative', attributes: { linkedin: 'javascript:alert(1)' } },
      { id: 'goal', name: 'Gia Goal', company: 'Goal Ltd', title: 'CEO', email: 'gia@example.org' },
      { id: 'away', name: 'Ava Away', email: 'ava@example.org' },
    ],
    interactions: [
      { id: 'i1', a: 'me', b: 'hop', kind: 'one_to_one', at: '2026-11-01' },
      { id: 'i2', a: 'hop', b: 'goal', kind: 'one_to_one', at: '2026-11-01' },
      { id: 'i3', a: 'me', b: 'alt', kind: 'met', at: '2026-10-01' },
      { id: 'i4', a: 'alt', b: 'goal', kind: 'met', at: '2026-10-01' },
    ],
  };
  expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
});
afterAll(() => api.close());

describe('GET /api/paths contact cards', () => {
  it('when paths are found, then every person on them comes once with how to reach them, and no one else', async () => {
    let r = await api.call('GET', '/api/paths?from=me&to=goal&k=3&asOf=2026-12-01');
    while (r.status === 503) r = await api.call('GET', '/api/paths?from=me&to=goal&k=3&asOf=2026-12-01');
    expect(r.status).toBe(200);
    expect(r.body.paths).toHaveLength(2);
    const onPaths = new Set(r.body.paths.flatMap((p: { people: string[] }) => p.people));
    const byId = Object.fromEntries(r.body.contacts.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual([...onPaths].sort());
    expect(r.body.contacts).toHaveLength(onPaths.size);
    expect(byId.hop).toEqual({ id: 'hop', name: 'Hal Hop', email: 'hal@example.org', phone: '+44 20 7946 0001', linkedin: 'https://www.linkedin.com/in/hal-hop' });
    expect(byId.goal).toEqual({ id: 'goal', name: 'Gia Goal', email: 'gia@example.org', company: 'Goal Ltd', title: 'CEO' });
    // a LinkedIn value that is not an https URL is never handed out as a link
    expect(byId.alt).toEqual({ id: 'alt', name: 'Al Alternative' });
  });

  it('when no path is found, then no contact card is given', async () => {
    let r = await api.call('GET', '/api/paths?from=me&to=away');
    while (r.status === 503) r = await api.call('GET', '/api/paths?from=me&to=away');
    expect(r.status).toBe(200);
    expect(r.body.paths).toEqual([]);
    expect(r.body.contacts).toEqual([]);
  });
});
