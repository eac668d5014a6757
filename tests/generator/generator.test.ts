import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportedDocument, networkDocumentSchema, type NetworkDocument } from '../../graph/schema.js';
import { generateDocument, generateNetwork } from '../../scripts/generator/generate-network.js';
import { writeDocument } from '../../scripts/generator/json-writer.js';
import { mulberry32 } from '../../scripts/generator/prng.js';
import { SAMPLE_OPTIONS, SAMPLE_PATH } from '../../scripts/generator/sample.js';
import { DAY_MS as DAY } from '../../graph/analytics/time.js';

const OPTIONS = { people: 400, records: 8000, seed: 7 };
const doc = generateDocument(OPTIONS);
const ANCHOR = Date.parse('2026-11-01T00:00:00Z');

const pair = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Last contact of every tie (DOMAIN.md: interaction, referral or co-attended event). */
function lastContacts(d: NetworkDocument): Map<string, number> {
  const last = new Map<string, number>();
  const touch = (a: string, b: string, at: string) => {
    const k = pair(a, b);
    const t = Date.parse(at);
    if ((last.get(k) ?? -Infinity) < t) last.set(k, t);
  };
  for (const i of d.interactions) touch(i.a, i.b, i.at);
  for (const r of d.referrals) touch(r.from, r.to, r.at);
  const at = new Map(d.events.map((e) => [e.id, e.at]));
  const byEvent = new Map<string, string[]>();
  for (const a of d.attendance) byEvent.set(a.event, [...(byEvent.get(a.event) ?? []), a.person]);
  for (const [e, people] of byEvent)
    for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) touch(people[i]!, people[j]!, at.get(e)!);
  return last;
}

