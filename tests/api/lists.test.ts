import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
const N = 120;
const people = Array.from({ length: N }, (_, i) => ({
  id: `p${String(i).padStart(3, '0')}`,
  name: `Person ${i}`,
  industry: i % 3 === 0 ? 'Law' : 'Finance',
}));

beforeAll(async () => {
  api = await startTestApi();
  const doc = {
    people: [
      ...people,
      { id: 'jose', name: 'José Núñez', company: 'Café Ltd', industry: 'Hospitality' },
      { id: 'mueller', name: 'Anna Müller', company: 'ACME', industry: 'law' },
      { id: 'chen', name: 'Li Chen', company: 'Straße & Co', tags: ['vip'] },
    ],
    groups: [{ id: 'g1', name: 'Chapter One' }],
    memberships: [{ person: 'jose', group: 'g1' }, { person: 'p005', group: 'g1' }, { person: 'p010', group: 'g1' }],
    referrals: [
      { id: 'r1', from: 'jose', to: 'p005', at: '2024-01-01', status: 'won' },
      { id: 'r2', from: 'p005', to: 'jose', at: '2024-01-02', status: 'passed' },
      { id: 'r3', from: 'p010', to: 'p005', at: '2024-01-03', status: 'won' },
    ],
  };
  expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
});
afterAll(() => api.close());

async function collectAll(path: string, startCursor: string | null = null): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = startCursor;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api.call('GET', path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''));
    expect(r.status).toBe(200);
    ids.push(...r.body.items.map((p: { id: string }) => p.id));
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return ids;
}

describe('list pagination', () => {
  it('when no limit is given, then a page has 50 items and a cursor', async () => {
    const r = await api.call('GET', '/api/people');
    expect(r.body.items).toHaveLength(50);
    expect(typeof r.body.nextCursor).toBe('string');
  });

  it('when pages are followed by cursor, then every person appears exactly once, in id order', async () => {
    const ids = await collectAll('/api/people?limit=7');
    expect(ids).toHaveLength(N + 3);
    expect(new Set(ids).size).toBe(N + 3);
    expect(ids).toEqual([...ids].sort());
  });

  it('when records are added between pages, then no record is skipped or repeated', async () => {
    const first = await api.call('GET', '/api/people?limit=10');
    await api.call('POST', '/api/people', { id: 'a-first', name: 'Sorts before the cursor' });
    await api.call('POST', '/api/people', { id: 'zz-last', name: 'Sorts after the cursor' });
    const rest = await collectAll('/api/people?limit=40', first.body.nextCursor);
    const seen = [...first.body.items.map((p: { id: string }) => p.id), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('zz-last');
    await api.call('DELETE', '/api/people/a-first');
    await api.call('DELETE', '/api/people/zz-last');
  });

  it('when hundreds of records arrive after a list was served, then the next list includes every one', async () => {
    await api.call('GET', '/api/people?limit=1');
    const extra = Array.from({ length: 300 }, (_, i) => ({ id: `late-${i}`, name: `Late ${i}` }));
    expect((await api.call('POST', '/api/import', { people: extra })).status).toBe(200);
    const ids = await collectAll('/api/people?limit=500');
    expect(ids.filter((id) => id.startsWith('late-'))).toHaveLength(300);
    expect(ids).toEqual([...ids].sort());
    for (let i = 0; i < 300; i++) await api.refnet.service.remove('person', `late-${i}`);
  });

  it('when limit is over 500, zero or not a number, or the cursor is forged, then 400 problem', async () => {
    for (const q of ['limit=501', 'limit=0', 'limit=ten', 'cursor=not-a-cursor']) {
      const r = await api.call('GET', `/api/people?${q}`);
      expect(isProblem(r, 400, 'validation')).toBe(true);
      expect(r.body.errors[0].path).toMatch(/^\/query\/(limit|cursor)$/);
    }
  });

  it('when limit is 500, then up to 500 items come back', async () => {
    const r = await api.call('GET', '/api/people?limit=500');
    expect(r.body.items).toHaveLength(N + 3);
    expect(r.body.nextCursor).toBeNull();
  });
});

describe('list filters', () => {
  it('when filtering by industry, then the match ignores case and accents', async () => {
    const ids = await collectAll('/api/people?industry=LAW&limit=500');
    expect(ids).toHaveLength(N / 3 + 1);
    expect(ids).toContain('mueller');
  });

  it('when searching q, then name and company match case- and diacritic-insensitively', async () => {
    expect((await api.call('GET', '/api/people?q=jose')).body.items.map((p: { id: string }) => p.id)).toEqual(['jose']);
    expect((await api.call('GET', '/api/people?q=NUNEZ')).body.items.map((p: { id: string }) => p.id)).toEqual(['jose']);
    expect((await api.call('GET', '/api/people?q=cafe')).body.items.map((p: { id: string }) => p.id)).toEqual(['jose']);
    expect((await api.call('GET', '/api/people?q=muller')).body.items.map((p: { id: string }) => p.id)).toEqual(['mueller']);
    expect((await api.call('GET', '/api/people?q=strasse')).body.items.map((p: { id: string }) => p.id)).toEqual(['chen']);
    expect((await api.call('GET', `/api/people?q=${encodeURIComponent('Ñú')}`)).body.items.map((p: { id: string }) => p.id)).toEqual(['jose']);
  });

  it('when filtering by group, then only its members come back, paginated', async () => {
    const r = await api.call('GET', '/api/people?group=g1&limit=2');
    expect(r.body.items.map((p: { id: string }) => p.id)).toEqual(['jose', 'p005']);
    const next = await api.call('GET', `/api/people?group=g1&limit=2&cursor=${encodeURIComponent(r.body.nextCursor)}`);
    expect(next.body.items.map((p: { id: string }) => p.id)).toEqual(['p010']);
    expect(next.body.nextCursor).toBeNull();
  });

  it('when filters combine, then all must hold', async () => {
    expect((await api.call('GET', '/api/people?group=g1&industry=finance')).body.items.map((p: { id: string }) => p.id)).toEqual(['p005', 'p010']);
    expect((await api.call('GET', '/api/people?group=g1&industry=hospitality&q=cafe')).body.items.map((p: { id: string }) => p.id)).toEqual(['jose']);
    expect((await api.call('GET', '/api/people?group=g1&industry=law')).body.items).toEqual([]);
    expect((await api.call('GET', '/api/people?tag=vip')).body.items.map((p: { id: string }) => p.id)).toEqual(['chen']);
  });

  it('when listing referrals by person, sender or status, then the filters apply', async () => {
    const ids = async (q: string) => (await api.call('GET', `/api/referrals?${q}`)).body.items.map((r: { id: string }) => r.id);
    expect(await ids('person=jose')).toEqual(['r1', 'r2']);
    expect(await ids('to=p005')).toEqual(['r1', 'r3']);
    expect(await ids('to=p005&status=won&from=p010')).toEqual(['r3']);
    expect(await ids('status=passed')).toEqual(['r2']);
    expect(isProblem(await api.call('GET', '/api/referrals?status=maybe'), 400)).toBe(true);
  });
});
