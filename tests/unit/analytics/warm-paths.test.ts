import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../graph/analytics/time.js';
import { met, people, testNetwork } from '../network-fixture.js';

const asOf = Date.parse('2024-01-01');
const daysAgo = (d: number) => new Date(asOf - d * DAY_MS).toISOString().slice(0, 10);
// With no tenure bonus a visibility tie costs c0 + age·ln2/180, c0 = −ln 0.3.
const c0 = -Math.log(0.3);
const cost = (age: number) => c0 + (age * Math.LN2) / 180;
const config = { strength: { tenureBonus: 0 } };

describe('warm-paths', () => {
  // s–a–t (fresh), s–t (360 days old), s–b–c–t (fresh).
  const net = () =>
    testNetwork(
      {
        people: people('s', 'a', 'b', 'c', 't'),
        interactions: [met('s', 'a', daysAgo(0)), met('a', 't', daysAgo(0)), met('s', 't', daysAgo(360)), met('s', 'b', daysAgo(0)), met('b', 'c', daysAgo(0)), met('c', 't', daysAgo(0))],
      },
      config,
    );

  it('when k = 3, then three loopless paths come back ordered by cost', () => {
    const r = net().engine.paths('s', { to: 't' }, { asOf, k: 3, maxHops: 4 });
    expect(r.paths.map((p) => p.people)).toEqual([['s', 'a', 't'], ['s', 't'], ['s', 'b', 'c', 't']]);
    expect(r.paths.map((p) => p.cost)).toEqual([expect.closeTo(2 * c0, 12), expect.closeTo(cost(360), 12), expect.closeTo(3 * c0, 12)]);
    for (const p of r.paths) expect(new Set(p.people).size).toBe(p.people.length);
    expect(r.paths[0]!.strength).toBeCloseTo(0.09, 12);
    expect(r.paths[0]!.steps[0]).toMatchObject({ from: 's', to: 'a', stage: 'visibility', dormant: false, referralsExchanged: 0 });
  });
  it('when k exceeds the number of loopless paths, then only the existing ones come back', () => {
    expect(net().engine.paths('s', { to: 't' }, { asOf, k: 10, maxHops: 4 }).paths).toHaveLength(3);
  });
  it('when maxHops is 2, then the 3-hop path is left out', () => {
    const r = net().engine.paths('s', { to: 't' }, { asOf, k: 3, maxHops: 2 });
    expect(r.paths.map((p) => p.hops)).toEqual([2, 1]);
  });
  it('when the cheapest path is longer than maxHops, then the cheapest path within the bound is returned', () => {
    // s–t is 720 days old: cost c0 + 4 ln 2 > 3 c0, so unbounded the 3-hop path wins.
    const n = testNetwork(
      { people: people('s', 'b', 'c', 't'), interactions: [met('s', 't', daysAgo(720)), met('s', 'b', daysAgo(0)), met('b', 'c', daysAgo(0)), met('c', 't', daysAgo(0))] },
      config,
    );
    expect(n.engine.paths('s', { to: 't' }, { asOf, k: 1, maxHops: 4 }).paths[0]!.people).toEqual(['s', 'b', 'c', 't']);
    const bounded = n.engine.paths('s', { to: 't' }, { asOf, k: 1, maxHops: 2 }).paths[0]!;
    expect(bounded.people).toEqual(['s', 't']);
    expect(bounded.cost).toBeCloseTo(cost(720), 12);
  });
  it('when no path fits within maxHops, then no paths and a reason', () => {
    const r = testNetwork({ people: people('s', 'b', 't'), interactions: [met('s', 'b', daysAgo(0)), met('b', 't', daysAgo(0))] }).engine.paths('s', { to: 't' }, { asOf, maxHops: 1 });
    expect(r.paths).toEqual([]);
    expect(r.reason).toMatch(/within 1 hop \(/);
  });
  it('when the weakest link is named, then its days read in real plurals, today and yesterday in words (never "0 days ago")', () => {
    const words = (quiet: number) =>
      testNetwork({ people: people('s', 'b', 't'), interactions: [met('s', 'b', daysAgo(quiet)), met('b', 't', daysAgo(0))] }, config).engine.paths('s', { to: 't' }, { asOf }).paths[0]!.weakestLink!.words;
    expect(words(0)).toContain('last contact today');
    expect(words(1)).toContain('visibility, last contact yesterday');
    expect(words(2)).toContain('visibility, last contact 2 days ago');
    expect(words(1200)).toContain('dormant 1,200 days');
  });
  it('when the target is in another component, then no paths and "not connected"; with no tie at all, "no-target"', () => {
    const n = testNetwork({ people: people('s', 'b', 't', 'u', 'lone'), interactions: [met('s', 'b', daysAgo(0)), met('t', 'u', daysAgo(0))] });
    expect(n.engine.paths('s', { to: 't' }, { asOf })).toMatchObject({ paths: [], reason: expect.stringMatching(/not connected/), reasonCode: 'not-connected' });
    expect(n.engine.paths('s', { to: 'lone' }, { asOf })).toMatchObject({ paths: [], reasonCode: 'no-target' });
  });
  it('when all ties are equal, then the best path is a shortest path in hops', () => {
    const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    const n = testNetwork({ people: people(...ids), interactions: [...ids.slice(1).map((id, i) => met(ids[i]!, id, daysAgo(0))), met('p0', 'p4', daysAgo(0))] });
    expect(n.engine.paths('p0', { to: 'p5' }, { asOf, k: 1 }).paths[0]!.people).toEqual(['p0', 'p4', 'p5']);
  });
  it('when the target is "anyone in industry law", then one search finds the nearest such people', () => {
    const n = testNetwork(
      {
        people: [{ id: 's', name: 's' }, { id: 'x', name: 'x' }, { id: 'l1', name: 'l1', industry: 'law' }, { id: 'l2', name: 'l2', industry: 'law' }, { id: 'l3', name: 'l3', industry: 'law' }],
        interactions: [met('s', 'x', daysAgo(0)), met('x', 'l1', daysAgo(0)), met('s', 'l2', daysAgo(100)), met('l2', 'l3', daysAgo(0))],
      },
      config,
    );
    const r = n.engine.paths('s', { where: { dimension: 'industry', value: 'law' } }, { asOf, k: 3 });
    expect(r.targets).toBe(3);
    expect(r.paths.map((p) => p.people)).toEqual([['s', 'l2'], ['s', 'x', 'l1']]);
    // Asked by one of them, wherever the asker sits among the targets: the others are the targets.
    for (const asker of ['l1', 'l2', 'l3']) {
      const mine = n.engine.paths(asker, { where: { dimension: 'industry', value: 'law' } }, { asOf, k: 3 });
      expect(mine.targets).toBe(2);
      expect(mine.paths.length).toBeGreaterThan(0);
      for (const p of mine.paths) expect(p.people.slice(1)).not.toContain(asker);
      for (const p of mine.paths) expect(['l1', 'l2', 'l3'].filter((l) => l !== asker)).toContain(p.people.at(-1));
    }
  });
  it('when the viewer does not see some people the target names, then the k paths are to those they see, however far, and only they are counted', () => {
    // l1 is one hop away but withheld from the viewer; l2 and l3 are two hops away through it or x.
    const n = testNetwork({
      people: [{ id: 's', name: 's' }, { id: 'x', name: 'x' }, ...['l1', 'l2', 'l3'].map((id) => ({ id, name: id, industry: 'law' }))],
      interactions: [met('s', 'l1', daysAgo(0)), met('l1', 'l2', daysAgo(0)), met('s', 'x', daysAgo(0)), met('x', 'l3', daysAgo(0))],
    });
    const law = { where: { dimension: 'industry', value: 'law' } };
    const ends = (r: { paths: { people: string[] }[] }) => r.paths.map((p) => p.people[p.people.length - 1]);
    expect(ends(n.engine.paths('s', law, { asOf, k: 2 }))[0]).toBe('l1');
    const seen = n.engine.paths('s', law, { asOf, k: 2, sees: (id) => id !== 'l1' });
    expect(seen.targets).toBe(2);
    expect(ends(seen).sort()).toEqual(['l2', 'l3']);
    expect(seen.paths.find((p) => ends({ paths: [p] })[0] === 'l2')!.people).toEqual(['s', 'l1', 'l2']); // through the withheld one: kept
    const none = n.engine.paths('s', { to: 'l1' }, { asOf, sees: (id) => id !== 'l1' });
    expect(none).toMatchObject({ targets: 0, paths: [], reasonCode: 'no-target', reason: 'nobody matches the target' });
  });
  it('when the target is a company, then its people (by id or name) are the targets', () => {
    const n = testNetwork({
      people: [{ id: 's', name: 's' }, { id: 'e', name: 'e', company: 'Acme' }],
      companies: [{ id: 'acme', name: 'Acme' }],
      interactions: [met('s', 'e', daysAgo(0))],
    });
    expect(n.engine.paths('s', { toCompany: 'acme' }, { asOf }).paths[0]!.people).toEqual(['s', 'e']);
    expect(() => n.engine.paths('s', { toCompany: 'nope' }, { asOf })).toThrow(/unknown company/);
  });
  it('when people write their company as its id or name in another case or without its accents, then a path to the company reaches them, as where[company] does, also after they change it', () => {
    const n = testNetwork({
      people: [{ id: 's', name: 's' }, ...['Äcme', 'ACME', 'acme', 'Acme Corp', 'co-äcme'].map((company, i) => ({ id: `p${i}`, name: `p${i}`, company }))],
      companies: [{ id: 'co-acme', name: 'Acme' }],
      interactions: [0, 1, 2, 3, 4].map((i) => met('s', `p${i}`, daysAgo(0))),
    });
    const ends = (r: { paths: { people: string[] }[] }) => r.paths.map((p) => p.people.at(-1)).sort();
    expect(ends(n.engine.paths('s', { toCompany: 'co-acme' }, { asOf, k: 10 }))).toEqual(['p0', 'p1', 'p2', 'p4']);
    expect(ends(n.engine.paths('s', { where: { dimension: 'company', value: 'acme' } }, { asOf, k: 10 }))).toEqual(['p0', 'p1', 'p2']);
    n.apply({ op: 'put', kind: 'person', record: { id: 'p3', name: 'p3', company: 'ACMÉ' } }, { op: 'put', kind: 'person', record: { id: 'p1', name: 'p1', company: 'Other' } });
    expect(ends(n.engine.paths('s', { toCompany: 'co-acme' }, { asOf, k: 10 }))).toEqual(['p0', 'p2', 'p3', 'p4']);
  });
  it('when people join and leave a company or an industry, then the next path to it goes to whoever holds it then', () => {
    const n = testNetwork({
      people: [{ id: 's', name: 's' }, { id: 'e', name: 'e', company: 'Acme', industry: 'Law' }, { id: 'f', name: 'f', company: 'acme' }, { id: 'g', name: 'g' }],
      companies: [{ id: 'acme', name: 'Acme' }],
      interactions: [met('s', 'e', daysAgo(0)), met('s', 'f', daysAgo(0)), met('s', 'g', daysAgo(0))],
    });
    const ends = (r: { paths: { people: string[] }[] }) => r.paths.map((p) => p.people.at(-1)).sort();
    expect(ends(n.engine.paths('s', { toCompany: 'acme' }, { asOf }))).toEqual(['e', 'f']);
    expect(ends(n.engine.paths('s', { where: { dimension: 'industry', value: 'law' } }, { asOf }))).toEqual(['e']);
    n.apply(
      { op: 'put', kind: 'person', record: { id: 'e', name: 'e', industry: 'Law' } },
      { op: 'put', kind: 'person', record: { id: 'g', name: 'g', company: 'Acme', industry: 'Law' } },
    );
    expect(ends(n.engine.paths('s', { toCompany: 'acme' }, { asOf }))).toEqual(['f', 'g']);
    expect(ends(n.engine.paths('s', { where: { dimension: 'industry', value: 'law' } }, { asOf }))).toEqual(['e', 'g']);
    n.apply({ op: 'delete', kind: 'person', key: 'g' });
    expect(ends(n.engine.paths('s', { toCompany: 'acme' }, { asOf }))).toEqual(['f']);
    expect(ends(n.engine.paths('s', { where: { dimension: 'industry', value: 'Law' } }, { asOf }))).toEqual(['e']);
    // A newcomer in the industry, with a tie: a new node of the snapshot, and a target at once.
    n.apply({ op: 'put', kind: 'person', record: { id: 'h', name: 'h', industry: 'Law' } }, { op: 'put', kind: 'interaction', record: met('s', 'h', daysAgo(0)) });
    expect(ends(n.engine.paths('s', { where: { dimension: 'industry', value: 'Law' } }, { asOf }))).toEqual(['e', 'h']);
  });
  it('when an attribute loses its last holder and another person takes it up, or someone else changes, then the next path to it goes to whoever holds it then', () => {
    const n = testNetwork({
      people: [{ id: 's', name: 's' }, { id: 'a', name: 'a', attributes: { chapter: 'north' } }, { id: 'b', name: 'b' }, { id: 'c', name: 'c' }],
      interactions: [met('s', 'a', daysAgo(0)), met('s', 'b', daysAgo(0)), met('s', 'c', daysAgo(0))],
    });
    const ends = () => n.engine.paths('s', { where: { dimension: 'chapter', value: 'north' } }, { asOf }).paths.map((p) => p.people.at(-1)).sort();
    expect(ends()).toEqual(['a']);
    // Someone else edited: the kept targets stay right.
    n.apply({ op: 'put', kind: 'person', record: { id: 'c', name: 'c2', industry: 'law' } });
    expect(ends()).toEqual(['a']);
    // The key's only holder drops it and another person takes it up: a new list of holders, not the old one.
    n.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'a' } }, { op: 'put', kind: 'person', record: { id: 'b', name: 'b', attributes: { chapter: 'north' } } });
    expect(ends()).toEqual(['b']);
    n.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'a', attributes: { chapter: 'north' } } });
    expect(ends()).toEqual(['a', 'b']);
    // One of two holders moves on (the value keeps a holder): only the other is a target.
    n.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'a', attributes: { chapter: 'south' } } });
    expect(ends()).toEqual(['b']);
  });
  it('when a tie is dated after asOf, then paths do not use it', () => {
    const n = testNetwork({ people: people('s', 't'), interactions: [met('s', 't', '2025-01-01')] });
    expect(n.engine.paths('s', { to: 't' }, { asOf }).paths).toEqual([]);
    expect(n.engine.paths('s', { to: 't' }, { asOf: Date.parse('2025-01-02') }).paths).toHaveLength(1);
  });
  it('rejects bad input: unknown people', () => {
    expect(() => net().engine.paths('nobody', { to: 't' }, { asOf })).toThrow(/unknown person/);
    expect(() => net().engine.paths('s', { to: 'nobody' }, { asOf })).toThrow(/unknown person/);
  });
});
