/**
 * A referral's dated status history (`changes`, graph/service/referral-status.ts): closing a slip
 * today changes no answer about an earlier date, over HTTP, and a history that contradicts its
 * referral is refused, naming where.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type Reply, type TestApi } from './harness.js';

const network = {
  people: [
    { id: 'ann', name: 'Ann', profession: 'lawyer' },
    { id: 'bob', name: 'Bob', profession: 'banker' },
    { id: 'cy', name: 'Cy', profession: 'baker' },
  ],
  groups: [{ id: 'g1', name: 'Chapter' }],
  memberships: [
    { person: 'ann', group: 'g1', since: '2026-01-01' },
    { person: 'bob', group: 'g1', since: '2026-01-01' },
  ],
  events: [{ id: 'ev1', name: 'Breakfast', at: '2026-03-02', group: 'g1' }],
  attendance: [
    { person: 'ann', event: 'ev1' },
    { person: 'bob', event: 'ev1' },
  ],
  interactions: [{ id: 'i1', a: 'cy', b: 'ann', kind: 'call', at: '2026-02-01' }],
  referrals: [
    { id: 'r1', from: 'ann', to: 'bob', at: '2026-03-10', status: 'passed', prospect: 'Dee' },
    { id: 'r2', from: 'bob', to: 'ann', at: '2026-03-12', status: 'passed' },
  ],
};

const APRIL = '2026-04-15';
/** Every answer of the brief read as of April: a tie's stage and evidence, a path's cost, the group's return on attendance, the chapter report, the week. */
const aprilReads = [
  `/api/relationships/ann/bob?asOf=${APRIL}`,
  `/api/paths?from=cy&to=bob&asOf=${APRIL}`,
  `/api/groups/g1/metrics?asOf=${APRIL}`,
  `/api/groups/g1/report?asOf=${APRIL}&from=2026-01-01`,
  `/api/people/ann/week?asOf=${APRIL}`,
  `/api/people/bob/week?asOf=${APRIL}`,
  `/api/metrics/network?asOf=${APRIL}`,
];

