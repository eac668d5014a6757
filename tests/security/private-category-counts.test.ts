/**
 * Category values are data too: a title, a company or an industry that only member Ann's private
 * contacts hold must not reach member Bob, who may not see them — not even as a key of the counts
 * that still count those contacts (docs/SECURITY.md, Private contacts). To Bob such a category is
 * counted, not named: a person's diversity counts add it up in `unnamed`, the gap report's shares
 * in its `unnamed` row, and it is no gap of his; the indexes (computed over everyone) are the
 * admin's. A category someone Bob sees also holds keeps its name and its full count. Ann (the
 * owner) and an admin read every name, with no `unnamed`, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { getWarm } from './withheld-support.js';

const PASSWORD = 'correct horse battery';
const ann = 'p001';
const bob = 'p002';
// Zelda and Quentin hold a company and titles no one else holds; Vera holds Ann's company and a
// title many people Bob sees hold (Director).
const linkedinCsv = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Zelda,Privatova,https://www.linkedin.com/in/zelda-privatova,zelda.privatova@hidden.example,Umbra Holdings,Chief Secret Officer,01 Dec 2025',
  'Quentin,Occulto,https://www.linkedin.com/in/quentin-occulto,quentin@hidden.example,Umbra Holdings,Archivist,02 Dec 2025',
  'Vera,Openshaw,https://www.linkedin.com/in/vera-openshaw,vera@hidden.example,Kingfisher Security,Director,03 Dec 2025',
].join('\n');
/** Zelda's industry, set after the import: no one else's. */
const INDUSTRY = 'Espionage';
/** Per dimension, the categories only Ann's private contacts hold. */
const HIDDEN_ONLY: Record<string, string[]> = { title: ['Chief Secret Officer', 'Archivist'], company: ['Umbra Holdings'], industry: [INDUSTRY] };
const ALL_HIDDEN = Object.values(HIDDEN_ONLY).flat();

type Stats = { counts: Record<string, number>; unnamed?: number } & Record<string, unknown>;
type Share = { category: string; subjectShare: number | null; referenceShare: number | null };
type Gap = { category: string; rank: number };

/** A diversity entry as Bob must read it: the admin's, with the categories only private contacts hold counted in `unnamed`. */
function withheld(entry: Stats, hidden: readonly string[]): Stats {
  const unnamed = hidden.reduce((n, c) => n + (entry.counts[c] ?? 0), 0);
  if (!unnamed) return entry;
  return { ...entry, counts: Object.fromEntries(Object.entries(entry.counts).filter(([c]) => !hidden.includes(c))), unnamed };
}

/** Fails when the answer names a category only Ann's private contacts hold. */
function namesNoHiddenCategory(r: Reply, what: string): void {
  const text = JSON.stringify(r.body);
  for (const c of ALL_HIDDEN) expect(text, `${what} names ${c}`).not.toContain(c);
}

/** Signs in the accounts, imports Ann's private contacts and sets Zelda's industry; returns the browsers and Zelda's id. */
async function setUp(api: AccountsApi): Promise<{ a: Browser; b: Browser; admin: Browser; zelda: string }> {
  await addAccount(api.dir, { email: 'ann@example.org', person: ann, role: 'member', password: PASSWORD });
  await addAccount(api.dir, { email: 'bob@example.org', person: bob, role: 'member', password: PASSWORD });
  await addAccount(api.dir, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });
  const [a, b, admin] = [api.browser(), api.browser(), api.browser()];
  expect((await a.signIn('ann@example.org', PASSWORD)).status).toBe(200);
  expect((await b.signIn('bob@example.org', PASSWORD)).status).toBe(200);
  expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);
  const imported = await a.call('POST', `/api/import?format=linkedin&owner=${ann}`, linkedinCsv, { headers: { 'content-type': 'text/csv' } });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const people = (imported.body.changes as { kind: string; id: string }[]).filter((c) => c.kind === 'person').map((c) => c.id);
  expect(people).toHaveLength(3);
  const zelda = people.find((id) => id.includes('zelda')) ?? people[0]!;
  const z = await a.call('GET', `/api/people/${encodeURIComponent(zelda)}`);
  expect(z.body.name).toBe('Zelda Privatova');
  expect((await a.call('PATCH', `/api/people/${encodeURIComponent(zelda)}`, { industry: INDUSTRY })).status).toBe(200);
  return { a, b, admin, zelda };
}

