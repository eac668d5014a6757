/**
 * Intro requests over real HTTP (local mode: "me" chosen with PUT /api/me): asking through a
 * connector who knows both ends, the moves each person may make, "made" logging the introduction
 * interaction in the same write, and the requests travelling through export and import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, withTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  const doc = {
    people: [
      { id: 'req', name: 'Rita Requester' },
      { id: 'con', name: 'Carl Connector' },
      { id: 'tgt', name: 'Tara Target' },
      { id: 'far', name: 'Fay Faraway' },
    ],
    interactions: [
      { id: 'i1', a: 'req', b: 'con', kind: 'one_to_one', at: '2024-01-05' },
      { id: 'i2', a: 'con', b: 'tgt', kind: 'met', at: '2024-01-06' },
    ],
  };
  expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
});
afterAll(async () => {
  await api?.close();
});

const as = async (person: string) => expect((await api.call('PUT', '/api/me', { person })).status).toBe(200);

describe('intro requests', () => {
  it('when nobody is "me" yet, then asking is 409; when none were made, then the export has no introRequests', async () => {
    expect(isProblem(await api.call('POST', '/api/intro-requests', { connector: 'con', target: 'tgt' }), 409)).toBe(true);
    expect((await api.call('GET', '/api/export')).body.introRequests).toBeUndefined();
  });

  it('when the connector lacks a tie to an end, then 400 naming the missing tie; unknown people and bad bodies are 400 too', async () => {
    await as('req');
    const noTie = await api.call('POST', '/api/intro-requests', { connector: 'con', target: 'far' });
    expect(isProblem(noTie, 400)).toBe(true);
    expect(noTie.body.errors).toEqual([{ path: '/target', message: expect.stringMatching(/Carl Connector has no tie to Fay Faraway/) }]);
    const noTieToMe = await api.call('POST', '/api/intro-requests', { connector: 'far', target: 'tgt' });
    expect(noTieToMe.body.errors.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(/Fay Faraway has no tie to Rita Requester/), expect.stringMatching(/Fay Faraway has no tie to Tara Target/)]);
    expect(isProblem(await api.call('POST', '/api/intro-requests', { connector: 'nobody', target: 'tgt' }), 400)).toBe(true);
    expect(isProblem(await api.call('POST', '/api/intro-requests', { connector: 'con', target: 'con' }), 400)).toBe(true);
    expect(isProblem(await api.call('POST', '/api/intro-requests', { connector: 'con', target: 'tgt', extra: 1 }), 400)).toBe(true);
  });

  it('when the only tie of the connector to an end is dated ahead (a meeting next week, an event next month), then it is no tie yet: 400; once a tie is dated today, the ask goes through', async () => {
    await withTestApi(async (other) => {
      const day = 86_400_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      const doc = {
        people: ['r', 'c', 't', 'u'].map((id) => ({ id, name: `Person ${id.toUpperCase()}` })),
        events: [{ id: 'e-next', name: 'Next month', at: iso(Date.now() + 30 * day).slice(0, 10) }],
        attendance: [{ person: 'c', event: 'e-next' }, { person: 'u', event: 'e-next' }],
        interactions: [
          { id: 'known', a: 'r', b: 'c', kind: 'one_to_one', at: iso(Date.now() - 10 * day) },
          { id: 'ahead', a: 'c', b: 't', kind: 'one_to_one', at: iso(Date.now() + 7 * day) },
        ],
        referrals: [{ id: 'slip-ahead', from: 't', to: 'c', at: iso(Date.now() + 3 * day), status: 'passed' }],
      };
      expect((await other.call('POST', '/api/import', doc)).status).toBe(200);
      expect((await other.call('PUT', '/api/me', { person: 'r' })).status).toBe(200);
      for (const target of ['t', 'u']) {
        const early = await other.call('POST', '/api/intro-requests', { connector: 'c', target });
        expect(isProblem(early, 400)).toBe(true);
        expect(early.body.errors).toEqual([{ path: '/target', message: expect.stringMatching(new RegExp(`Person C has no tie to Person ${target.toUpperCase()}`)) }]);
      }
      expect((await other.call('POST', '/api/interactions', { id: 'today', a: 'c', b: 't', kind: 'call', at: iso(Date.now() - 60_000) })).status).toBe(201);
      expect((await other.call('POST', '/api/intro-requests', { connector: 'c', target: 't' })).status).toBe(201);
    });
  });

  it('when asked, accepted and made, then each move is by its person, "made" logs the introduction, and the requester records the outcome', async () => {
    await as('req');
    const asked = await api.call('POST', '/api/intro-requests', { connector: 'con', target: 'tgt', note: 'about the Lyon project' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ requester: 'req', connector: 'con', target: 'tgt', status: 'asked', note: 'about the Lyon project', changes: [{ status: 'asked' }] });
    const id = encodeURIComponent(asked.body.id as string);
    const move = (body: unknown) => api.call('POST', `/api/intro-requests/${id}/status`, body);

    expect(isProblem(await move({ status: 'accepted' }), 403)).toBe(true); // the requester cannot answer for the connector
    expect((await api.call('GET', '/api/intro-requests')).body.byMe.map((q: { id: string }) => q.id)).toEqual([asked.body.id]);

    await as('tgt');
    expect(isProblem(await move({ status: 'made' }), 403)).toBe(true);
    await as('far');
    expect((await move({ status: 'made' })).body.detail).toMatch(/does not involve you \(Fay Faraway\)/);

    await as('con');
    expect((await api.call('GET', '/api/intro-requests')).body.ofMe.map((q: { id: string }) => q.id)).toEqual([asked.body.id]);
    expect(isProblem(await move({ status: 'outcome', outcome: 'met' }), 403)).toBe(true);
    expect(isProblem(await move({ status: 'made', outcome: 'met' }), 400)).toBe(true);
    expect((await move({ status: 'accepted' })).body.status).toBe('accepted');
    const made = await move({ status: 'made', note: 'emailed you both' });
    expect(made.body).toMatchObject({ status: 'made', changes: [{ status: 'asked' }, { status: 'accepted' }, { status: 'made' }] });
    // the connector's note is kept with their move; the requester's asking note stays the record's
    expect(made.body.note).toBe('about the Lyon project');
    expect(made.body.changes.map((c: { note?: string }) => c.note)).toEqual([undefined, undefined, 'emailed you both']);
    expect(made.body.changes[1]).not.toHaveProperty('note');
    expect(isProblem(await move({ status: 'declined' }), 409)).toBe(true); // made is past declining

    const exported = (await api.call('GET', '/api/export')).body;
    const intro = exported.interactions.filter((i: { kind: string }) => i.kind === 'introduction');
    expect(intro).toEqual([expect.objectContaining({ a: 'req', b: 'tgt', kind: 'introduction', note: expect.stringMatching(/Carl Connector/) })]);

    await as('req');
    const outcome = await move({ status: 'outcome', outcome: 'referral', note: 'a referral came of it' });
    expect(outcome.body).toMatchObject({ status: 'outcome', outcome: 'referral', note: 'about the Lyon project' });
    expect(outcome.body.changes.map((c: { note?: string }) => c.note)).toEqual([undefined, undefined, 'emailed you both', 'a referral came of it']);
    // every note is in the export and in both parties' lists
    const stored = (await api.call('GET', '/api/export')).body.introRequests.find((q: { id: string }) => q.id === asked.body.id);
    expect(stored).toEqual(outcome.body);
    expect((await api.call('GET', '/api/intro-requests')).body.byMe.find((q: { id: string }) => q.id === asked.body.id)).toEqual(outcome.body);
    await as('con');
    expect((await api.call('GET', '/api/intro-requests')).body.ofMe.find((q: { id: string }) => q.id === asked.body.id)).toEqual(outcome.body);
    await as('req');
    expect(isProblem(await move({ status: 'outcome', outcome: 'met' }), 409)).toBe(true);
    expect(isProblem(await api.call('POST', '/api/intro-requests/nope/status', { status: 'made' }), 404)).toBe(true);
  });

  it('when the same introduction is asked again while the first request is open (asked or accepted), then 409 naming the open request and its date, nothing written; once it is answered, it may be asked again', async () => {
    await withTestApi(async (other) => {
      const doc = {
        people: [{ id: 'r', name: 'Rita Requester' }, { id: 'c', name: 'Carl Connector' }, { id: 't', name: 'Tara Target' }],
        interactions: [{ id: 'i1', a: 'r', b: 'c', kind: 'call', at: '2024-01-01' }, { id: 'i2', a: 'c', b: 't', kind: 'met', at: '2024-01-02' }],
      };
      expect((await other.call('POST', '/api/import', doc)).status).toBe(200);
      const me = (person: string) => other.call('PUT', '/api/me', { person });
      await me('r');
      const first = await other.call('POST', '/api/intro-requests', { connector: 'c', target: 't' });
      expect(first.status).toBe(201);
      const again = await other.call('POST', '/api/intro-requests', { connector: 'c', target: 't', note: 'in case you missed it' });
      expect(isProblem(again, 409)).toBe(true);
      expect(again.body.detail).toContain(`you already asked Carl Connector for an introduction to Tara Target on ${String(first.body.at).slice(0, 10)}`);
      expect(again.body.detail).toContain(first.body.id);
      expect((await other.call('GET', '/api/intro-requests')).body.byMe).toHaveLength(1);
      await me('c');
      expect((await other.call('POST', `/api/intro-requests/${encodeURIComponent(first.body.id)}/status`, { status: 'accepted' })).status).toBe(200);
      await me('r');
      expect(isProblem(await other.call('POST', '/api/intro-requests', { connector: 'c', target: 't' }), 409)).toBe(true);
      await me('c');
      expect((await other.call('POST', `/api/intro-requests/${encodeURIComponent(first.body.id)}/status`, { status: 'declined' })).status).toBe(200);
      await me('r');
      expect((await other.call('POST', '/api/intro-requests', { connector: 'c', target: 't' })).status).toBe(201);
    });
  });

  it('when the network is exported and imported into a new store, then the requests come back unchanged', async () => {
    const exported = (await api.call('GET', '/api/export')).body;
    expect(exported.introRequests).toHaveLength(1);
    await withTestApi(async (other) => {
      expect((await other.call('POST', '/api/import', exported)).status).toBe(200);
      expect((await other.call('GET', '/api/export')).body).toEqual(exported);
    });
  });

  it('when an imported request\'s status contradicts its history (changes), then 400 naming the record and the change, and nothing is written', async () => {
    await withTestApi(async (other) => {
      const people = ['r', 'c', 't'].map((id) => ({ id, name: id.toUpperCase() }));
      expect((await other.call('POST', '/api/import', { people })).status).toBe(200);
      const at = '2026-08-01T10:00:00Z';
      const q = (over: Record<string, unknown>) => ({ id: 'q', requester: 'r', connector: 'c', target: 't', at, status: 'asked', changes: [{ status: 'asked', at }], ...over });
      const bad: [string, unknown, string][] = [
        ['made with no made change', q({ status: 'made' }), '/introRequests/0/changes'],
        ['an outcome whose history stops at made', q({ status: 'outcome', outcome: 'met', changes: [{ status: 'asked', at }, { status: 'made', at: '2026-08-02' }] }), '/introRequests/0/changes'],
        ['asked, with a declined change', q({ changes: [{ status: 'asked', at }, { status: 'declined', at: '2026-08-03' }] }), '/introRequests/0/changes'],
        ['declined before it was asked', q({ status: 'declined', changes: [{ status: 'asked', at }, { status: 'declined', at: '2026-07-02T10:00:00Z' }] }), '/introRequests/0/changes/1/at'],
        ['changes out of date order', q({ status: 'made', changes: [{ status: 'asked', at }, { status: 'accepted', at: '2026-08-10' }, { status: 'made', at: '2026-08-05' }] }), '/introRequests/0/changes/2/at'],
        ['a history that does not start with the asking', q({ status: 'made', changes: [{ status: 'made', at }] }), '/introRequests/0/changes/0/status'],
        ['an outcome without being made', q({ status: 'outcome', outcome: 'met', changes: [{ status: 'asked', at }, { status: 'outcome', at: '2026-08-02' }] }), '/introRequests/0/changes/1/status'],
        ['made after being declined', q({ status: 'made', changes: [{ status: 'asked', at }, { status: 'declined', at: '2026-08-02' }, { status: 'made', at: '2026-08-03' }] }), '/introRequests/0/changes/2/status'],
      ];
      const before = (await other.call('GET', '/api/export')).body;
      for (const [what, request, path] of bad) {
        const good = q({ id: 'fine' });
        for (const [list, index] of [[[request], 0], [[good, request], 1]] as const) {
          const r = await other.call('POST', '/api/import', { introRequests: list });
          expect(isProblem(r, 400, 'validation'), `${what}: ${r.status}`).toBe(true);
          const expected = path.replace('/introRequests/0', `/introRequests/${index}`);
          expect(r.body.errors.map((e: { path: string }) => e.path), what).toContain(expected);
          expect(r.body.errors.every((e: { path: string }) => e.path.startsWith(`/introRequests/${index}/`)), what).toBe(true);
          expect((await other.call('GET', '/api/export')).body, what).toEqual(before);
        }
      }
      // histories the moves could have written import as they are (no changes at all: the status alone stands)
      const fine = [
        q({ id: 'q1' }),
        q({ id: 'q2', status: 'outcome', outcome: 'nothing', changes: [{ status: 'asked', at }, { status: 'accepted', at }, { status: 'made', at: '2026-08-02' }, { status: 'outcome', at: '2026-08-09T00:00:00Z', note: 'nothing came of it' }] }),
        q({ id: 'q3', status: 'declined', changes: [{ status: 'asked', at }, { status: 'declined', at: '2026-08-01T10:00:00.000Z' }] }),
        q({ id: 'q4', status: 'made', changes: [] }),
      ];
      expect((await other.call('POST', '/api/import', { introRequests: fine })).status).toBe(200);
      expect((await other.call('GET', '/api/export')).body.introRequests).toHaveLength(4);
    });
  });

  it('when an import replaces a stored request with a history that drops, empties or rewrites its recorded moves, then 400 naming the change, and nothing is written; extending it is kept', async () => {
    await withTestApi(async (other) => {
      const people = ['r', 'c', 't'].map((id) => ({ id, name: id.toUpperCase() }));
      const at = '2026-08-01T10:00:00Z';
      const recorded = [{ status: 'asked', at }, { status: 'accepted', at: '2026-08-02T09:00:00Z' }, { status: 'made', at: '2026-08-05T09:00:00Z' }];
      const q = (over: Record<string, unknown>) => ({ id: 'q', requester: 'r', connector: 'c', target: 't', at, status: 'made', changes: recorded, ...over });
      expect((await other.call('POST', '/api/import', { people, introRequests: [q({})] })).status).toBe(200);
      const before = (await other.call('GET', '/api/export')).body;
      const bad: [string, unknown, string][] = [
        ['no history at all', q({ status: 'asked', changes: [] }), '/introRequests/0/changes'],
        ['the history cut short', q({ status: 'accepted', changes: recorded.slice(0, 2) }), '/introRequests/0/changes'],
        ['made turned into declined', q({ status: 'declined', changes: [...recorded.slice(0, 2), { status: 'declined', at: '2026-08-05T09:00:00Z' }] }), '/introRequests/0/changes/2/status'],
        ['the made move dated earlier', q({ changes: [...recorded.slice(0, 2), { status: 'made', at: '2026-08-03T09:00:00Z' }] }), '/introRequests/0/changes/2/at'],
      ];
      for (const [what, request, path] of bad) {
        const r = await other.call('POST', '/api/import', { introRequests: [request] });
        expect(isProblem(r, 400, 'validation'), `${what}: ${r.status}`).toBe(true);
        expect(r.body.errors.map((e: { path: string }) => e.path), what).toContain(path);
        expect(JSON.stringify(r.body.errors), what).toMatch(/recorded/);
        expect((await other.call('GET', '/api/export')).body, what).toEqual(before);
      }
      // The same moves with a note added, then an outcome after them: kept.
      const noted = [recorded[0], recorded[1], { ...recorded[2], note: 'introduced over lunch' }];
      expect((await other.call('POST', '/api/import', { introRequests: [q({ changes: noted })] })).status).toBe(200);
      const extended = q({ status: 'outcome', outcome: 'met', changes: [...noted, { status: 'outcome', at: '2026-08-09T00:00:00Z' }] });
      expect((await other.call('POST', '/api/import', { introRequests: [extended] })).status).toBe(200);
      expect((await other.call('GET', '/api/export')).body.introRequests[0]).toMatchObject({ status: 'outcome', changes: [recorded[0], recorded[1], { status: 'made', note: 'introduced over lunch' }, { status: 'outcome' }] });
    });
  });
});
