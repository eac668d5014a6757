/**
 * The map use-case through its one entry point (graph/map/map-view.ts), straight over an engine:
 * the view it builds, its errors (typed, for api/problem.ts to map), the privacy policy, and the
 * layout cached per version.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tieStages } from '../../../graph/analytics/tie-stages.js';
import { UnknownIdError } from '../../../graph/analytics/context.js';
import { parseAsOf } from '../../../graph/analytics/time.js';
import { mapBase, WORKER_LAYOUT_MIN_NODES } from '../../../graph/map/layout.js';
import { MapLayoutPendingError, mapView } from '../../../graph/map/map-view.js';
import { problemOf } from '../../../api/problem.js';
import { mapQuerySchema, mapResponseSchema, type MapRequest } from '../../../graph/map/schema.js';
import { privacyPolicy } from '../../../graph/privacy/policy.js';
import { ValidationError } from '../../../graph/service/errors.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const doc = () => ({
  people: [...people('a', 'b', 'c'), { id: 'd', name: 'd', industry: 'Legal' }, { id: 'e', name: 'e' }],
  groups: [{ id: 'g', name: 'G' }],
  memberships: [{ person: 'a', group: 'g' }, { person: 'b', group: 'g' }],
  interactions: [met('a', 'b', '2026-01-10', 'one_to_one'), met('b', 'c', '2026-01-05')],
  referrals: [referral('c', 'd', '2026-02-01', 'won', 500), referral('d', 'c', '2026-02-02')],
});

/** A request as the route builds it: the query parsed by the schema, asOf read by parseAsOf. */
function request(query: Record<string, string> = {}): MapRequest {
  const { asOf, ...rest } = mapQuerySchema.parse(query);
  return { ...rest, asOf: parseAsOf(asOf) };
}

const tieIds = (view: Awaited<ReturnType<typeof mapView>>['view']) => view.edges.map(([s, t]) => [view.nodes[s]!.id, view.nodes[t]!.id].sort().join('-')).sort();

