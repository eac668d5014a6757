/**
 * The privacy decorator: it answers what the engine answers, except where a sensitive dimension
 * is involved (the attacks over HTTP are in tests/security/privacy-attacks.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { privacyPolicy } from '../../../graph/privacy/policy.js';
import { PrivateAnalyticsEngine } from '../../../graph/privacy/private-analytics.js';
import { DimensionInputError } from '../../../graph/analytics/dimensions.js';
import { ValidationError } from '../../../graph/service/errors.js';
import { met, referral, testNetwork } from '../network-fixture.js';

const asOf = Date.parse('2024-06-01');

/** Six people, religion an attribute; a–b–c–d a chain, e and f tied to a. */
const net = () =>
  testNetwork({
    people: ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, name: id, industry: i % 2 ? 'tax' : 'law', attributes: { religion: i < 2 ? 'x' : 'y' } })),
    groups: [{ id: 'g', name: 'g' }],
    memberships: ['a', 'b', 'c'].map((person) => ({ person, group: 'g' })),
    interactions: [met('a', 'b', '2024-01-01', 'one_to_one'), met('b', 'c', '2024-01-01'), met('c', 'd', '2024-01-01'), met('a', 'e', '2024-01-01'), met('a', 'f', '2024-01-01')],
    referrals: [referral('a', 'b', '2024-02-01', 'won', 10), referral('b', 'a', '2024-02-02')],
  });

