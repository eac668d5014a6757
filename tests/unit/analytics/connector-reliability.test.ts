import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectorReliability } from '../../../graph/analytics/connector-reliability.js';
import { DAY_MS } from '../../../graph/analytics/time.js';
import type { IntroRequest, IntroRequestStatus } from '../../../graph/schema.js';
import { met, people, testNetwork } from '../network-fixture.js';

const asOf = Date.parse('2024-06-01');
const daysAgo = (d: number) => new Date(asOf - d * DAY_MS).toISOString();
const config = { strength: { tenureBonus: 0 } };
let n = 0;

/** A request of `requester` to `connector`, asked `age` days ago, through the given statuses (each a day later). */
function request(connector: string, age: number, path: IntroRequestStatus[] = [], requester = 's', target = 't'): IntroRequest {
  const changes = [{ status: 'asked' as const, at: daysAgo(age) }, ...path.map((status, i) => ({ status, at: daysAgo(age - i - 1) }))];
  const status = changes.at(-1)!.status;
  return { id: `q${++n}`, requester, connector, target, at: daysAgo(age), status, ...(status === 'outcome' ? { outcome: 'met' as const } : {}), changes };
}

describe('connector reliability', () => {
  const reliabilityOf = (...introRequests: IntroRequest[]) =>
    connectorReliability(testNetwork({ people: people('s', 'a', 'b', 't'), introRequests }).records, asOf);

  it('when nobody was asked, then nobody has a record (r = 1)', () => {
    expect(reliabilityOf().size).toBe(0);
  });
  it('when a connector made one, declined one and let one lapse, then r = (made + 2) / (asked + 2)', () => {
    const r = reliabilityOf(request('a', 50, ['accepted', 'made']), request('a', 40, ['declined']), request('a', 31), request('b', 45, ['made', 'outcome']));
    expect(r.get('a')).toEqual({ asked: 3, made: 1, declined: 1, lapsed: 1, reliability: 3 / 5 });
    expect(r.get('b')).toEqual({ asked: 1, made: 1, declined: 0, lapsed: 0, reliability: 1 });
  });
  it('when a request is still open (asked under 30 days ago, or accepted), then it counts for nothing yet', () => {
    const r = reliabilityOf(request('a', 29), request('a', 90, ['accepted']));
    expect(r.get('a')).toBeUndefined();
  });
  it('when a request names a person withheld from its connector (another member\'s private contact, or the connector being one), then it never counts for them, lapsed, declined or made', () => {
    // s's private contact p, a's own private contact o, and b who is private to s
    const cast = [...people('s', 'a', 'b', 't', 'u'), { id: 'p', name: 'p', privateTo: 's' }, { id: 'o', name: 'o', privateTo: 'a' }];
    const withPrivacy = (privateB: boolean, ...introRequests: IntroRequest[]) =>
      connectorReliability(testNetwork({ people: cast.map((x) => (privateB && x.id === 'b' ? { ...x, privateTo: 's' } : x)), introRequests }).records, asOf);
    const unseen = [
      request('a', 60, [], 's', 'p'), // lapsed: the target is the requester's private contact
      request('a', 50, ['declined'], 's', 'p'),
      request('a', 45, ['made'], 'p', 't'), // the requester is s's private contact
      request('a', 40, [], 'b', 't'), // b as requester: counts only in the run where b is shared
    ];
    // a sees their own private contact o: that request counts as any other
    const seen = [request('a', 35, ['declined'], 's', 'o'), request('a', 31, [], 'u', 't')];
    expect(withPrivacy(false, ...unseen, ...seen).get('a')).toEqual({ asked: 3, made: 0, declined: 1, lapsed: 2, reliability: 2 / 5 });
    expect(withPrivacy(true, ...unseen, ...seen).get('a')).toEqual({ asked: 2, made: 0, declined: 1, lapsed: 1, reliability: 2 / 4 });
    expect(withPrivacy(true, ...unseen).get('a')).toBeUndefined();
    // a connector who is someone's private contact sees no request through them
    expect(withPrivacy(true, request('b', 60, [], 'u', 't'), request('t', 60, [], 'u', 'a')).get('b')).toBeUndefined();
  });
  it('when the history is read as of an earlier date, then later moves do not count yet', () => {
    const records = testNetwork({ people: people('s', 'a', 't'), introRequests: [request('a', 10, ['declined'])] }).records;
    expect(connectorReliability(records, asOf).get('a')!.reliability).toBeCloseTo(2 / 3);
    expect(connectorReliability(records, asOf - 10 * DAY_MS).size).toBe(0); // asked that instant: open
    expect(connectorReliability(records, asOf - 11 * DAY_MS).size).toBe(0); // not asked yet
  });
});

