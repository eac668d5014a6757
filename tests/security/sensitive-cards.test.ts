/**
 * Contact cards leave sensitive fields out in every answer that carries them (docs/SECURITY.md:
 * "sensitive fields (company, title, profession) are left out of cards"): with
 * SENSITIVE_ATTRIBUTES=company,title, no answer naming people says anyone's company or title —
 * "this week" (QA: its cards kept them), introductions, paths, the chapter report, the gap
 * report's candidates, the renetworking queue and the map — while the person record itself still
 * holds them (the data, not an answer about it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountsApi, type AccountsApi } from './accounts-support.js';

const SENSITIVE = ['company', 'title'];

/** The JSON pointers of every key named like a sensitive field, anywhere in an answer. */
function sensitiveKeys(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sensitiveKeys(v, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(SENSITIVE.includes(k) ? [`${at}/${k}`] : []), ...sensitiveKeys(v, `${at}/${k}`)]);
}

describe('contact cards on sensitive fields (SENSITIVE_ATTRIBUTES=company,title)', () => {
  let api: AccountsApi;
  beforeAll(async () => {
    api = await startAccountsApi({ env: { SENSITIVE_ATTRIBUTES: SENSITIVE.join(',') } });
  });
  afterAll(() => api.close());

  const ANSWERS = [
    '/api/people/p002/week',
    '/api/people/p002/introductions',
    '/api/paths?from=p002&to=p150&k=5',
    '/api/groups/g1/report',
    '/api/reports/diversity-gap?person=p002&dimension=industry',
    '/api/reports/diversity-gap?group=g1&dimension=profession',
    '/api/renetworking?person=p002',
    '/api/map',
  ];

  it.each(ANSWERS)('when %s is asked for, then no card in it carries a sensitive field', async (path) => {
    const r = await api.call('GET', path);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(sensitiveKeys(r.body)).toEqual([]);
  });

  it('when the answers are asked for, then they do name people with cards (the check above is not vacuous)', async () => {
    const week = (await api.call('GET', '/api/people/p002/week')).body;
    const rows = [week.followUps, week.dormant, week.owed, week.introductions, week.slips].flat();
    expect(rows.length).toBeGreaterThan(0);
    expect(week.person).toMatchObject({ id: 'p002', name: expect.any(String), email: expect.any(String) });
    expect((await api.call('GET', '/api/groups/g1/report')).body.people.length).toBeGreaterThan(0);
    expect((await api.call('GET', '/api/paths?from=p002&to=p150&k=5')).body.contacts.length).toBeGreaterThan(0);
    const record = (await api.call('GET', '/api/people/p002')).body;
    expect(record.company).toEqual(expect.any(String));
  });
});