describe('generator', () => {
  it('when mulberry32 is seeded like the peers, then it draws their documented values', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('when the same seed is used twice, then the documents are identical; another seed differs', () => {
    expect(generateDocument(OPTIONS)).toEqual(doc);
    const other = generateDocument({ ...OPTIONS, seed: 8 });
    expect(other.people.map((p) => p.name)).not.toEqual(doc.people.map((p) => p.name));
  });

  it('when validated with networkDocumentSchema, then the document passes', () => {
    const result = networkDocumentSchema.safeParse(doc);
    expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([]);
  });

  it('when records is M, then attendance + interactions + referrals is exactly M', () => {
    expect(doc.attendance.length + doc.interactions.length + doc.referrals.length).toBe(OPTIONS.records);
    expect(doc.people).toHaveLength(OPTIONS.people);
    for (const [people, records] of [[2, 0], [2, 5], [3, 50], [50, 0], [1000, 300]] as const) {
      const d = generateDocument({ people, records, seed: 3 });
      expect(d.attendance.length + d.interactions.length + d.referrals.length, `${people}/${records}`).toBe(records);
      expect(networkDocumentSchema.safeParse(d).success).toBe(true);
    }
  });

  it('when references are followed, then every one resolves and ids are unique', () => {
    const ids = (xs: { id?: string }[]) => new Set(xs.map((x) => x.id));
    const people = ids(doc.people);
    const groups = ids(doc.groups);
    const events = ids(doc.events);
    const companyNames = new Set(doc.companies.map((c) => c.name));
    for (const [name, list] of Object.entries({ people: doc.people, companies: doc.companies, groups: doc.groups, events: doc.events, interactions: doc.interactions, referrals: doc.referrals }))
      expect(ids(list).size, name).toBe(list.length);
    for (const p of doc.people) if (p.company) expect(companyNames.has(p.company)).toBe(true);
    for (const m of doc.memberships) expect(people.has(m.person) && groups.has(m.group)).toBe(true);
    for (const e of doc.events) if (e.group) expect(groups.has(e.group)).toBe(true);
    for (const a of doc.attendance) expect(people.has(a.person) && events.has(a.event)).toBe(true);
    for (const i of doc.interactions) expect(people.has(i.a) && people.has(i.b)).toBe(true);
    for (const r of doc.referrals) expect(people.has(r.from) && people.has(r.to)).toBe(true);
    expect(new Set(doc.memberships.map((m) => pair(m.person, m.group))).size).toBe(doc.memberships.length);
    expect(new Set(doc.attendance.map((a) => pair(a.person, a.event))).size).toBe(doc.attendance.length);
  });

  it('when referrals and interactions are read, then none goes from a person to themselves', () => {
    expect(doc.referrals.filter((r) => r.from === r.to)).toEqual([]);
    expect(doc.interactions.filter((i) => i.a === i.b)).toEqual([]);
  });

  it('when the referral graph is built, then a share of receivers refer back', () => {
    const arcs = new Set(doc.referrals.map((r) => `${r.from}>${r.to}`));
    const reciprocated = [...arcs].filter((a) => arcs.has(a.split('>').reverse().join('>'))).length;
    const r = reciprocated / arcs.size;
    expect(r).toBeGreaterThan(0.1);
    expect(r).toBeLessThan(0.7);
  });

  it('when ties are dated, then many are dormant (no contact for 90 days) and some are active', () => {
    const last = [...lastContacts(doc).values()];
    const dormant = last.filter((t) => ANCHOR - t > 90 * DAY).length / last.length;
    expect(dormant).toBeGreaterThan(0.3);
    expect(dormant).toBeLessThan(0.95);
  });

  it('when referrals have statuses, then every status occurs and only won ones carry a value', () => {
    expect(new Set(doc.referrals.map((r) => r.status))).toEqual(new Set(['passed', 'contacted', 'won', 'lost']));
    for (const r of doc.referrals) expect(r.value !== undefined, r.id).toBe(r.status === 'won');
  });

  it('when interactions are counted by kind, then every kind occurs', () => {
    expect(new Set(doc.interactions.map((i) => i.kind))).toEqual(new Set(['met', 'one_to_one', 'follow_up', 'call', 'message', 'introduction']));
  });

  it('when industries are counted, then a few are big and the tail is long', () => {
    const counts = new Map<string, number>();
    for (const p of doc.people) counts.set(p.industry!, (counts.get(p.industry!) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBeGreaterThanOrEqual(12);
    expect(sorted[0]!).toBeGreaterThan(4 * sorted[Math.floor(sorted.length / 2)]!);
  });

  it('when names are read, then some are non-ASCII and the attributes include department and club', () => {
    expect(doc.people.some((p) => /\P{ASCII}/u.test(p.name))).toBe(true);
    const big = generateDocument({ people: 3000, records: 0, seed: 1 });
    for (const name of ['José', 'Zoë', 'Łukasz', '佐藤']) expect(big.people.some((p) => p.name.includes(name)), name).toBe(true);
    expect(doc.people.some((p) => p.attributes?.department)).toBe(true);
    expect(doc.people.some((p) => p.attributes?.club)).toBe(true);
  });

  it('when the network grows, then the number of groups grows with it (at least six)', () => {
    expect(doc.groups.length).toBeGreaterThanOrEqual(6);
    expect(new Set(doc.groups.map((g) => g.kind)).size).toBeGreaterThanOrEqual(5);
    expect(generateDocument({ people: 6000, records: 0, seed: 1 }).groups.length).toBe(40);
  });

  it('when events are dated, then they span the two years before the anchor and are mostly attended by members', () => {
    const times = doc.events.map((e) => Date.parse(e.at));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(ANCHOR - 731 * DAY);
    expect(Math.max(...times)).toBeLessThan(ANCHOR);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(600 * DAY);
    const members = new Set(doc.memberships.map((m) => pair(m.person, m.group)));
    const host = new Map(doc.events.map((e) => [e.id, e.group]));
    const byMembers = doc.attendance.filter((a) => host.get(a.event) && members.has(pair(a.person, host.get(a.event)!))).length;
    expect(byMembers / doc.attendance.length).toBeGreaterThan(0.6);
  });

  it('when the anchor moves, then every date moves with it', () => {
    const later = generateDocument({ ...OPTIONS, anchor: '2027-11-01' });
    expect(Date.parse(later.events[0]!.at) - Date.parse(doc.events[0]!.at)).toBe(365 * DAY);
  });

  it('when streamed by the writer, then the JSON parses to the in-memory document', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const counts = await writeDocument(generateNetwork(OPTIONS), out, undefined);
    out.end();
    // The file is the document as exported: collections that are empty and newer than the format (dismissals) left out.
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual(exportedDocument(doc));
    expect(counts.referrals).toBe(doc.referrals.length);
  });

  it('when options are impossible, then a clear error names them', () => {
    expect(() => generateDocument({ people: 1, records: 10 })).toThrow(/people/);
    expect(() => generateDocument({ people: 10, records: -1 })).toThrow(/records/);
    expect(() => generateDocument({ people: 10, records: 1, anchor: '1 Nov' })).toThrow(/anchor/);
  });

  it('when the bundled sample is regenerated with its options, then it is byte-for-byte the committed file', async () => {
    const committed = readFileSync(SAMPLE_PATH, 'utf8');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeDocument(generateNetwork(SAMPLE_OPTIONS), out);
    out.end();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(committed);
    const sample = networkDocumentSchema.parse(JSON.parse(committed));
    expect(sample.people.length).toBe(300);
    expect(sample.groups.length).toBeGreaterThanOrEqual(6);
  });
});

describe('generate CLI', () => {
  it('when run as npm run generate would, then it writes the seeded document and exits 0', async () => {
    const { spawnSync } = await import('node:child_process');
    const { existsSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'refnet-gen-'));
    try {
      const out = join(dir, 'net.json');
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--people', '60', '--records', '500', '--seed', '5', '--out', out], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/done/);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(exportedDocument(generateDocument({ people: 60, records: 500, seed: 5 })));
      const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--people', '1', '--out', join(dir, 'x.json')], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/people must be/);
      expect(existsSync(join(dir, 'x.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