describe('mapView', () => {
  it('when asked as of a date, then the answer matches the response schema and holds the ties of that date', async () => {
    const { engine } = testNetwork(doc());
    const { view } = await mapView(engine, request({ asOf: '2026-01-31' }));
    expect(mapResponseSchema.safeParse(view).success).toBe(true);
    expect(view.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tieIds(view)).toEqual(['a-b', 'b-c']);
    expect(tieIds((await mapView(engine, request({ asOf: '2026-03-01' }))).view)).toEqual(['a-b', 'b-c', 'c-d']);
  });

  it('when memberships are dated, then the group view and each person\'s groups are the members as of the date asked', async () => {
    const { engine } = testNetwork({
      ...doc(),
      memberships: [
        { person: 'a', group: 'g', since: '2026-01-01', until: '2026-02-15' },
        { person: 'b', group: 'g', since: '2026-01-01' },
        { person: 'c', group: 'g', since: '2026-03-01T09:00:00Z' },
        { person: 'c', group: 'g', since: '2026-05-01' },
      ],
    });
    const at = async (asOf: string) => {
      const group = (await mapView(engine, request({ view: 'group', group: 'g', asOf }))).view.nodes.map((n) => n.id).sort();
      const all = (await mapView(engine, request({ asOf }))).view;
      const holding = all.nodes.filter((n) => n.groups.length > 0).map((n) => `${n.id}:${n.groups.map((g) => all.groups[g]!.id).join('+')}`).sort();
      return { group, holding };
    };
    expect(await at('2025-12-31')).toEqual({ group: [], holding: [] });
    expect(await at('2026-02-15')).toEqual({ group: ['a', 'b'], holding: ['a:g', 'b:g'] });
    expect(await at('2026-03-01T08:59:59Z')).toEqual({ group: ['b'], holding: ['b:g'] });
    expect(await at('2026-06-30')).toEqual({ group: ['b', 'c'], holding: ['b:g', 'c:g'] });
  });

  it('when an ego or group view names an id the network lacks, then UnknownIdError of that kind', async () => {
    const { engine } = testNetwork(doc());
    await expect(mapView(engine, request({ view: 'ego', person: 'nobody' }))).rejects.toMatchObject({ constructor: UnknownIdError, kind: 'person', id: 'nobody' });
    await expect(mapView(engine, request({ view: 'group', group: 'nothing' }))).rejects.toMatchObject({ constructor: UnknownIdError, kind: 'group', id: 'nothing' });
  });

  it('when a policy makes a field or group sensitive, then nodes leave it out and a group view is a ValidationError', async () => {
    const { engine } = testNetwork(doc());
    const { view } = await mapView(engine, request(), privacyPolicy({ SENSITIVE_ATTRIBUTES: 'industry' }));
    expect(view.nodes.some((n) => 'industry' in n)).toBe(false);
    // Nor through the colour ranking or the community names derived from industries.
    expect(view.categories.industry).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('Legal');
    expect((await mapView(engine, request())).view.nodes.find((n) => n.id === 'd')?.industry).toBe('Legal');
    await expect(mapView(engine, request({ view: 'group', group: 'g' }), privacyPolicy({ SENSITIVE_ATTRIBUTES: 'group' }))).rejects.toBeInstanceOf(ValidationError);
  });

  it('when the same version is asked twice, then the positions are the very same; after a write the version moves and everyone is placed', async () => {
    const net = testNetwork(doc());
    const one = (await mapView(net.engine, request())).view;
    const two = (await mapView(net.engine, request())).view;
    expect(two.nodes.map((n) => [n.x, n.y])).toEqual(one.nodes.map((n) => [n.x, n.y]));
    net.apply({ op: 'put', kind: 'person', record: { id: 'f', name: 'f' } }, { op: 'put', kind: 'interaction', record: met('e', 'f', '2026-02-10') });
    const three = (await mapView(net.engine, request())).view;
    expect(three.version).toBeGreaterThan(one.version);
    expect(three.nodes).toHaveLength(6);
    for (const n of three.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  });
});

describe('mapView for the map page (issue #14)', () => {
  it('when the network is asked as of a past date, then everyone keeps the live positions and the colour ranking', async () => {
    const { engine } = testNetwork(doc());
    const live = (await mapView(engine, request())).view;
    const past = (await mapView(engine, request({ asOf: '2026-01-31' }))).view;
    const at = (v: typeof live) => new Map(v.nodes.map((n) => [n.id, [n.x, n.y]]));
    for (const [id, xy] of at(past)) expect(xy).toEqual(at(live).get(id));
    expect(past.categories.industry).toEqual(live.categories.industry);
    expect(past.extent).toEqual(live.extent);
    expect(past.timeline).toEqual(live.timeline);
    expect(live.timeline).toEqual({ first: '2026-01-05T00:00:00.000Z', last: '2026-02-02T00:00:00.000Z' });
  });

  it('then each tie carries its strength, and communities are named after their most common industry', async () => {
    const { engine } = testNetwork(doc());
    const { view } = await mapView(engine, request());
    expect(view.edges.length).toBeGreaterThan(0);
    for (const e of view.edges) {
      expect(e[4]).toBeGreaterThan(0);
      expect(e[4]).toBeLessThanOrEqual(1);
    }
    expect(view.categories.industry).toEqual(['Legal']);
    const ofD = view.nodes.find((n) => n.id === 'd')!.community;
    expect(view.communityNames[ofD]).toBe('Legal');
    expect(view.communityNames).toHaveLength(view.communities);
    expect(view.layout).toBe('server');
  });

  it('when the viewer does not see the only holder of an industry, then the colour ranking and the community names leave it unnamed; the rest as everyone gets it', async () => {
    const withTax = doc();
    withTax.people[0] = { id: 'a', name: 'a', industry: 'Tax' };
    const { engine } = testNetwork(withTax);
    const everyone = (await mapView(engine, request())).view;
    const { view } = await mapView(engine, { ...request(), sees: (id) => id !== 'd' });
    expect(everyone.categories.industry).toEqual(['Legal', 'Tax']);
    expect(view.categories.industry).toEqual(['Tax']);
    const ofC = view.nodes.find((n) => n.id === 'c')!.community;
    expect(everyone.communityNames[ofC]).toBe('Legal');
    expect(view.communityNames).toEqual(everyone.communityNames.map((name, c) => (c === ofC ? `community ${c}` : name)));
    expect(JSON.stringify(view)).not.toContain('Legal');
    expect(mapResponseSchema.safeParse(view).success).toBe(true);
    // a viewer who sees the holder gets everyone's answer
    expect((await mapView(engine, { ...request(), sees: (id) => id !== 'e' })).view.categories).toEqual(everyone.categories);
  });
});

describe('mapQuerySchema', () => {
  it('when a view needs its subject and lacks it, then the issue names that field', () => {
    for (const [view, field] of [['ego', 'person'], ['group', 'group']] as const) {
      const parsed = mapQuerySchema.safeParse({ view });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path)).toEqual([[field]]);
    }
  });
});

