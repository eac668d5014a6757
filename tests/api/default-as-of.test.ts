/**
 * An answer asked for no date is as of now: a record dated a few seconds ago counts at once,
 * in every answer, as it does in the list that shows it; one dated later than the current minute
 * does not. The clock is set mid-minute, where rounding "now" down left such records out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;
const now = Date.parse('2026-03-10T10:15:42.500Z');
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  api = await startTestApi();
  const seeded = await api.call('POST', '/api/import', { people: [{ id: 'ann', name: 'Ann' }, { id: 'bob', name: 'Bob' }, { id: 'cy', name: 'Cy' }] });
  expect(seeded.status).toBe(200);
});
afterEach(async () => {
  await api.close();
  vi.useRealTimers();
});

describe('answers asked for no date', () => {
  it('when a meeting is logged seconds ago, then the tie, the metrics and the paths count it at once', async () => {
    for (const [id, seconds] of [['i1', 2], ['i2', 40]] as const) {
      const at = new Date(now - seconds * 1000).toISOString();
      expect((await api.call('POST', '/api/interactions', { id, a: 'ann', b: id === 'i1' ? 'bob' : 'cy', kind: 'one_to_one', at })).status).toBe(201);
    }
    const tie = await api.call('GET', '/api/relationships/ann/bob');
    expect(tie.status).toBe(200);
    expect(tie.body.tie).toBe(true);
    expect(tie.body.vcp.stage).toBe('credibility');
    const metrics = await api.call('GET', '/api/people/ann/metrics');
    expect(metrics.body.visibility.degree).toBe(2);
    expect(metrics.body.asOf).toBe('2026-03-10T10:15:59.999Z');
    const paths = await api.call('GET', '/api/paths?from=bob&to=cy');
    expect(paths.status).toBe(200);
    expect(paths.body.paths[0]).toMatchObject({ hops: 2 });
  });

  it('when a meeting is dated after the current minute, then no answer counts it yet', async () => {
    const at = new Date(Date.parse('2026-03-10T10:16:00.000Z')).toISOString();
    expect((await api.call('POST', '/api/interactions', { id: 'later', a: 'ann', b: 'bob', kind: 'one_to_one', at })).status).toBe(201);
    expect((await api.call('GET', '/api/relationships/ann/bob')).body.tie).toBe(false);
    expect((await api.call('GET', '/api/people/ann/metrics')).body.visibility.degree).toBe(0);
  });
});
