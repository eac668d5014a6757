import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { OPENAPI_DOCUMENT } from '../support/openapi-check.js';
import { call, isProblem, startTestApi, type TestApi } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON schema read by hand
type Schema = any;
/** A schema with its `$ref` (to components/schemas) followed. */
const resolve = (s: Schema): Schema => (s?.$ref ? resolve((OPENAPI_DOCUMENT as Schema).components.schemas[String(s.$ref).split('/').pop()!]) : s);

const asOf = '2024-06-30T12:00:00Z';
const network = {
  people: [
    { id: 'me', name: 'Me' },
    { id: 'ann', name: 'Ann', email: 'ann@example.org', attributes: { phone: '+33 1 23 45 67 89' } },
    { id: 'dan', name: 'Dan' },
    { id: 'eve', name: 'Eve' },
  ],
  events: [{ id: 'e1', name: 'Breakfast', at: '2024-06-25' }],
  attendance: [{ person: 'me', event: 'e1' }, { person: 'ann', event: 'e1' }],
  interactions: [{ id: 'i1', a: 'me', b: 'dan', kind: 'one_to_one', at: '2024-01-01' }],
  referrals: [{ id: 'r1', from: 'eve', to: 'me', at: '2024-06-01', status: 'passed', value: 5660 }],
};

/** A refnet over `dir`, served on port 0, that keeps its data when stopped. */
async function serve(dir: string) {
  const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent', CURRENCY: 'gbp' }), { logger: pino({ level: 'silent' }) });
  const running = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
  return {
    call: (method: string, path: string, body?: unknown) => call(running.url, method, path, body),
    stop: async () => {
      await running.stop(1000);
      await refnet.close();
    },
  };
}

