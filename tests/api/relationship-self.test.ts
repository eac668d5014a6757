/** GET /api/relationships/{a}/{b} names two people: a person and themselves have no relationship to report. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type TestApi } from './harness.js';

describe('a relationship of a person with themselves', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', { people: [{ id: 'p1', name: 'Ada' }, { id: 'p2', name: 'Bo' }] })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when a and b are the same person, then 400 on /path/b saying so', async () => {
    const r = await api.call('GET', '/api/relationships/p1/p1');
    expect(isProblem(r, 400, 'validation'), JSON.stringify(r.body)).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/path/b', message: expect.stringContaining('a person and themselves have no relationship') }]);
  });

  it('when the one id names no one, then 404 as for anyone unknown: a 400 would tell nobody from a contact withheld from the caller (404)', async () => {
    const r = await api.call('GET', '/api/relationships/ghost/ghost');
    expect(isProblem(r, 404), JSON.stringify(r.body)).toBe(true);
  });

  it('when a and b differ, then the relationship is answered', async () => {
    expect((await api.call('GET', '/api/relationships/p1/p2')).body.tie).toBe(false);
  });
});
