import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, withTestApi, type TestApi } from './harness.js';

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
    groups: [{ id: 'g1', name: 'Chapter One', kind: 'chapter' }, { id: 'g2', name: 'Quiet Club', kind: 'Club' }],
    companies: [{ id: 'acme', name: 'ACME', industry: 'Manufacturing' }],
    events: [{ id: 'e1', name: 'Breakfast', at: '2024-01-05', group: 'g1' }],
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

describe('list filters that match nothing', () => {
  const problem = async (path: string, status: number) => {
    const r = await api.call('GET', path);
    expect(isProblem(r, status), `${path}: ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    return r.body as { detail: string; errors?: { path: string; message: string }[] };
  };

  it('when a category filter value is a typo no one holds, then 400 problem+json naming the parameter, the value and its closest spellings, in words and as data (`unknown`)', async () => {
    const r = await api.call('GET', '/api/people?industry=Finanse');
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.errors).toEqual([
      {
        path: '/query/industry',
        message: expect.stringMatching(/^no one has industry "Finanse" \(did you mean "Finance"\?\)\. Categories of industry: Finance, Hospitality, Law, law$/),
        unknown: [{ value: 'Finanse', didYouMean: ['Finance'] }],
      },
    ]);
    expect(r.body.detail).toBe(r.body.errors[0].message);
    expect((await problem('/api/people?tag=vp', 400)).errors).toEqual([{ path: '/query/tag', message: expect.stringMatching(/^no one has tag "vp" \(did you mean "vip"\?\)/), unknown: [{ value: 'vp', didYouMean: ['vip'] }] }]);
    expect((await problem('/api/companies?industry=Manufactoring', 400)).detail).toMatch(/^no company has industry "Manufactoring" \(did you mean "Manufacturing"\?\)/);
    expect((await problem('/api/groups?kind=chaptr', 400)).detail).toMatch(/^no group has kind "chaptr" \(did you mean "chapter"\?\)\. Categories of kind: Club, chapter/);
  });

  it('when two category filters are typos, then the 400 lists both, each with its near misses as data', async () => {
    const body = await problem('/api/people?industry=Finanse&tag=vp', 400);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: '/query/industry', unknown: [{ value: 'Finanse', didYouMean: ['Finance'] }] }),
      expect.objectContaining({ path: '/query/tag', unknown: [{ value: 'vp', didYouMean: ['vip'] }] }),
    ]);
    expect(body.detail).toBe('2 problems in the input');
  });

  it('when a category value is held, then it matches in any case and without accents, and a combination that selects no one is an empty page', async () => {
    const ids = async (path: string) => (await api.call('GET', path)).body.items.map((r: { id: string }) => r.id);
    expect(await ids('/api/people?tag=VIP')).toEqual(['chen']);
    expect(await ids('/api/groups?kind=club')).toEqual(['g2']);
    expect(await ids('/api/groups?kind=CHAPTER')).toEqual(['g1']);
    expect(await ids('/api/companies?industry=manufacturing')).toEqual(['acme']);
    expect(await ids('/api/people?group=g1&industry=law')).toEqual([]);
    expect(await ids('/api/people?industry=law&q=nobody-by-this-name')).toEqual([]);
  });

  it('when allowAbsent=true, then a value no one holds is an empty page', async () => {
    for (const path of ['/api/people?industry=Finanse&allowAbsent=true', '/api/companies?industry=Mining&allowAbsent=true', '/api/groups?kind=guild&allowAbsent=true']) {
      const r = await api.call('GET', path);
      expect(r.status, path).toBe(200);
      expect(r.body, path).toEqual({ items: [], nextCursor: null });
    }
    expect((await api.call('GET', '/api/people?industry=Finanse&allowAbsent=false')).status).toBe(400);
    expect(isProblem(await api.call('GET', '/api/people?industry=Finance&allowAbsent=yes'), 400)).toBe(true);
  });

  it('when an id filter names no record, then 404 naming the id and the filter, on every list; a known id with nothing is an empty page', async () => {
    for (const [path, detail] of [
      ['/api/people?group=g9', 'no group with id "g9" (the group filter)'],
      ['/api/events?group=g9', 'no group with id "g9" (the group filter)'],
      ['/api/memberships?group=g9', 'no group with id "g9" (the group filter)'],
      ['/api/memberships?person=nobody', 'no person with id "nobody" (the person filter)'],
      ['/api/attendance?event=e9', 'no event with id "e9" (the event filter)'],
      ['/api/attendance?person=jose&event=e9', 'no event with id "e9" (the event filter)'],
      ['/api/interactions?person=nobody', 'no person with id "nobody" (the person filter)'],
      ['/api/referrals?from=nobody', 'no person with id "nobody" (the from filter)'],
      ['/api/referrals?to=jose&person=nobody', 'no person with id "nobody" (the person filter)'],
    ] as const) {
      expect((await problem(path, 404)).detail, path).toBe(detail);
    }
    expect((await api.call('GET', '/api/events?group=g2')).body).toEqual({ items: [], nextCursor: null });
    expect((await api.call('GET', '/api/interactions?person=chen')).body).toEqual({ items: [], nextCursor: null });
  });
});

describe('a search that holds nothing to search for', () => {
  it('when q is a control character, only a combining accent, only spaces or only invisible characters, then 400 naming q, not every record', async () => {
    await withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', { people: [{ id: 'a', name: 'Ann', company: 'Acme' }, { id: 'b', name: 'Bob', company: 'Bolt' }] })).status).toBe(200);
      for (const q of ['%00', '%01', '%CC%81', '%CC%81%CC%88', 'a%00b', '%20', '%20%20', '%C2%A0', '%E3%80%80', '%E2%80%8B', '%20%E2%80%8B%20']) {
        for (const path of ['/api/people', '/api/companies', '/api/groups', '/api/events']) {
          const r = await api.call('GET', `${path}?q=${q}`);
          expect(isProblem(r, 400), `${path}?q=${q}: ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
          expect(JSON.stringify(r.body.errors)).toContain('/query/q');
        }
      }
      expect((await api.call('GET', '/api/people?q=%26')).status).toBe(200);
      // A space beside text still searches for the text with it.
      expect((await api.call('GET', '/api/people?q=ann%20')).status).toBe(200);
      expect((await api.call('GET', '/api/people?q=ann')).body.items.map((p: { id: string }) => p.id)).toEqual(['a']);
    });
  });
});