describe('warm paths with connector reliability', () => {
  // s–a–t and s–b–t, all ties the same: two paths of equal cost until a has a track record.
  const doc = (introRequests: IntroRequest[] = []) => ({
    people: people('s', 'a', 'b', 't', 'x'),
    interactions: [met('s', 'a', daysAgo(1)), met('a', 't', daysAgo(1)), met('s', 'b', daysAgo(1)), met('b', 't', daysAgo(1)), met('a', 'x', daysAgo(1))],
    introRequests,
  });

  it('when a connector declined six times (r = 2/8, below every tie), then the path through them costs −ln r more, shows r on its step and names it as the weakest link', () => {
    const plain = testNetwork(doc(), config).engine.paths('s', { to: 't' }, { asOf, k: 2 });
    const declines = Array.from({ length: 6 }, (_, i) => request('a', 60 + i, ['declined'], i % 2 ? 'x' : 'b', i % 2 ? 'b' : 'x'));
    const withRecord = testNetwork(doc(declines), config).engine.paths('s', { to: 't' }, { asOf, k: 2 });
    expect(plain.paths).toHaveLength(2);
    expect(plain.paths[1]!.cost).toBeCloseTo(plain.paths[0]!.cost, 12);
    expect(withRecord.paths.map((p) => p.people)).toEqual([['s', 'b', 't'], ['s', 'a', 't']]);
    const [viaB, viaA] = withRecord.paths;
    expect(viaB!.cost).toBeCloseTo(plain.paths[0]!.cost, 12);
    expect(viaA!.cost).toBeCloseTo(plain.paths[0]!.cost - Math.log(2 / 8), 12);
    expect(viaA!.chance).toBeCloseTo(viaA!.strength * 0.25, 12);
    expect(viaA!.steps[0]!.connector).toEqual({ person: 'a', reliability: 0.25, asked: 6, made: 0 });
    expect(viaA!.steps[0]!.cost).toBeCloseTo(-Math.log(viaA!.steps[0]!.strength) - Math.log(0.25), 12);
    expect(viaA!.steps[1]!.connector).toBeUndefined(); // t is the target, not a connector
    expect(viaA!.weakestLink).toMatchObject({ kind: 'connector', people: ['a'], value: 0.25 });
    expect(viaA!.weakestLink!.words).toMatch(/a as a connector \(made 0 of 6 introductions asked/);
    expect(viaB!.weakestLink).toMatchObject({ kind: 'tie' });
    expect(viaB!.weakestLink!.words).toMatch(/^the tie s–b/);
  });

  it('when requests name only the two ends of the path, then every cost is exactly what it was', () => {
    const plain = testNetwork(doc(), config).engine.paths('s', { to: 't' }, { asOf, k: 2 });
    const ends = testNetwork(doc([request('s', 60, ['declined'], 'a', 'b'), request('t', 60, ['declined'], 'a', 'b')]), config).engine.paths('s', { to: 't' }, { asOf, k: 2 });
    expect(ends.paths.map((p) => [p.people, p.cost, p.strength, p.chance])).toEqual(plain.paths.map((p) => [p.people, p.cost, p.strength, p.chance]));
    expect(plain.paths.every((p) => p.chance === p.strength)).toBe(true);
  });

  it('when reliabilities are random, then the best path found is the cheapest simple path by Σ −ln s + Σ −ln r (brute force)', () => {
    const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    const arb = fc.record({
      edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 400 })).filter(([a, b]) => a !== b), { minLength: 4, maxLength: 12, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` }),
      declines: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 6 }),
      maxHops: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(arb, ({ edges, declines, maxHops }) => {
        const reqs = declines.map((c, i) => request(ids[c]!, 40 + i, ['declined'], ids[(c + 1) % 6], ids[(c + 2) % 6]));
        const net = testNetwork({ people: people(...ids), interactions: edges.map(([a, b, age]) => met(ids[a]!, ids[b]!, daysAgo(age))), introRequests: reqs }, config);
        const r = connectorReliability(net.records, asOf);
        const s = (a: string, b: string) => net.engine.relationship(a, b, asOf).strength?.strength;
        let best = Infinity;
        const walk = (path: string[], cost: number) => {
          const u = path.at(-1)!;
          if (u === 'p5') return void (best = Math.min(best, cost));
          if (path.length > maxHops) return;
          for (const v of ids) {
            const sv = path.includes(v) ? undefined : s(u, v);
            if (sv === undefined) continue;
            const connector = path.length > 1 ? -Math.log(r.get(u)?.reliability ?? 1) : 0;
            walk([...path, v], cost - Math.log(sv) + connector);
          }
        };
        walk(['p0'], 0);
        const found = net.engine.paths('p0', { to: 'p5' }, { asOf, k: 1, maxHops }).paths[0];
        if (best === Infinity) return found === undefined;
        return found !== undefined && Math.abs(found.cost - best) < 1e-9 && Math.abs(found.steps.reduce((x, st) => x + st.cost, 0) - best) < 1e-9;
      }),
      { numRuns: 150 },
    );
  });
});

