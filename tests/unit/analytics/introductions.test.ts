import { describe, expect, it } from 'vitest';
import { introductions } from '../../../graph/analytics/introductions.js';
import { met, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const asOf = Date.parse(T);
type P = { id: string; name: string; industry?: string; profession?: string; company?: string; email?: string };
const p = (id: string, industry: string, more: Partial<P> = {}): P => ({ id, name: id, industry, ...more });

describe('introductions', () => {
  // me knows lawyer L, accountant A, dentist D. Across the network law↔tax traded 2 referrals, law↔health none.
  const net = (people: P[] = [p('L', 'law'), p('A', 'tax'), p('D', 'health')]) =>
    testNetwork({
      people: [p('me', 'it'), ...people, p('l2', 'law'), p('a2', 'tax')],
      interactions: people.map((x) => met('me', x.id, T)),
      referrals: [referral('l2', 'a2', T), referral('a2', 'l2', T)],
    });

  it('when two contacts are untied and their categories trade referrals, then the pair is suggested with the traffic, both cards, a reason and a message', () => {
    const n = net([p('L', 'law', { name: 'Lena Law', company: 'Lex', email: 'l@x.org', profession: 'lawyer' }), p('A', 'tax', { name: 'Ari Tax', profession: 'accountant' }), p('D', 'health')]);
    const r = n.engine.introductions('me', { asOf });
    expect(r.introductions).toHaveLength(1);
    const i = r.introductions[0]!;
    expect(i).toMatchObject({ a: 'A', b: 'L', referralTraffic: 2, commonContacts: 0, sharedGroups: 0, novelty: 1, competitors: false });
    expect(i.people).toEqual([
      { id: 'A', name: 'Ari Tax' },
      { id: 'L', name: 'Lena Law', email: 'l@x.org', company: 'Lex' },
    ]);
    expect(i.reason).toMatch(/Ari Tax \(tax\) and Lena Law \(law\) have no tie yet/);
    expect(i.reason).toMatch(/exchanged 2 referrals\./);
    expect(i.message).toMatch(/^Ari, meet Lena Law \(lawyer at Lex\)\. Lena, meet Ari Tax \(accountant\)\./);
  });
  it('when the viewer does not see a contact, then the pairs and the strongest contacts considered (maxContacts) are among those they see', () => {
    // Z is the strongest contact (a one-to-one) but withheld from the viewer: with it, maxContacts 2 would leave only Z–A.
    const n = testNetwork({
      people: [p('me', 'it'), p('Z', 'law'), p('L', 'law'), p('A', 'tax'), p('l2', 'law'), p('a2', 'tax')],
      interactions: [met('me', 'Z', T, 'one_to_one'), met('me', 'A', T, 'one_to_one'), met('me', 'L', T)],
      referrals: [referral('l2', 'a2', T)],
    });
    const pairs = (sees?: (id: string) => boolean) => introductions(n.engine.context(asOf), 'me', { maxContacts: 2, sees }).introductions.map((i) => [i.a, i.b]);
    expect(pairs()).toEqual([['A', 'Z']]);
    expect(pairs((id) => id !== 'Z')).toEqual([['A', 'L']]);
  });
  it('when the two contacts already know each other, then no suggestion', () => {
    const n = net();
    n.apply({ op: 'put', kind: 'interaction', record: met('L', 'A', T) });
    expect(n.engine.introductions('me', { asOf }).introductions).toEqual([]);
  });
  it('when the two work at the same company (whatever the case), then they are never suggested', () => {
    const n = net([p('L', 'law', { company: 'Smith & Co' }), p('A', 'tax', { company: ' smith & co' })]);
    expect(n.engine.introductions('me', { asOf }).introductions).toEqual([]);
    expect(n.engine.introductions('me', { asOf, includeCompetitors: true }).introductions).toEqual([]);
  });
  it('when the two have the same profession, then they are left out by default and flagged with includeCompetitors', () => {
    const n = net([p('L', 'law', { profession: 'Financial adviser' }), p('A', 'tax', { profession: 'financial Adviser' })]);
    expect(n.engine.introductions('me', { asOf }).introductions).toEqual([]);
    const flagged = n.engine.introductions('me', { asOf, includeCompetitors: true }).introductions;
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ a: 'A', b: 'L', competitors: true });
    expect(flagged[0]!.reason).toMatch(/same profession/);
  });
  it('when one names the company by its record id and the other by its name, then it is the same company', () => {
    const n = testNetwork({
      people: [p('me', 'it'), p('L', 'law', { company: 'c1' }), p('A', 'tax', { company: 'ACME Ltd' }), p('l2', 'law'), p('a2', 'tax')],
      companies: [{ id: 'c1', name: 'Acme Ltd' }],
      interactions: [met('me', 'L', T), met('me', 'A', T)],
      referrals: [referral('l2', 'a2', T)],
    });
    expect(n.engine.introductions('me', { asOf }).introductions).toEqual([]);
  });
  it("when a company record comes, is renamed or goes, then the next suggestions resolve people's companies by it as it is then", () => {
    const n = testNetwork({
      people: [p('me', 'it'), p('L', 'law', { company: 'c1' }), p('A', 'tax', { company: 'ACME Ltd' }), p('l2', 'law'), p('a2', 'tax')],
      interactions: [met('me', 'L', T), met('me', 'A', T)],
      referrals: [referral('l2', 'a2', T)],
    });
    const suggested = () => n.engine.introductions('me', { asOf }).introductions.length;
    expect(suggested()).toBe(1);
    n.apply({ op: 'put', kind: 'company', record: { id: 'c1', name: 'Acme Ltd' } });
    expect(suggested()).toBe(0);
    n.apply({ op: 'put', kind: 'company', record: { id: 'c1', name: 'Beta' } });
    expect(suggested()).toBe(1);
    n.apply({ op: 'put', kind: 'company', record: { id: 'c1', name: 'acme ltd' } });
    expect(suggested()).toBe(0);
    n.apply({ op: 'delete', kind: 'company', key: 'c1' });
    expect(suggested()).toBe(1);
  });
  it('when fields are withheld (sensitive), then cards and words leave them out and competitors are never listed', () => {
    const n = net([p('L', 'law', { company: 'Secret Co', profession: 'adviser' }), p('A', 'tax', { company: 'Other', profession: 'adviser' }), p('D', 'health', { company: 'Third' })]);
    const withheld = (d: string) => d === 'company' || d === 'profession';
    expect(n.engine.introductions('me', { asOf, withheld, includeCompetitors: true }).introductions).toEqual([]);
    n.apply({ op: 'put', kind: 'referral', record: referral('l2', 'D', T) });
    const [i] = n.engine.introductions('me', { asOf, withheld }).introductions;
    expect(i).toMatchObject({ a: 'D', b: 'L' });
    expect(JSON.stringify(i)).not.toMatch(/Secret Co|Third|adviser/);
  });
  it('when companies or professions are missing, then nothing is excluded for them', () => {
    const n = net([p('L', 'law', { company: '' }), p('A', 'tax')]);
    expect(n.engine.introductions('me', { asOf }).introductions).toHaveLength(1);
  });
});