describe('a referral closed after the date asked about', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
  });
  afterEach(() => api.close());

  const read = async (path: string) => {
    const r = await api.call('GET', path);
    expect(r.status, path).toBe(200);
    // when a background computation ran is no part of the answer
    return JSON.parse(JSON.stringify(r.body, (key, value: unknown) => (key === 'computedAt' ? undefined : value))) as unknown;
  };

  it('when a slip passed in March is PATCHed won in December, then every answer as of April is what it was before the PATCH, and answers after the close show it won', async () => {
    const before = await Promise.all(aprilReads.map(read));
    expect((before[0] as { vcp: { stage: string } }).vcp.stage).toBe('credibility');

    const won = await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 5000 });
    expect(won.status).toBe(200);
    // A slip never moved has no history, and exports as it was imported.
    expect((await api.call('GET', '/api/export')).body.referrals[1]).toStrictEqual(network.referrals[1]);

    const after = await Promise.all(aprilReads.map(read));
    for (let i = 0; i < aprilReads.length; i++) expect(after[i], aprilReads[i]).toStrictEqual(before[i]);
    // As of April the slip was still open: in the week's slips, not won anywhere.
    const week = before[4] as { slips: { referral: string; status: string }[] };
    expect(week.slips.map((s) => [s.referral, s.status])).toContainEqual(['r1', 'passed']);

    // Now (after the close): won, worth 5000, the tie at profitability, the slip no longer open.
    const now = (await read('/api/relationships/ann/bob')) as { vcp: { stage: string; evidence: { referralsWon: number; referralValueGiven: number } } };
    expect(now.vcp.stage).toBe('profitability');
    expect(now.vcp.evidence).toMatchObject({ referralsWon: 1, referralValueGiven: 5000 });
    const group = (await read('/api/groups/g1/metrics')) as { returnOnAttendance: { won: number; wonValue: number } };
    expect(group.returnOnAttendance).toMatchObject({ won: 1, wonValue: 5000 });
    const report = (await read('/api/groups/g1/report?from=2026-01-01')) as { members: { person: string; tyfcb: { generated: number } }[] };
    expect(report.members.find((m) => m.person === 'ann')!.tyfcb.generated).toBe(5000);
    const weekNow = (await read('/api/people/ann/week')) as { slips: { referral: string }[] };
    expect(weekNow.slips.map((s) => s.referral)).not.toContain('r1');
  });

  it('when a slip is PATCHed and PUT, then each move is recorded, dated by the server, its first entry the slip as passed', async () => {
    const start = Date.now();
    const contacted = await api.call('PATCH', '/api/referrals/r1', { status: 'contacted' });
    expect(contacted.status).toBe(200);
    expect(contacted.body.changes).toHaveLength(2);
    expect(contacted.body.changes[0]).toStrictEqual({ status: 'passed', at: '2026-03-10' });
    expect(contacted.body.changes[1].status).toBe('contacted');
    const movedAt = Date.parse(contacted.body.changes[1].at);
    expect(movedAt).toBeGreaterThanOrEqual(start - 60_000);
    expect(movedAt).toBeLessThanOrEqual(Date.now());

    const { changes: _kept, ...fields } = contacted.body;
    const put = await api.call('PUT', '/api/referrals/r1', { ...fields, status: 'won', value: 300 });
    expect(put.status).toBe(200);
    expect(put.body.changes.map((c: { status: string; value?: number }) => [c.status, c.value])).toStrictEqual([
      ['passed', undefined],
      ['contacted', undefined],
      ['won', 300],
    ]);
    // A write that moves nothing keeps the history as it is.
    const note = await api.call('PATCH', '/api/referrals/r1', { note: 'thanks' });
    expect(note.body.changes).toStrictEqual(put.body.changes);
    expect((await api.call('GET', '/api/referrals/r1')).body.changes).toStrictEqual(put.body.changes);
  });

  it('when the receiver of a slip with a history is merged into another person, then the slip keeps its history', async () => {
    const moved = (await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 9 })).body;
    expect((await api.call('POST', '/api/people', { id: 'bob2', name: 'Bob Two' })).status).toBe(201);
    expect((await api.call('POST', '/api/people/merge', { keep: 'bob2', remove: 'bob' })).status).toBe(200);
    expect((await api.call('GET', '/api/referrals/r1')).body).toStrictEqual({ ...moved, to: 'bob2' });
  });

  it('when a client gives a backdated history, then it is kept as given and answers follow its dates', async () => {
    const changes = [
      { status: 'passed', at: '2026-03-10' },
      { status: 'won', at: '2026-04-01', value: 800, note: 'won on the 1st of April' },
    ];
    const r = await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 800, changes });
    expect(r.status).toBe(200);
    expect(r.body.changes).toStrictEqual(changes);
    const march = (await read('/api/relationships/ann/bob?asOf=2026-03-31')) as { vcp: { stage: string } };
    const april = (await read(`/api/relationships/ann/bob?asOf=${APRIL}`)) as { vcp: { stage: string; evidence: { referralValueGiven: number } } };
    expect(march.vcp.stage).toBe('credibility');
    expect(april.vcp.stage).toBe('profitability');
    expect(april.vcp.evidence.referralValueGiven).toBe(800);
  });

  it('when a history contradicts its referral, then 400 naming /changes… and nothing is written, by PATCH, PUT, POST and import alike', async () => {
    const cases: [string, unknown[], Record<string, unknown>, string][] = [
      ['status mismatch', [{ status: 'passed', at: '2026-03-10' }, { status: 'contacted', at: '2026-04-01' }], { status: 'won' }, '/changes'],
      ['value mismatch', [{ status: 'passed', at: '2026-03-10' }, { status: 'won', at: '2026-04-01', value: 1 }], { status: 'won', value: 2 }, '/changes'],
      ['out of order', [{ status: 'passed', at: '2026-03-10' }, { status: 'contacted', at: '2026-05-01' }, { status: 'won', at: '2026-04-01' }], { status: 'won' }, '/changes/2/at'],
      ['a forbidden move', [{ status: 'passed', at: '2026-03-10' }, { status: 'lost', at: '2026-04-01' }, { status: 'won', at: '2026-05-01' }], { status: 'won' }, '/changes/2/status'],
      ['first entry not at the referral’s at', [{ status: 'passed', at: '2026-03-11' }, { status: 'won', at: '2026-04-01' }], { status: 'won' }, '/changes/0/at'],
    ];
    const stored = (await api.call('GET', '/api/referrals/r1')).body;
    for (const [what, changes, fields, path] of cases) {
      const patch = await api.call('PATCH', '/api/referrals/r1', { ...fields, changes });
      expect(isProblem(patch, 400), what).toBe(true);
      expect(patch.body.errors.map((e: { path: string }) => e.path), what).toContain(path);
      const put = await api.call('PUT', '/api/referrals/r1', { ...stored, ...fields, changes });
      expect(isProblem(put, 400), what).toBe(true);
      expect(put.body.errors.map((e: { path: string }) => e.path), what).toContain(path);
      const post = await api.call('POST', '/api/referrals', { from: 'ann', to: 'bob', at: '2026-03-10', ...fields, changes });
      expect(isProblem(post, 400), what).toBe(true);
      expect(post.body.errors.map((e: { path: string }) => e.path), what).toContain(path);
      const imported = await api.call('POST', '/api/import', { referrals: [{ ...stored, ...fields, changes }] });
      expect(isProblem(imported, 400), what).toBe(true);
      expect(imported.body.errors.map((e: { path: string }) => e.path), what).toContain(`/referrals/0${path}`);
    }
    expect((await api.call('GET', '/api/referrals/r1')).body).toStrictEqual(stored);
    expect((await api.call('GET', '/api/referrals')).body.items).toHaveLength(2);
  });

  it('when an import would move a closed slip back (an older document restored), with or without its history, then it is refused as PUT refuses it, naming the slip, and no answer about any date changes', async () => {
    expect((await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 70 })).status).toBe(200);
    const won = (await api.call('GET', '/api/referrals/r1')).body;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const reads = [...aprilReads, `/api/relationships/ann/bob?asOf=${yesterday}`, `/api/metrics/network?asOf=${yesterday}`, '/api/relationships/ann/bob'];
    const before = await Promise.all(reads.map(read));
    const older = { ...network, referrals: [network.referrals[1], network.referrals[0]] };
    const put = await api.call('PUT', '/api/referrals/r1', network.referrals[0]);
    expect(isProblem(put, 409)).toBe(true);
    for (const doc of [older, { referrals: [{ ...network.referrals[0], changes: [{ status: 'passed', at: network.referrals[0]!.at }] }] }]) {
      const imported = await api.call('POST', '/api/import', doc);
      expect(isProblem(imported, 400, 'validation')).toBe(true);
      const at = doc === older ? 1 : 0;
      expect(imported.body.errors).toEqual([{ path: `/referrals/${at}/status`, message: put.body.detail }]);
    }
    expect((await api.call('GET', '/api/referrals/r1')).body).toStrictEqual(won);
    expect(await Promise.all(reads.map(read))).toStrictEqual(before);
  });

  it('when an import replaces a slip with a new status and no history, then the move is recorded; an export imports back unchanged', async () => {
    const imported = await api.call('POST', '/api/import', { referrals: [{ ...network.referrals[0], status: 'won', value: 70 }] });
    expect(imported.status).toBe(200);
    const r1 = (await api.call('GET', '/api/referrals/r1')).body;
    expect(r1.changes.map((c: { status: string; value?: number }) => [c.status, c.value])).toStrictEqual([
      ['passed', undefined],
      ['won', 70],
    ]);
    expect((await read(`/api/relationships/ann/bob?asOf=${APRIL}`)) as { vcp: { stage: string } }).toMatchObject({ vcp: { stage: 'credibility' } });

    // A spreadsheet of slips re-imported with a later move records it as well, after the first.
    const csv = ['id,from,to,at,status,value,prospect', 'r2,bob,ann,2026-03-12,contacted,,'].join('\n');
    expect((await api.call('POST', '/api/import?format=referrals', csv, { 'content-type': 'text/csv' })).status).toBe(200);
    const r2 = (await api.call('GET', '/api/referrals/r2')).body;
    expect(r2.changes.map((c: { status: string }) => c.status)).toStrictEqual(['passed', 'contacted']);
    const { changes: _r2History, ...r2Fields } = r2;

    const exported = (await api.call('GET', '/api/export')).body;
    expect(exported.referrals.find((r: { id: string }) => r.id === 'r1')).toStrictEqual(r1);
    expect(exported.referrals.find((r: { id: string }) => r.id === 'r2')).toStrictEqual(r2);
    expect(r2Fields).toStrictEqual({ ...network.referrals[1], status: 'contacted' });
    const again = await api.call('POST', '/api/import', exported);
    expect(again.status).toBe(200);
    expect(again.body.unchanged.referrals).toBe(2);
    expect(again.body.updated.referrals).toBe(0);
  });
});