describe('PrivateAnalyticsEngine', () => {
  it('when nothing asked involves a sensitive dimension, then every answer is the wrapped engine’s', async () => {
    const { engine } = net();
    const wrapped = new PrivateAnalyticsEngine(engine, privacyPolicy({ SENSITIVE_ATTRIBUTES: 'religion' }));
    expect(wrapped.relationship('a', 'b', asOf)).toEqual(engine.relationship('a', 'b', asOf));
    expect(wrapped.personMetrics('a', { asOf, dimension: 'industry' })).toEqual(engine.personMetrics('a', { asOf, dimension: 'industry' }));
    // communities served on demand are stamped computedAt = the time of asking (live-communities.ts)
    const network = (m: ReturnType<typeof engine.networkMetrics>) => ({ ...m, communitiesInfo: { ...m.communitiesInfo, computedAt: 'any' } });
    expect(network(wrapped.networkMetrics(asOf))).toEqual(network(engine.networkMetrics(asOf)));
    expect(wrapped.paths('a', { to: 'd' }, { asOf })).toEqual(engine.paths('a', { to: 'd' }, { asOf }));
    expect(wrapped.renetworking('a', { asOf })).toEqual(engine.renetworking('a', { asOf }));
    expect(wrapped.introductions('a', { asOf })).toEqual(engine.introductions('a', { asOf }));
    expect(wrapped.diversityGap({ person: 'a' }, 'industry', { asOf })).toEqual(engine.diversityGap({ person: 'a' }, 'industry', { asOf }));
    expect(wrapped.chapterReport('g', { asOf })).toEqual(engine.chapterReport('g', { asOf }));
    const ctx = wrapped.context(asOf);
    expect(wrapped.tieStages(ctx)).toEqual(engine.tieStages(ctx));
    expect([wrapped.version, wrapped.isLive(asOf), wrapped.resolveAsOf(asOf), wrapped.warmUpStatus()]).toEqual([engine.version, engine.isLive(asOf), asOf, engine.warmUpStatus()]);
    await expect(wrapped.whenWarm(10)).resolves.toBe(true);
    await expect(wrapped.idle()).resolves.toBeUndefined();
  });

  it('when a breakdown is by a sensitive dimension, then its small cells are withheld though the engine shows them', () => {
    const { engine } = net();
    const wrapped = new PrivateAnalyticsEngine(engine, privacyPolicy({ SENSITIVE_ATTRIBUTES: 'religion' }));
    const plain = engine.personMetrics('a', { asOf, dimension: 'attributes.religion' }).diversity['attributes.religion']!;
    const shown = wrapped.personMetrics('a', { asOf, dimension: 'attributes.religion' }).diversity['attributes.religion']!;
    // a's contacts b (x), e and f (y): cells of 1 and 2, both under k = 5
    expect(plain.counts).toEqual({ x: 1, y: 2 });
    expect(shown).not.toEqual(plain);
    expect(Object.values(shown.counts).every((n) => n === null || n >= 5)).toBe(true);
  });

  it('when the caller does not see every member, then a sensitive dimension\'s coverage counts the members they see, under the k rule', () => {
    // Seven members in industry y, two of them withheld from the caller (another member's private contacts).
    const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
    const { engine } = testNetwork({
      people: members.map((id) => ({ id, name: id, industry: 'y' })),
      groups: [{ id: 'g', name: 'g' }],
      memberships: members.map((person) => ({ person, group: 'g' })),
    });
    const wrapped = new PrivateAnalyticsEngine(engine, privacyPolicy({ SENSITIVE_ATTRIBUTES: 'industry', PRIVACY_MIN_COUNT: 5 }));
    const industry = (sees?: (id: string) => boolean) => wrapped.groupMetrics('g', asOf, { sees }).coverage.find((c) => c.dimension === 'industry')!;
    expect(industry().categories).toEqual({ y: 7 });
    expect(industry((id) => id < 'm6').categories).toEqual({ y: 5 });
    expect(industry((id) => id < 'm5').categories).toEqual({}); // 4 seen: under k
    expect(wrapped.groupMetrics('g', asOf, { sees: (id) => id < 'm6' }).members).toBe(7);
  });

  it('when a query would name people by a sensitive value, then it is refused as invalid input', () => {
    const wrapped = new PrivateAnalyticsEngine(net().engine, privacyPolicy({ SENSITIVE_ATTRIBUTES: 'religion,industry' }));
    expect(() => wrapped.paths('a', { where: { dimension: 'religion', value: 'y' } }, { asOf })).toThrow(ValidationError);
    expect(() => wrapped.introductions('a', { asOf })).toThrow(ValidationError);
  });

  it('when a sensitive category of k or more is held only by people withheld from the caller, then its cell is counted in `unnamed`, not named; the k rule and the indexes are everyone\'s', () => {
    // hub's contacts: 6 with religion x (withheld from the caller), 5 with y (seen), 1 with z (seen).
    const xs = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
    const ys = ['y1', 'y2', 'y3', 'y4', 'y5'];
    const { engine } = testNetwork({
      people: [{ id: 'hub', name: 'hub' }, ...xs.map((id) => ({ id, name: id, attributes: { religion: 'x' } })), ...ys.map((id) => ({ id, name: id, attributes: { religion: 'y' } })), { id: 'z1', name: 'z1', attributes: { religion: 'z' } }],
      interactions: [...xs, ...ys, 'z1'].map((o) => met('hub', o, '2024-01-01')),
    });
    const wrapped = new PrivateAnalyticsEngine(engine, privacyPolicy({ SENSITIVE_ATTRIBUTES: 'religion', PRIVACY_MIN_COUNT: 5 }));
    const sees = (id: string) => !xs.includes(id);
    const everyone = wrapped.personMetrics('hub', { asOf, dimension: 'religion' }).diversity.religion!;
    const mine = wrapped.personMetrics('hub', { asOf, dimension: 'religion', sees }).diversity.religion!;
    // z (1) is under k: merged with the smallest shown cell into (other), for everyone alike
    expect(everyone.counts).toEqual({ x: 6, '(other)': 6 });
    expect(mine).toEqual({ ...everyone, counts: { '(other)': 6 }, unnamed: 6 });
    expect(everyone).toMatchObject({ privacy: { merged: 2 } });

    const gapAll = wrapped.diversityGap({ person: 'hub' }, 'religion', { asOf });
    const gap = wrapped.diversityGap({ person: 'hub' }, 'religion', { asOf, sees });
    expect(gapAll.shares.map((x) => x.category)).toEqual(['x', '(other)']);
    expect(gap.shares).toEqual(gapAll.shares.filter((x) => x.category !== 'x'));
    // the network's table: x 6, and (other) 7 (y 5, z 1 and hub without a value)
    expect(gap.unnamed).toEqual({ subjectCount: 6, subjectShare: 6 / 12, referenceShare: 6 / 13 });
    expect(JSON.stringify(gap)).not.toContain('"x"');
    expect('unnamed' in gapAll).toBe(false);
  });

  it('when a sensitive dimension is an attribute key no one the caller sees holds, then the gap report is the 400 of an unknown dimension, as on a plain one', () => {
    const { engine } = net();
    const policy = privacyPolicy({ SENSITIVE_ATTRIBUTES: 'religion,health,secret' });
    const wrapped = new PrivateAnalyticsEngine(engine, policy);
    const refusal = (dimension: string, sees?: (id: string) => boolean) => {
      try {
        wrapped.diversityGap({ person: 'a' }, dimension, { asOf, sees });
      } catch (e) {
        expect(e).toBeInstanceOf(DimensionInputError);
        return (e as DimensionInputError).message;
      }
      throw new Error(`expected a DimensionInputError for ${dimension}`);
    };
    // health is sensitive, healthy is not: no one holds either, and the words are the same
    expect(refusal('health')).toBe(refusal('healthy').replaceAll('healthy', 'health'));
    expect(refusal('health')).toMatch(/^unknown dimension "health"\. Known dimensions: /);
    expect(() => wrapped.diversityGap({ person: 'a' }, 'religion', { asOf })).not.toThrow();
    // religion held only by people the caller does not see: a key nobody has, to them
    expect(refusal('religion', () => false)).toBe(refusal('secret', () => false).replaceAll('secret', 'religion'));
  });
});