describe('GET /api/people/:id/week', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when asked for a person, then every section answers with keyed rows and contact details', async () => {
    const r = await api.call('GET', `/api/people/me/week?asOf=${asOf}`);
    expect(r.status).toBe(200);
    expect(r.body.currency).toBe('EUR');
    expect(r.body.followUps.map((x: { key: string }) => x.key)).toEqual(['followUp:ann:e1']);
    expect(r.body.followUps[0].person).toEqual({ id: 'ann', name: 'Ann', email: 'ann@example.org', phone: '+33 1 23 45 67 89' });
    expect(r.body.dormant.map((x: { key: string }) => x.key)).toEqual(['dormant:dan']);
    expect(r.body.owed.map((x: { key: string; valueReceived: number }) => [x.key, x.valueReceived])).toEqual([['owed:eve', 5660]]);
    expect(r.body.slips.map((x: { key: string; ageDays: number; direction: string }) => [x.key, x.ageDays, x.direction])).toEqual([['slip:r1', 29, 'received']]);
    expect(r.body.funnel.now).toEqual({ visibility: 1, credibility: 2, profitability: 0 });
  });

  it('when the person is unknown or the query is bad, then 404 / 400 problems', async () => {
    expect(isProblem(await api.call('GET', '/api/people/nobody/week'), 404)).toBe(true);
    const bad = await api.call('GET', '/api/people/me/week?limit=0&asOf=yesterday');
    expect(isProblem(bad, 400)).toBe(true);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/query/asOf', '/query/limit']);
  });

  it('when the request acts as no person (local mode before choosing "me"), then /api/me/week is 409; after PUT /api/me it is that person\'s week', async () => {
    expect(isProblem(await api.call('GET', '/api/me/week'), 409)).toBe(true);
    expect((await api.call('PUT', '/api/me', { person: 'me' })).status).toBe(200);
    const mine = await api.call('GET', `/api/me/week?asOf=${asOf}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual((await api.call('GET', `/api/people/me/week?asOf=${asOf}`)).body);
  });

  it('when a dismissal body is invalid, then 400 names each field; an unknown person is 404; restoring a row never hidden is 404', async () => {
    const bad = await api.call('POST', '/api/people/me/week/dismissals', { row: '', kind: 'snoozed' });
    expect(isProblem(bad, 400)).toBe(true);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/row', '/until']);
    const before = (await api.call('GET', '/api/export')).body;
    for (const row of ['made-up', 'dormant', 'dormant:', 'dormant:dan:eve', 'intro:dan', 'elsewhere:dan', 'slip:%E0%A4%A']) {
      const made = await api.call('POST', '/api/people/me/week/dismissals', { row, kind: 'not_relevant' });
      expect(isProblem(made, 400), `${row} → ${made.status}`).toBe(true);
      expect(made.body.errors).toEqual([{ path: '/row', message: expect.stringMatching(/not the key of a row of the week/) }]);
    }
    expect((await api.call('GET', '/api/export')).body).toEqual(before);
    expect(isProblem(await api.call('POST', '/api/people/nobody/week/dismissals', { row: 'owed:eve', kind: 'not_relevant' }), 404)).toBe(true);
    expect(isProblem(await api.call('DELETE', `/api/people/me/week/dismissals/${encodeURIComponent('owed:nobody')}`), 404)).toBe(true);
  });
});

describe('dismissals are data', () => {
  it('when a row is snoozed, then it survives a restart, is exported, and comes back when restored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-week-'));
    try {
      let api = await serve(dir);
      // Dismissed on 2024-06-28 (imported with their own date: the route stamps them with now).
      const at = '2024-06-28T09:00:00.000Z';
      const dismissals = [
        { id: dismissalId('me', 'dormant:dan'), person: 'me', row: 'dormant:dan', kind: 'snoozed', until: '2024-07-15', at },
        { id: dismissalId('me', 'owed:eve'), person: 'me', row: 'owed:eve', kind: 'not_relevant', at },
      ];
      expect((await api.call('POST', '/api/import', { ...network, dismissals })).status).toBe(200);
      await api.stop();

      api = await serve(dir);
      const week = await api.call('GET', `/api/people/me/week?asOf=${asOf}`);
      expect(week.body.currency).toBe('GBP');
      expect(week.body.dormant).toEqual([]);
      expect(week.body.owed).toEqual([]);
      expect(week.body.hidden.map((h: { key: string; kind: string }) => [h.key, h.kind])).toEqual([['dormant:dan', 'snoozed'], ['owed:eve', 'not_relevant']]);
      // after the snooze ends the row is back on its own
      const later = await api.call('GET', '/api/people/me/week?asOf=2024-07-16');
      expect(later.body.dormant.map((x: { key: string }) => x.key)).toEqual(['dormant:dan']);

      const exported = await api.call('GET', '/api/export');
      expect(exported.body.dismissals.map((d: { person: string; row: string; kind: string; until?: string }) => [d.person, d.row, d.kind, d.until])).toEqual([
        ['me', 'dormant:dan', 'snoozed', '2024-07-15'],
        ['me', 'owed:eve', 'not_relevant', undefined],
      ]);

      expect((await api.call('DELETE', `/api/people/me/week/dismissals/${encodeURIComponent('owed:eve')}`)).status).toBe(204);
      const after = await api.call('GET', `/api/people/me/week?asOf=${asOf}`);
      expect(after.body.owed.map((x: { key: string }) => x.key)).toEqual(['owed:eve']);
      await api.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('POST /api/people/merge', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const doc = {
      ...network,
      people: [...network.people, { id: 'ann2', name: 'Ann A.', company: 'Acme', email: 'other@example.org', tags: ['bni'] }],
      groups: [{ id: 'g', name: 'Chapter' }],
      memberships: [{ person: 'ann', group: 'g' }, { person: 'ann2', group: 'g' }],
      interactions: [...network.interactions, { id: 'i2', a: 'ann2', b: 'dan', kind: 'call', at: '2024-06-01' }, { id: 'i3', a: 'ann', b: 'ann2', kind: 'met', at: '2024-06-02' }],
      referrals: [...network.referrals, { id: 'r2', from: 'ann2', to: 'me', at: '2024-06-03', status: 'won', value: 10 }],
      introRequests: [{ id: 'iq1', requester: 'ann2', connector: 'me', target: 'eve', at: '2024-06-04T10:00:00Z', status: 'asked', changes: [{ status: 'asked', at: '2024-06-04T10:00:00Z' }] }],
    };
    expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when previewed, then it lists what moves and what is dropped and writes nothing', async () => {
    const before = (await api.call('GET', '/api/export')).body;
    const r = await api.call('POST', '/api/people/merge/preview', { keep: 'ann', remove: 'ann2' });
    expect(r.status).toBe(200);
    // every collection is always counted, 0 included (intro requests as the rest)
    expect(r.body.moved).toStrictEqual({ memberships: 0, attendance: 0, interactions: 1, referrals: 1, dismissals: 0, introRequests: 1 });
    expect(r.body.dropped).toStrictEqual({ memberships: 1, attendance: 0, interactions: 1, referrals: 0, dismissals: 0, introRequests: 0 });
    expect(r.body.merged).toEqual({ id: 'ann', name: 'Ann', email: 'ann@example.org', company: 'Acme', tags: ['bni'], attributes: { phone: '+33 1 23 45 67 89' } });
    expect(r.body.conflicts).toEqual([
      { field: 'name', kept: 'Ann', dropped: 'Ann A.' },
      { field: 'email', kept: 'ann@example.org', dropped: 'other@example.org' },
    ]);
    expect((await api.call('GET', '/api/export')).body).toStrictEqual(before);
  });

  it('when documented, then moved and dropped require a count for every collection (none left optional)', () => {
    for (const path of ['/api/people/merge/preview', '/api/people/merge']) {
      const schema = resolve((OPENAPI_DOCUMENT as Schema).paths[path].post.responses['200'].content['application/json'].schema);
      for (const field of ['moved', 'dropped']) {
        const counts = resolve(schema.properties[field]);
        expect(Object.keys(counts.properties).sort(), `${path} ${field}`).toEqual(['attendance', 'dismissals', 'interactions', 'introRequests', 'memberships', 'referrals']);
        expect([...counts.required].sort(), `${path} ${field}`).toEqual(Object.keys(counts.properties).sort());
      }
    }
  });

  it('when the request is bad, then 400/404 and the export is unchanged', async () => {
    const before = (await api.call('GET', '/api/export')).body;
    expect(isProblem(await api.call('POST', '/api/people/merge', { keep: 'ann', remove: 'ann' }), 400)).toBe(true);
    expect(isProblem(await api.call('POST', '/api/people/merge', { keep: 'ann', remove: 'ghost' }), 404)).toBe(true);
    expect(isProblem(await api.call('POST', '/api/people/merge', { keep: 'ann' }), 400)).toBe(true);
    expect((await api.call('GET', '/api/export')).body).toStrictEqual(before);
  });

  it('when applied, then the duplicate is gone and every record names the kept person', async () => {
    const r = await api.call('POST', '/api/people/merge', { keep: 'ann', remove: 'ann2' });
    expect(r.status).toBe(200);
    const doc = (await api.call('GET', '/api/export')).body;
    expect(JSON.stringify(doc)).not.toContain('ann2');
    expect(doc.memberships).toEqual([{ person: 'ann', group: 'g' }]);
    expect(doc.interactions.find((i: { id: string }) => i.id === 'i2')).toMatchObject({ a: 'ann', b: 'dan' });
    expect(doc.interactions.find((i: { id: string }) => i.id === 'i3')).toBeUndefined();
    expect(doc.referrals.find((x: { id: string }) => x.id === 'r2')).toMatchObject({ from: 'ann', to: 'me' });
    expect(isProblem(await api.call('GET', '/api/people/ann2'), 404)).toBe(true);
  });
});

describe('the currency in server-made sentences', () => {
  it('when CURRENCY is set, then a re-networking reason gives referral values in it, grouped', async () => {
    const api = await startTestApi({ CURRENCY: 'usd' });
    try {
      const doc = {
        people: [{ id: 'me', name: 'Me' }, { id: 'bo', name: 'Bo' }],
        referrals: [
          { id: 'r1', from: 'me', to: 'bo', at: '2024-01-02', status: 'won', value: 6000 },
          { id: 'r2', from: 'bo', to: 'me', at: '2024-01-03', status: 'won', value: 4140 },
        ],
      };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      const r = await api.call('GET', `/api/renetworking?person=me&asOf=${asOf}`);
      expect(r.status).toBe(200);
      expect(r.body.queue.map((q: { person: string; reason: string }) => [q.person, q.reason])).toEqual([['bo', expect.stringContaining('2 referrals exchanged worth $10,140')]]);
    } finally {
      await api.close();
    }
  });
});

describe('a dismissal hides its row from its own date on', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
  });
  afterAll(() => api.close());
  const keys = (rows: { key: string }[]) => rows.map((r) => r.key);
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

  it('when a row is hidden now, then the week as of an earlier date still shows it, and the week from now on hides it', async () => {
    const made = await api.call('POST', '/api/people/me/week/dismissals', { row: 'owed:eve', kind: 'not_relevant' });
    expect(made.status).toBe(201);
    const snoozed = await api.call('POST', '/api/people/me/week/dismissals', { row: 'dormant:dan', kind: 'snoozed', until: inDays(30).slice(0, 10) });
    expect(snoozed.status).toBe(201);
    for (const past of [asOf, '2024-06-30', new Date(Date.parse(made.body.at) - 60_000).toISOString()]) {
      const then = await api.call('GET', `/api/people/me/week?asOf=${past}`);
      expect(keys(then.body.owed), past).toEqual(['owed:eve']);
      expect(keys(then.body.dormant), past).toContain('dormant:dan');
      expect(then.body.hidden, past).toEqual([]);
    }
    // stamped with its own instant: the week as of a moment before still shows it, the week asked right after (no date: the end of the minute) hides it
    const justBefore = await api.call('GET', `/api/people/me/week?asOf=${new Date(Date.parse(made.body.at) - 1).toISOString()}`);
    expect(keys(justBefore.body.owed)).toEqual(['owed:eve']);
    const rightAfter = await api.call('GET', '/api/people/me/week');
    expect(keys(rightAfter.body.owed)).toEqual([]);
    expect(rightAfter.body.hidden.map((h: { key: string }) => h.key)).toEqual(['dormant:dan', 'owed:eve']);
    for (const later of [inDays(1), inDays(29)]) {
      const now = await api.call('GET', `/api/people/me/week?asOf=${later}`);
      expect(keys(now.body.owed), later).toEqual([]);
      expect(keys(now.body.dormant), later).not.toContain('dormant:dan');
      expect(now.body.hidden.map((h: { key: string }) => h.key), later).toEqual(['dormant:dan', 'owed:eve']);
    }
    // the snooze is over: back on its own; not relevant stays hidden
    const after = await api.call('GET', `/api/people/me/week?asOf=${inDays(31)}`);
    expect(keys(after.body.dormant)).toContain('dormant:dan');
    expect(keys(after.body.owed)).toEqual([]);
    for (const row of ['owed:eve', 'dormant:dan']) expect((await api.call('DELETE', `/api/people/me/week/dismissals/${encodeURIComponent(row)}`)).status).toBe(204);
  });

  it('when a snooze ends at or before the dismissal\'s own date, then 400 naming until, and nothing is written', async () => {
    const before = (await api.call('GET', '/api/export')).body;
    const yesterday = inDays(-1);
    for (const until of ['2024-07-15', yesterday.slice(0, 10), yesterday, new Date().toISOString().slice(0, 10)]) {
      const r = await api.call('POST', '/api/people/me/week/dismissals', { row: 'dormant:dan', kind: 'snoozed', until });
      expect(isProblem(r, 400), `${until} → ${r.status}`).toBe(true);
      expect(r.body.errors).toEqual([{ path: '/until', message: expect.stringMatching(/must be after the dismissal's own date/) }]);
    }
    expect((await api.call('GET', '/api/export')).body).toEqual(before);
  });

  it('when an imported dismissal snoozes until a date not after its own, then 400 naming its until', async () => {
    const at = '2024-06-28T09:00:00.000Z';
    const dismissals = [
      { id: dismissalId('me', 'dormant:dan'), person: 'me', row: 'dormant:dan', kind: 'snoozed', until: '2024-06-28', at },
      { id: dismissalId('me', 'owed:eve'), person: 'me', row: 'owed:eve', kind: 'snoozed', until: at, at },
    ];
    const r = await api.call('POST', '/api/import', { dismissals });
    expect(isProblem(r, 400)).toBe(true);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['/dismissals/0/until', '/dismissals/1/until']);
  });
});