describe('a history dated after the server clock', () => {
  // The server's now, set by the test (no waiting): 7 December 2026, 10:15:42.
  let now = new Date('2026-12-07T10:15:42Z');
  let api: TestApi;
  beforeEach(async () => {
    now = new Date('2026-12-07T10:15:42Z');
    api = await startTestApi({}, { clock: () => now });
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
  });
  afterEach(() => api.close());

  const future = [
    { status: 'passed', at: '2026-03-10' },
    { status: 'won', at: '2031-01-01', value: 5000 },
  ];

  it('when a PUT, PATCH, POST or import gives a change dated after now, then 400 naming its at, "in the future", and nothing is written', async () => {
    const stored = (await api.call('GET', '/api/referrals/r1')).body;
    const put = await api.call('PUT', '/api/referrals/r1', { ...network.referrals[0], status: 'won', value: 5000, changes: future });
    expect(put.status).toBe(400);
    expect(isProblem(put, 400, 'validation')).toBe(true);
    expect(put.body.errors).toStrictEqual([{ path: '/changes/1/at', message: expect.stringContaining('2031-01-01 is in the future') }]);
    expect(put.body.detail).toMatch(/^\/changes\/1\/at: 2031-01-01 is in the future .*leave changes out/);

    const patch = await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 5000, changes: future });
    expect(patch.status).toBe(400);
    expect(patch.body.errors.map((e: { path: string }) => e.path)).toStrictEqual(['/changes/1/at']);

    const post = await api.call('POST', '/api/referrals', { from: 'cy', to: 'bob', at: '2026-03-10', status: 'won', value: 5000, changes: future });
    expect(post.status).toBe(400);
    expect(post.body.errors.map((e: { path: string }) => e.path)).toStrictEqual(['/changes/1/at']);

    // A minute ahead is ahead: the clock decides, not the day.
    const imported = await api.call('POST', '/api/import', {
      referrals: [{ ...network.referrals[0], status: 'contacted', changes: [future[0], { status: 'contacted', at: '2026-12-07T10:16:42Z' }] }],
    });
    expect(imported.status).toBe(400);
    expect(imported.body.errors).toStrictEqual([{ path: '/referrals/0/changes/1/at', message: expect.stringContaining('is in the future') }]);
    expect((await api.call('GET', '/api/referrals/r1')).body).toStrictEqual(stored);
    expect((await api.call('GET', '/api/referrals')).body.items).toHaveLength(2);
  });

  it('when an import gives an intro request a change dated after now, then 400 naming /introRequests/N/changes/M/at', async () => {
    const imported = await api.call('POST', '/api/import', {
      interactions: [{ id: 'i2', a: 'ann', b: 'bob', kind: 'call', at: '2026-02-01' }],
      introRequests: [
        {
          id: 'iq-1', requester: 'cy', connector: 'ann', target: 'bob', at: '2026-11-01', status: 'accepted',
          changes: [{ status: 'asked', at: '2026-11-01' }, { status: 'accepted', at: '2027-02-01' }],
        },
      ],
    });
    expect(imported.status).toBe(400);
    expect(imported.body.errors).toStrictEqual([{ path: '/introRequests/0/changes/1/at', message: expect.stringContaining('2027-02-01 is in the future') }]);
  });

  it('when a change is dated now, to the second, then it is kept, and a move recorded later is dated at its own instant, never before', async () => {
    const at = '2026-12-07T10:15:30Z';
    const given = await api.call('PATCH', '/api/referrals/r1', { status: 'contacted', changes: [future[0], { status: 'contacted', at }] });
    expect(given.status).toBe(200);
    const before = (await api.call('GET', '/api/relationships/ann/bob?asOf=2026-12-07T10:15:41Z')).body;
    const won = await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 10 });
    expect(won.status).toBe(200);
    expect(won.body.changes.at(-1)).toStrictEqual({ status: 'won', at: '2026-12-07T10:15:42.000Z', value: 10 });
    // Dated to the minute (10:15:00), the move changed the answer as of a second before it was made.
    expect((await api.call('GET', '/api/relationships/ann/bob?asOf=2026-12-07T10:15:41Z')).body).toStrictEqual(before);
  });

  it('when the stored history runs past the clock (written by a clock ahead), then a move the server would date is refused (409), saying why and what to send; a write that moves nothing is kept', async () => {
    now = new Date('2031-06-01T00:00:00Z');
    expect((await api.call('PUT', '/api/referrals/r1', { ...network.referrals[0], status: 'won', value: 5000, changes: future })).status).toBe(200);
    now = new Date('2026-12-07T10:15:42Z');
    const stored = (await api.call('GET', '/api/referrals/r1')).body;

    const moved = await api.call('PATCH', '/api/referrals/r1', { value: 6000 });
    expect(moved.status).toBe(409);
    expect(isProblem(moved, 409, 'conflict')).toBe(true);
    expect(moved.body.detail).toContain('its history runs to 2031-01-01, after the server\'s clock (2026-12-07T10:15:42.000Z)');
    expect(moved.body.detail).toContain('send its history (changes) with the write, each change dated by now');
    expect((await api.call('GET', '/api/referrals/r1')).body).toStrictEqual(stored);

    expect((await api.call('PATCH', '/api/referrals/r1', { note: 'called twice' })).status).toBe(200);
    // The way out: the history, dated as it happened.
    const fixed = await api.call('PATCH', '/api/referrals/r1', { value: 6000, changes: [future[0], { status: 'won', at: '2026-12-01', value: 6000 }] });
    expect(fixed.status).toBe(200);
    expect((await api.call('GET', '/api/relationships/ann/bob')).body.vcp.evidence).toMatchObject({ referralsWon: 1, referralValueGiven: 6000 });
  });

  it('when a slip is dated after the clock, then moving it is refused (409) rather than dated ahead', async () => {
    expect((await api.call('POST', '/api/referrals', { id: 'r9', from: 'cy', to: 'bob', at: '2027-01-05', status: 'passed' })).status).toBe(201);
    const moved = await api.call('PATCH', '/api/referrals/r9', { status: 'contacted' });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toContain('the referral is dated 2027-01-05, after the server\'s clock');
  });
});