describe('the ties a map view draws', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
  const pair = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([x, y]) => x !== y);
  const kind = fc.constantFrom<'met' | 'one_to_one' | 'call'>('met', 'one_to_one', 'call');

  it('when any network is drawn as of any date, for any viewer and view, then its ties, degrees, totals and fit are those of every tie of that date', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(pair, day, kind), { maxLength: 14 }),
        fc.array(fc.tuple(pair, day), { maxLength: 5 }),
        day,
        fc.subarray(ids),
        fc.record({ view: fc.constantFrom('auto', 'ego', 'group'), maxNodes: fc.constantFrom(2, 4, 7, 7, 7), edgeRoom: fc.integer({ min: -2, max: 1 }), radius: fc.integer({ min: 1, max: 2 }) }),
        async (meetings, slips, asOfDay, withheld, cut) => {
          const { engine } = testNetwork({
            people: people(...ids),
            groups: [{ id: 'g', name: 'G' }],
            memberships: [{ person: 'a', group: 'g' }, { person: 'c', group: 'g' }, { person: 'f', group: 'g' }],
            interactions: meetings.map(([[x, y], at, k]) => met(x, y, at, k)),
            referrals: slips.map(([[x, y], at]) => referral(x, y, at, 'won', 100)),
          });
          const sees = (id: string) => !withheld.includes(id);
          // The ties cap around the number the viewer would see, so that number decides the fit.
          const seenTies = tieStages(engine.context(parseAsOf(asOfDay))).filter((t) => sees(t.a) && sees(t.b)).length;
          const v = { ...cut, maxEdges: Math.max(1, seenTies + cut.edgeRoom) };
          const req = { ...request({ asOf: asOfDay, view: v.view, maxNodes: String(v.maxNodes), maxEdges: String(v.maxEdges), radius: String(v.radius), ...(v.view === 'ego' ? { person: 'a' } : v.view === 'group' ? { group: 'g' } : {}) }), sees };
          const { view } = await mapView(engine, req);
          const every = tieStages(engine.context(req.asOf));
          expect(view.total.ties).toBe(every.length);
          if (v.view === 'auto') {
            const fits = ids.filter(sees).length <= v.maxNodes && every.filter((t) => sees(t.a) && sees(t.b)).length <= v.maxEdges;
            expect(view.view.kind).toBe(fits ? 'all' : 'ego');
          }
          const shown = new Set(view.nodes.map((n) => n.id));
          const key = (x: string, y: string) => [x, y].sort().join('-');
          const want = new Map(every.filter((t) => shown.has(t.a) && shown.has(t.b)).map((t) => [key(t.a, t.b), [t.stage, t.dormant, Math.round(t.strength * 100) / 100]]));
          const got = new Map(view.edges.map(([s, d, stage, dormant, strength]) => [key(view.nodes[s]!.id, view.nodes[d]!.id), [view.stages[stage], dormant === 1, strength]]));
          expect(got.size).toBe(Math.min(want.size, v.maxEdges));
          for (const [k, value] of got) expect(value, k).toEqual(want.get(k));
          for (const n of view.nodes) expect(n.degree, n.id).toBe(every.filter((t) => t.a === n.id || t.b === n.id).length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the first map of a large network (communities in the background, issue #18)', () => {
  // Above exactMaxPeople Louvain runs only on a worker thread, as on a network of a million people.
  const large = { betweenness: { exactMaxPeople: 5 }, backgroundThreads: 1 };
  /** Two cliques of six joined by one tie, in an order that does not give them away. */
  const cliques = () => {
    const left = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'];
    const right = ['g7', 'h8', 'i9', 'j10', 'k11', 'l12'];
    const ties = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => met(a, b, '2026-01-10')));
    return { left, right, doc: { people: people(...right, ...left), interactions: [...ties(left), ...ties(right), met('f6', 'g7', '2026-01-11')] } };
  };
  const partition = (view: Awaited<ReturnType<typeof mapView>>['view']) => {
    const groups = new Map<number, string[]>();
    for (const n of view.nodes) groups.set(n.community, [...(groups.get(n.community) ?? []), n.id]);
    return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  };

  it('when the map is asked before the first Louvain run is in, then its layout waits for it and shows its communities, not everyone in one', async () => {
    const { left, right, doc } = cliques();
    const net = testNetwork(doc, large);
    try {
      const { view } = await mapView(net.engine, request(), undefined, { waitMs: 60_000 });
      expect(view.communities).toBe(2);
      expect(partition(view)).toEqual([left.sort(), right.sort()]);
    } finally {
      await net.engine.idle();
    }
  });

  it('when the layout takes longer than the request may wait, then MapLayoutPendingError (a 503 with Retry-After), and the layout goes on for the next request', async () => {
    const { left, right, doc } = cliques();
    const net = testNetwork(doc, large);
    try {
      const pending = await mapView(net.engine, request(), undefined, { waitMs: 0 }).catch((err: unknown) => err);
      expect(pending).toBeInstanceOf(MapLayoutPendingError);
      expect((pending as MapLayoutPendingError).people).toBe(12);
      expect(problemOf(pending)).toMatchObject({ type: 'not-ready', members: { layingOut: true }, headers: { 'Retry-After': '5' } });
      expect((pending as Error).message).toContain('12 people');
      const { view } = await mapView(net.engine, request(), undefined, { waitMs: 60_000 });
      expect(partition(view)).toEqual([left.sort(), right.sort()]);
    } finally {
      await net.engine.idle();
    }
  });

  it('when a write lands while the first layout is computed on its worker, then the next version waits for it and keeps its positions instead of laying out again', async () => {
    // Large enough for the layout's worker thread (smaller maps are laid out in line, at once).
    const size = 10;
    const ids = Array.from({ length: Math.ceil((WORKER_LAYOUT_MIN_NODES + 1) / size) * size }, (_, i) => `p${i}`);
    const ties = ids.flatMap((a, i) => {
      const start = i - (i % size);
      // a clique of ten, and a bridge from each clique's first to the next clique's
      return [...ids.slice(i + 1, start + size).map((b) => met(a, b, '2026-01-10')), ...(i === start && i + size < ids.length ? [met(a, ids[i + size]!, '2026-01-11')] : [])];
    });
    const net = testNetwork({ people: people(...ids), interactions: ties }, large);
    try {
      await net.engine.whenCommunities(net.engine.context());
      const first = mapBase(net.engine);
      // One turn of the event loop: the first base has read its network and waits for its worker.
      await new Promise((resolve) => setImmediate(resolve));
      net.apply({ op: 'put', kind: 'person', record: { id: 'newcomer', name: 'newcomer' } }, { op: 'put', kind: 'interaction', record: met('newcomer', 'p0', '2026-02-10') });
      const { view } = await mapView(net.engine, request({ maxNodes: String(ids.length + 1) }), undefined, { waitMs: 60_000 });
      const base = await first;
      expect(base.index.has('newcomer')).toBe(false);
      expect(view.version).toBeGreaterThan(base.version);
      expect(view.nodes).toHaveLength(ids.length + 1);
      for (const n of view.nodes) {
        const i = base.index.get(n.id);
        if (i === undefined) expect(n.id).toBe('newcomer');
        else {
          // the view rounds positions to hundredths
          expect(n.x).toBeCloseTo(base.x[i]!, 2);
          expect(n.y).toBeCloseTo(base.y[i]!, 2);
        }
      }
    } finally {
      await net.engine.idle();
    }
  }, 60_000);
});
