/**
 * The CLI printers of figures the API answers null where they are undefined (DOMAIN, Reciprocity:
 * "Undefined ratios are null"; Herfindahl, modularity, betweenness…): each prints a dash or says
 * what the missing figure means, never crashes and never prints "null", "NaN" or "undefined".
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;

/** Imports `doc` into its own data directory; returns the --data arguments that point at it. */
async function store(name: string, doc: object): Promise<string[]> {
  const file = join(ws.dir, `${name}.json`);
  await writeFile(file, JSON.stringify(doc));
  const data = ['--data', join(ws.dir, name)];
  const r = await ws.run([...data, 'import', file]);
  if (r.code !== 0) throw new Error(r.stderr);
  return data;
}

async function ok(args: string[]): Promise<string> {
  const r = await ws.run(args);
  expect(r.stderr).not.toMatch(/TypeError|unexpected error/);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).not.toMatch(/\bnull\b|\bNaN\b|\bundefined\b/);
  return r.stdout;
}

let noReferrals: string[];
let mutualPair: string[];

beforeAll(async () => {
  ws = await workspace();
  // Ties but no referral at all: edge reciprocity and ρ are both null.
  noReferrals = await store('no-referrals', {
    people: [{ id: 'p1', name: 'Pia' }, { id: 'p2', name: 'Quinn' }, { id: 'p3', name: 'Rae' }, { id: 'p4', name: 'Sol' }],
    groups: [{ id: 'g1', name: 'Breakfast Club' }, { id: 'g2', name: 'Nobody Yet' }],
    memberships: [{ person: 'p1', group: 'g1' }, { person: 'p2', group: 'g1' }],
    interactions: [{ id: 'i1', a: 'p1', b: 'p2', at: '2026-01-01', kind: 'one_to_one' }, { id: 'i2', a: 'p2', b: 'p3', at: '2026-01-02', kind: 'met' }],
  });
  // Two people who referred each other: every possible arc exists (ā = 1), so ρ is null while edge is 1.
  mutualPair = await store('mutual', {
    people: [{ id: 'm1', name: 'Mo' }, { id: 'm2', name: 'Ned' }],
    groups: [{ id: 'mg', name: 'Pair' }],
    memberships: [{ person: 'm1', group: 'mg' }, { person: 'm2', group: 'mg' }],
    referrals: [{ id: 'r1', from: 'm1', to: 'm2', at: '2026-01-01', status: 'won', value: 100 }, { id: 'r2', from: 'm2', to: 'm1', at: '2026-01-02', status: 'passed' }],
  });
}); // prettier-ignore
afterAll(() => ws?.cleanup());

describe('metrics network with undefined reciprocity', () => {
  it('no referrals: says there is nothing to measure', async () => {
    const out = await ok([...noReferrals, 'metrics', 'network']);
    expect(out).toMatch(/reciprocity\s+— \(no referral links yet/);
  });

  it('only mutual referrals: edge is shown, ρ is n/a with its reason', async () => {
    const out = await ok([...mutualPair, 'metrics', 'network']);
    expect(out).toMatch(/100\.0% of referral links go both ways \(rho n\/a: every possible referral link exists/);
  });
});

describe('a tie dormant by less than a day past its cadence', () => {
  it('tie and renetworking say "over 30 days ago", never "30 days ago" beside a 30-day cadence', async () => {
    // last contact 2026-01-02 (Ned's referral back); --as-of 2026-02-01 is that day's end: 30.99 days
    const tie = await ok([...mutualPair, 'tie', 'Mo', 'Ned', '--as-of', '2026-02-01']);
    expect(tie).toMatch(/profitability \(dormant\)/);
    expect(tie).toMatch(/last contact\s+2026-01-02 \(over 30 days ago; keep-in-touch cadence 30 days\)/);
    const queue = await ok([...mutualPair, 'renetworking', 'Mo', '--as-of', '2026-02-01']);
    expect(queue).toMatch(/over 30 days ago/);
    expect(queue).not.toMatch(/(?<!over )30 days ago/);
  });
});

describe('wording of paths and renetworking', () => {
  it('paths name the target by name, also when there is no path; renetworking says a person with no ties has none yet', async () => {
    const none = await ok([...noReferrals, 'paths', 'p1', '--to', 'p4']);
    expect(none).toMatch(/^No warm path from Pia to Sol/);
    expect(none).not.toMatch(/\bp4\b/);
    const some = await ok([...noReferrals, 'paths', 'p1', '--to', 'p3']);
    expect(some).toMatch(/^Warm paths from Pia to Rae/);
    expect(await ok([...noReferrals, 'renetworking', 'p4'])).toMatch(/Nothing to re-connect for Sol: no ties yet/);
    const fresh = await ok([...noReferrals, 'renetworking', 'Pia', '--as-of', '2026-01-03']);
    expect(fresh).not.toMatch(/no ties yet/);
  });
});

describe('other printers of nullable figures', () => {
  it('group metrics: a group without referrals and an empty group', async () => {
    expect(await ok([...noReferrals, 'metrics', 'group', 'Breakfast Club'])).toMatch(/reciprocity inside\s+— \(no referral links inside the group yet/);
    await ok([...noReferrals, 'metrics', 'group', 'Nobody Yet']);
    expect(await ok([...mutualPair, 'metrics', 'group', 'Pair'])).toMatch(/reciprocity inside\s+100\.0% of referral links inside the group go both ways/);
  });

  it('person metrics: someone with no ties, and someone with one', async () => {
    await ok([...noReferrals, 'metrics', 'person', 'Sol']);
    await ok([...noReferrals, 'metrics', 'person', 'Pia']);
    await ok([...mutualPair, 'metrics', 'person', 'Mo']);
  });

  it('tie and renetworking on stores without referrals or ties', async () => {
    await ok([...noReferrals, 'tie', 'Pia', 'Quinn']);
    await ok([...noReferrals, 'renetworking', 'Sol']);
    await ok([...mutualPair, 'renetworking', 'Mo']);
  });
});