describe("a slip's recorded history is kept by every write", () => {
  // The server's now: 7 December 2026, so a move recorded now is after the week asked about (15 November).
  const now = new Date('2026-12-07T10:15:42Z');
  const MERGE = { 'content-type': 'application/merge-patch+json' };
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi({}, { clock: () => now });
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
    expect((await api.call('POST', '/api/referrals', { id: 'qa-r1', from: 'ann', to: 'cy', at: '2026-11-01', status: 'passed' })).status).toBe(201);
    expect((await api.call('PATCH', '/api/referrals/qa-r1', { status: 'won', value: 1000 }, MERGE)).status).toBe(200);
  });
  afterEach(() => api.close());

  const openSlips = async () => {
    const week = await api.call('GET', '/api/people/ann/week?asOf=2026-11-15');
    expect(week.status).toBe(200);
    return (week.body as { slips: { referral: string; status: string }[] }).slips.map((s) => [s.referral, s.status]);
  };
  const errorPaths = (r: { body: { errors: { path: string }[] } }) => r.body.errors.map((e) => e.path);

  it('when a PATCH, PUT or import removes or empties the history of a moved slip, then 400 on /changes saying it is kept, and no answer about an earlier date changes', async () => {
    const stored = (await api.call('GET', '/api/referrals/qa-r1')).body;
    expect(stored.changes.map((c: { status: string }) => c.status)).toStrictEqual(['passed', 'won']);
    expect(await openSlips()).toContainEqual(['qa-r1', 'passed']);
    const { changes: _history, ...fields } = stored;

    const writes: [string, () => Promise<Reply>, string][] = [
      ['PATCH changes null', () => api.call('PATCH', '/api/referrals/qa-r1', { changes: null }, MERGE), '/changes'],
      ['PATCH changes []', () => api.call('PATCH', '/api/referrals/qa-r1', { changes: [] }, MERGE), '/changes'],
      ['PATCH changes null with a note', () => api.call('PATCH', '/api/referrals/qa-r1', { changes: null, note: 'x' }), '/changes'],
      ['PUT changes []', () => api.call('PUT', '/api/referrals/qa-r1', { ...fields, changes: [] }), '/changes'],
      ['import changes []', () => api.call('POST', '/api/import', { referrals: [{ ...fields, changes: [] }] }), '/referrals/0/changes'],
    ];
    for (const [what, write, path] of writes) {
      const r = await write();
      expect(isProblem(r, 400, 'validation'), what).toBe(true);
      expect(errorPaths(r), what).toStrictEqual([path]);
      expect(r.body.detail, what).toMatch(/recorded history/);
    }
    expect((await api.call('GET', '/api/referrals/qa-r1')).body).toStrictEqual(stored);
    expect(await openSlips()).toContainEqual(['qa-r1', 'passed']);
  });

  it('when a given history rewrites, leaves out or slips a move between recorded changes (its status, date or value), then 400 naming it; one that keeps them and adds a later move, or only edits a note, is kept', async () => {
    const stored = (await api.call('GET', '/api/referrals/qa-r1')).body;
    const [passed, won] = stored.changes as { status: string; at: string; value?: number }[];
    const cases: [string, Record<string, unknown>, string][] = [
      ['the close backdated', { changes: [passed, { ...won, at: '2026-11-10' }] }, '/changes/1/at'],
      ['the value rewritten', { value: 2000, changes: [passed, { ...won, value: 2000 }] }, '/changes/1/value'],
      ['a move slipped in', { changes: [passed, { status: 'contacted', at: '2026-11-10' }, won] }, '/changes/1/status'],
    ];
    for (const [what, patch, path] of cases) {
      const r = await api.call('PATCH', '/api/referrals/qa-r1', patch, MERGE);
      expect(isProblem(r, 400, 'validation'), what).toBe(true);
      expect(errorPaths(r), what).toContain(path);
      const put = await api.call('PUT', '/api/referrals/qa-r1', { ...stored, ...patch, value: 'value' in patch ? (patch.value ?? undefined) : stored.value });
      expect(put.status, what).toBe(400);
      const imported = await api.call('POST', '/api/import', { referrals: [{ ...stored, ...patch, value: 'value' in patch ? (patch.value ?? undefined) : stored.value }] });
      expect(imported.status, what).toBe(400);
      expect(errorPaths(imported), what).toContain(`/referrals/0${path}`);
    }
    expect((await api.call('GET', '/api/referrals/qa-r1')).body).toStrictEqual(stored);

    // A value given to a slip still passed is a move too: a history ending before it leaves it out.
    expect((await api.call('POST', '/api/referrals', { id: 'qa-r3', from: 'ann', to: 'cy', at: '2026-11-01', status: 'passed' })).status).toBe(201);
    const valued = (await api.call('PATCH', '/api/referrals/qa-r3', { value: 5 })).body;
    expect(valued.changes).toHaveLength(2);
    const cut = await api.call('PATCH', '/api/referrals/qa-r3', { value: null, changes: [valued.changes[0]] }, MERGE);
    expect(isProblem(cut, 400, 'validation')).toBe(true);
    expect(errorPaths(cut)).toStrictEqual(['/changes']);
    expect(cut.body.detail).toContain('leaves out');
    expect((await api.call('GET', '/api/referrals/qa-r3')).body).toStrictEqual(valued);

    // The same entries, spelled as a date-time, and a note on one: no answer reads a note.
    const noted = [{ ...passed, at: '2026-11-01T00:00:00.000Z', note: 'from the breakfast' }, won];
    const kept = await api.call('PATCH', '/api/referrals/qa-r1', { changes: noted });
    expect(kept.status).toBe(200);
    expect(kept.body.changes[0].note).toBe('from the breakfast');

    // A slip moved once, then closed by a history that keeps that move and backdates the close after it.
    expect((await api.call('POST', '/api/referrals', { id: 'qa-r2', from: 'ann', to: 'cy', at: '2026-11-01', status: 'passed' })).status).toBe(201);
    const contacted = (await api.call('PATCH', '/api/referrals/qa-r2', { status: 'contacted' })).body;
    const closed = await api.call('PATCH', '/api/referrals/qa-r2', {
      status: 'won', value: 5, changes: [...contacted.changes, { status: 'won', at: '2026-12-07T10:15:42Z', value: 5 }],
    });
    expect(closed.status).toBe(200);
    expect(closed.body.changes.map((c: { status: string }) => c.status)).toStrictEqual(['passed', 'contacted', 'won']);
  });

  it('when a slip with no history is given an empty one, or one not starting as it was recorded, with a move, then 400; without a move, it stays as it was', async () => {
    const r2 = (await api.call('GET', '/api/referrals/r2')).body;
    expect(r2.changes).toBeUndefined();
    for (const changes of [null, []]) {
      const r = await api.call('PATCH', '/api/referrals/r2', { status: 'won', value: 1, changes }, MERGE);
      expect(isProblem(r, 400, 'validation'), JSON.stringify(changes)).toBe(true);
      expect(errorPaths(r)).toStrictEqual(['/changes']);
      expect(r.body.detail).toContain('passed');
    }
    const rewritten = await api.call('PATCH', '/api/referrals/r2', { status: 'won', value: 1, changes: [{ status: 'contacted', at: r2.at }, { status: 'won', at: '2026-04-01', value: 1 }] });
    expect(errorPaths(rewritten)).toStrictEqual(['/changes/0/status']);
    expect((await api.call('GET', '/api/referrals/r2')).body).toStrictEqual(r2);

    expect((await api.call('PATCH', '/api/referrals/r2', { changes: null, note: 'x' }, MERGE)).status).toBe(200);
    const emptied = await api.call('PATCH', '/api/referrals/r2', { changes: [] });
    expect(emptied.status).toBe(200);
    expect(emptied.body).toMatchObject({ ...r2, note: 'x' });
  });
});