/**
 * The answer, once the analytics have warmed up, as of the instant the network was set up: the
 * callers' answers are compared whole, and a warm path's chance at "now" moves between two calls.
 */
let asOf: string | undefined;
const get = (who: Parameters<typeof getWarm>[0], path: string) => getWarm(who, path, asOf);

/**
 * Bob's gap report with targets `hidden` (held only by private contacts, in their exact stored
 * spelling) and `held` (someone he sees holds it), with allowAbsent, beside the same with
 * `absent` (held by no one, sorting where `hidden` does) in place of `hidden`: the same answer,
 * number for number, once the names are swapped.
 */
async function targetsLikeNobodys(b: Browser, report: string, hidden: string, absent: string, held: string): Promise<void> {
  const ask = (target: string) => get(b, `${report}&target=${encodeURIComponent(`${target},${held}`)}&allowAbsent=true`);
  const guessed = await ask(hidden);
  const nobodys = await ask(absent);
  expect(guessed.status, JSON.stringify(guessed.body)).toBe(200);
  expect(nobodys.status).toBe(200);
  expect(JSON.parse(JSON.stringify(guessed.body).replaceAll(hidden, absent))).toEqual(nobodys.body);
  const row = (guessed.body.shares as Share[]).find((x) => x.category === hidden)!;
  expect(row.subjectShare ?? 0).toBe(0);
  expect(guessed.body.unnamed.subjectCount).toBeGreaterThan(0);
}