describe('introductions score', () => {
  it('when the pair already shares contacts and groups, then novelty divides the worth by 1 + their number and closure multiplies RA by 1 + shared groups', () => {
    // me knows L and A (strength s each); L and A both know C and are both in group g: novelty 1/3.
    // Common contacts me (2 contacts) and C (2 contacts): RA = 1/2 + 1/2 = 1, closure = 1 × (1 + 1) = 2.
    const n = testNetwork({
      people: [p('me', 'it'), p('L', 'law'), p('A', 'tax'), p('C', 'it'), p('l2', 'law'), p('a2', 'tax')],
      groups: [{ id: 'g', name: 'G' }],
      memberships: [
        { person: 'L', group: 'g' },
        { person: 'A', group: 'g' },
      ],
      interactions: [met('me', 'L', T), met('me', 'A', T), met('L', 'C', T), met('A', 'C', T)],
      referrals: [referral('l2', 'a2', T), referral('a2', 'l2', T), referral('l2', 'a2', T)],
    });
    const [i] = n.engine.introductions('me', { asOf }).introductions;
    const sL = n.engine.relationship('me', 'L', asOf).strength?.strength;
    const sA = n.engine.relationship('me', 'A', asOf).strength?.strength;
    expect(i).toMatchObject({ a: 'A', b: 'L', commonContacts: 1, sharedGroups: 1, referralTraffic: 3 });
    expect(i!.novelty).toBeCloseTo(1 / 3);
    expect(i!.strengths[0]).toBeCloseTo(sA!);
    expect(i!.strengths[1]).toBeCloseTo(sL!);
    expect(i!.closure).toBeCloseTo(2);
    const worth = 3 * sA! * sL! * (1 / 3);
    expect(i!.worth).toBeCloseTo(worth);
    expect(i!.score).toBeCloseTo(worth ** 0.1 * 2 ** 0.9);
    expect(introductions(n.engine.context(asOf), 'me', { closureWeight: 0 }).introductions[0]!.score).toBeCloseTo(worth);
    expect(introductions(n.engine.context(asOf), 'me', { closureWeight: 1 }).introductions[0]!.score).toBeCloseTo(2);
    expect(i!.reason).toMatch(/share 1 other contact and 1 group/);
  });

  it('when options are given as undefined, then their defaults hold (20 suggestions, closure weight 0.9)', () => {
    // me knows 8 lawyers and 8 accountants, none tied to each other: 64 law–tax pairs.
    const ids = [...Array.from({ length: 8 }, (_, i) => p(`L${i}`, 'law')), ...Array.from({ length: 8 }, (_, i) => p(`A${i}`, 'tax'))];
    const n = testNetwork({ people: [p('me', 'it'), ...ids, p('l2', 'law'), p('a2', 'tax')], interactions: ids.map((x) => met('me', x.id, T)), referrals: [referral('l2', 'a2', T)] });
    const ctx = n.engine.context(asOf);
    const given = introductions(ctx, 'me', { limit: undefined, closureWeight: undefined, maxContacts: undefined, dimension: undefined, includeCompetitors: undefined });
    expect(given.introductions).toHaveLength(20);
    expect(given).toEqual(introductions(ctx, 'me'));
  });

  it('when closureWeight is outside [0, 1], then it is refused', () => {
    const n = testNetwork({ people: [p('me', 'it'), p('L', 'law'), p('A', 'tax')], interactions: [met('me', 'L', T), met('me', 'A', T)] });
    for (const closureWeight of [-0.1, 1.5, NaN]) expect(() => introductions(n.engine.context(asOf), 'me', { closureWeight })).toThrow(RangeError);
  });

  it('when the traffic and strengths are equal, then the pair whose circles overlap ranks first, and the more novel one with closureWeight 0', () => {
    // Same categories and strengths for all four pairs; A and L share C besides me. me has 4
    // contacts, C 2: RA(A,L) = 1/4 + 1/2 = 0.75, the other pairs only share me: 0.25.
    const n = testNetwork({
      people: [p('me', 'it'), p('L', 'law'), p('A', 'tax'), p('M', 'law'), p('B', 'tax'), p('C', 'it'), p('l2', 'law'), p('a2', 'tax')],
      interactions: [met('me', 'L', T), met('me', 'A', T), met('me', 'M', T), met('me', 'B', T), met('L', 'C', T), met('A', 'C', T), met('L', 'M', T), met('A', 'B', T)],
      referrals: [referral('l2', 'a2', T)],
    });
    const r = n.engine.introductions('me', { asOf }).introductions;
    expect(r.map((i) => `${i.a}-${i.b}`).sort()).toEqual(['A-L', 'A-M', 'B-L', 'B-M']);
    expect(r[0]).toMatchObject({ a: 'A', b: 'L', commonContacts: 1, novelty: 0.5 });
    expect(r[0]!.closure).toBeCloseTo(0.75);
    expect(r.slice(1).every((i) => i.novelty === 1 && Math.abs(i.closure - 0.25) < 1e-9 && i.score < r[0]!.score)).toBe(true);
    const byWorth = introductions(n.engine.context(asOf), 'me', { closureWeight: 0 }).introductions;
    expect(byWorth.at(-1)).toMatchObject({ a: 'A', b: 'L' });
    expect(byWorth.slice(0, 3).every((i) => i.score > byWorth.at(-1)!.score)).toBe(true);
  });

  it('when someone in a referral has several categories (groups), then the referral is counted once', () => {
    // Dimension group: x is in g1 and g2, y in h. One referral x→y. A (g1, g2) and B (h): traffic 1, not 2.
    const n = testNetwork({
      people: [p('me', 'it'), p('A', 'a'), p('B', 'b'), p('x', 'a'), p('y', 'b')],
      groups: ['g1', 'g2', 'h'].map((id) => ({ id, name: id })),
      memberships: [
        { person: 'x', group: 'g1' },
        { person: 'x', group: 'g2' },
        { person: 'y', group: 'h' },
        { person: 'A', group: 'g1' },
        { person: 'A', group: 'g2' },
        { person: 'B', group: 'h' },
      ],
      interactions: [met('me', 'A', T), met('me', 'B', T)],
      referrals: [referral('x', 'y', T)],
    });
    const [i] = n.engine.introductions('me', { asOf, dimension: 'group' }).introductions;
    expect(i).toMatchObject({ a: 'A', b: 'B', referralTraffic: 1 });
    expect(i!.reason).toMatch(/exchanged 1 referral\./);
  });
});