describe('category values held only by private contacts', () => {
  let api: AccountsApi;
  let a: Browser;
  let b: Browser;
  let admin: Browser;
  /** Ann's diversity before her private contacts were imported (everyone's answer). */
  let before: Record<string, Stats>;

  beforeAll(async () => {
    api = await startAccountsApi();
    before = (await get(api, `/api/people/${ann}/metrics`)).body.diversity; // local mode: no account yet
    ({ a, b, admin } = await setUp(api));
    asOf = new Date().toISOString();
  });
  afterAll(() => api.close());

  it("when Bob reads Ann's metrics on title, then the titles only her private contacts hold are counted in `unnamed`, not named, and every index is the admin's; Ann and an admin read them by name", async () => {
    const path = `/api/people/${ann}/metrics?dimension=title`;
    const everyone = (await get(admin, path)).body.diversity.title as Stats;
    expect(everyone.counts).toMatchObject({ 'Chief Secret Officer': 1, Archivist: 1 });
    expect(everyone).not.toHaveProperty('unnamed');
    const r = await get(b, path);
    namesNoHiddenCategory(r, path);
    const bobs = r.body.diversity.title as Stats;
    expect(bobs.unnamed).toBe(2);
    expect(bobs).toEqual(withheld(everyone, HIDDEN_ONLY.title!));
    for (const index of ['richness', 'shannon', 'evenness', 'blau', 'iqv', 'contacts', 'missing']) expect(bobs[index], index).toBe(everyone[index]);
    const total = (s: Stats) => Object.values(s.counts).reduce((n, c) => n + c, 0) + (s.unnamed ?? 0);
    expect(total(bobs)).toBe(total(everyone));
    // The owner reads her contacts' titles, as the admin does.
    expect((await get(a, path)).body.diversity).toEqual({ title: everyone });
  });

  it("when Bob reads Ann's metrics on every dimension, then each entry is the admin's with the hidden-only categories in `unnamed`; a category someone he sees holds keeps its name and full count", async () => {
    const path = `/api/people/${ann}/metrics`;
    const everyone = (await get(admin, path)).body.diversity as Record<string, Stats>;
    const r = await get(b, path);
    namesNoHiddenCategory(r, path);
    const bobs = r.body.diversity as Record<string, Stats>;
    expect(Object.keys(bobs)).toEqual(Object.keys(everyone));
    for (const d of Object.keys(everyone)) expect(bobs[d], d).toEqual(withheld(everyone[d]!, HIDDEN_ONLY[d] ?? []));
    expect([bobs.title!.unnamed, bobs.company!.unnamed, bobs.industry!.unnamed]).toEqual([2, 2, 1]);
    // Vera (private) is one more Director and one more at Kingfisher Security (Ann's company): named, and counted.
    expect(bobs.title!.counts.Director).toBe((before.title!.counts.Director ?? 0) + 1);
    expect(bobs.company!.counts['Kingfisher Security']).toBe((before.company!.counts['Kingfisher Security'] ?? 0) + 1);
    expect((await get(a, path)).body.diversity).toEqual(everyone);
    // Introductions pair contacts Bob sees, so their categories are theirs.
    namesNoHiddenCategory(await get(b, `/api/people/${ann}/introductions?dimension=title`), 'introductions');
  });

  it("when Bob reads the gap report of Ann's ties, then the shares leave out the hidden-only categories and `unnamed` adds them up; the named shares are the admin's", async () => {
    for (const dimension of ['title', 'company']) {
      const path = `/api/reports/diversity-gap?person=${ann}&dimension=${dimension}`;
      const everyone = (await get(admin, path)).body;
      const hidden = HIDDEN_ONLY[dimension]!;
      const rows = (everyone.shares as Share[]).filter((s) => hidden.includes(s.category));
      expect(rows, dimension).toHaveLength(hidden.length);
      expect(everyone).not.toHaveProperty('unnamed');
      const r = await get(b, path);
      namesNoHiddenCategory(r, path);
      expect(r.body.shares).toEqual((everyone.shares as Share[]).filter((s) => !hidden.includes(s.category)));
      expect(r.body.unnamed.subjectCount, dimension).toBe(2);
      expect(r.body.unnamed.subjectShare).toBeCloseTo(rows.reduce((n, s) => n + s.subjectShare!, 0), 12);
      expect(r.body.unnamed.referenceShare).toBeCloseTo(rows.reduce((n, s) => n + s.referenceShare!, 0), 12);
      expect(r.body.unknown).toEqual(everyone.unknown);
      expect((await get(a, path)).body).toEqual(everyone);
    }
  });

  it("when Bob targets a title only Ann's private contacts hold, in its stored spelling, with allowAbsent, then the report is the one for a title no one holds, number for number", async () => {
    await targetsLikeNobodys(b, `/api/reports/diversity-gap?person=${ann}&dimension=title`, 'Archivist', 'Absent Title', 'Director');
  });

  it('when Bob reads the gap report of his own ties, then a category only private contacts hold is no gap of his, and his gaps are ranked 1, 2, … in the admin\'s order', async () => {
    const path = `/api/reports/diversity-gap?person=${bob}&dimension=title`;
    const gaps = (body: { missing: Gap[]; underRepresented: Gap[] }) => [...body.missing, ...body.underRepresented].sort((x, y) => x.rank - y.rank);
    const everyone = gaps((await get(admin, path)).body);
    expect(everyone.map((g) => g.category)).toEqual(expect.arrayContaining(HIDDEN_ONLY.title!));
    const r = await get(b, path);
    namesNoHiddenCategory(r, path);
    const bobs = gaps(r.body);
    expect(bobs.map((g) => g.category)).toEqual(everyone.map((g) => g.category).filter((c) => !HIDDEN_ONLY.title!.includes(c)));
    expect(bobs.map((g) => g.rank)).toEqual(bobs.map((_, i) => i + 1));
    expect(r.body.unnamed).toMatchObject({ subjectCount: 0, subjectShare: 0 });
    expect(r.body.unnamed.referenceShare).toBeGreaterThan(0);
  });

  it("when Bob opens the map, then its industry colours leave out the industry only a private contact holds, in the admin's order", async () => {
    const everyone = (await get(admin, '/api/map?edges=false')).body.categories.industry as string[];
    expect(everyone).toContain(INDUSTRY);
    const r = await get(b, '/api/map?edges=false');
    namesNoHiddenCategory(r, 'the map');
    expect(r.body.categories.industry).toEqual(everyone.filter((c) => c !== INDUSTRY));
    expect((await get(a, '/api/map?edges=false')).body.categories.industry).toEqual(everyone);
  });
});

describe('category values held only by private contacts, on a sensitive dimension', () => {
  let api: AccountsApi;
  let a: Browser;
  let b: Browser;
  let admin: Browser;

  beforeAll(async () => {
    api = await startAccountsApi({ env: { SENSITIVE_ATTRIBUTES: 'company,religion', PRIVACY_MIN_COUNT: '2' } });
    ({ a, b, admin } = await setUp(api));
    asOf = new Date().toISOString();
  });
  afterAll(() => api.close());

  it("when Bob reads Ann's company counts and gap report, then a shown cell only private contacts hold is counted in `unnamed` after the k rule; the rest is the admin's", async () => {
    const metrics = `/api/people/${ann}/metrics?dimension=company`;
    const everyone = (await get(admin, metrics)).body.diversity.company as Stats;
    expect(everyone.counts['Umbra Holdings']).toBe(2);
    expect(everyone.privacy).toMatchObject({ sensitive: true, k: 2 });
    const r = await get(b, metrics);
    namesNoHiddenCategory(r, metrics);
    expect(r.body.diversity.company).toEqual(withheld(everyone, HIDDEN_ONLY.company!));
    expect((await get(a, metrics)).body.diversity.company).toEqual(everyone);

    const report = `/api/reports/diversity-gap?person=${ann}&dimension=company`;
    const all = (await get(admin, report)).body;
    const row = (all.shares as Share[]).find((s) => s.category === 'Umbra Holdings')!;
    expect(row).toBeDefined();
    const gap = await get(b, report);
    namesNoHiddenCategory(gap, report);
    expect(gap.body.shares).toEqual((all.shares as Share[]).filter((s) => s.category !== 'Umbra Holdings'));
    expect(gap.body.unnamed).toEqual({ subjectCount: 2, subjectShare: row.subjectShare, referenceShare: row.referenceShare });
    expect(gap.body.privacy).toEqual(all.privacy);
  });

  it("when Bob targets a company only Ann's private contacts hold, with allowAbsent, then the protected report is the one for a company no one holds, number for number", async () => {
    await targetsLikeNobodys(b, `/api/reports/diversity-gap?person=${ann}&dimension=company`, 'Umbra Holdings', 'Zz Absent Holdings', 'Kingfisher Security');
  });

  it('when a sensitive dimension is an attribute key no one holds, then the gap report is the 400 "unknown dimension" of a plain key, word for word', async () => {
    const strip = (r: Reply, name: string) => {
      const { requestId: _id, instance: _at, ...rest } = r.body as Record<string, unknown>;
      return JSON.parse(JSON.stringify(rest).replaceAll(name, 'KEY')) as unknown;
    };
    for (const viewer of [b, admin]) {
      const sensitive = await viewer.call('GET', `/api/reports/diversity-gap?person=${bob}&dimension=religion`);
      expect(isProblem(sensitive, 400), JSON.stringify(sensitive.body)).toBe(true);
      expect(sensitive.body.detail).toMatch(/^unknown dimension "religion"\. Known dimensions: /);
      const plain = await viewer.call('GET', `/api/reports/diversity-gap?person=${bob}&dimension=religiox`);
      expect(strip(sensitive, 'religion')).toEqual(strip(plain, 'religiox'));
    }
  });
});
