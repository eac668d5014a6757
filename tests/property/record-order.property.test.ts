/**
 * The same records give the same answers, bit for bit, whatever order they were written in: an
 * engine built from a document answers exactly (toEqual, no rounding) what an engine built from
 * the same document with every collection shuffled answers, and what a live engine answers after
 * the records were written to it one by one in another order (with a person and their records
 * written and deleted on the way, as a merge does). Sums of floating-point terms taken in the
 * order records arrived in differ in their last bits, and a tie broken by id would flip on them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyDocument, type NetworkDocument } from '../../graph/schema.js';
import type { Change, RecordKind } from '../../graph/records.js';
import { compareIds } from '../../graph/support/id-order.js';
import { testNetwork } from '../unit/network-fixture.js';
import { largerValidDocument, validDocument } from './arbitraries.js';
import { answers, NOW, PAST, type AnswersAsked } from './engine-answers.js';

const ASKED: AnswersAsked = { dimensions: ['industry', 'profession', 'location', 'tags', 'group', 'company', 'club', 'department'], pathSources: 6 };

/** A document whose interactions and referrals all carry their ids (testNetwork numbers the others by arrival). */
const documents = fc.oneof(validDocument, largerValidDocument).map((doc) => ({
  ...doc,
  interactions: doc.interactions.map((x, i) => ({ ...x, id: x.id ?? `ix${i}` })),
  referrals: doc.referrals.map((x, i) => ({ ...x, id: x.id ?? `rx${i}` })),
}));

/** A permutation of xs drawn from `seed` (a seeded Fisher–Yates: fast-check shrinks the document, the seed stays). */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const COLLECTIONS = Object.keys(emptyDocument()) as (keyof NetworkDocument)[];

/** The document with every collection in another order. */
function shuffledDocument(doc: NetworkDocument, seed: number): NetworkDocument {
  return Object.fromEntries(COLLECTIONS.map((c, i) => [c, shuffled(doc[c] as readonly unknown[], seed + i * 7919)])) as unknown as NetworkDocument;
}

const KIND: Record<keyof NetworkDocument, RecordKind> = {
  people: 'person',
  companies: 'company',
  groups: 'group',
  events: 'event',
  memberships: 'membership',
  attendance: 'attendance',
  interactions: 'interaction',
  referrals: 'referral',
  dismissals: 'dismissal',
  introRequests: 'introRequest',
};
/** Records others refer to, written first. */
const REFERRED: (keyof NetworkDocument)[] = ['people', 'companies', 'groups', 'events'];

/** Every record of the document as a put, records referred to first, each part in a shuffled order. */
function writes(doc: NetworkDocument, seed: number): Change[] {
  const put = (c: keyof NetworkDocument) => doc[c].map((record): Change => ({ op: 'put', kind: KIND[c], record }) as Change);
  const first = shuffled(REFERRED.flatMap(put), seed);
  // Groups before the events they host.
  first.sort((x, y) => Number(x.kind === 'event') - Number(y.kind === 'event'));
  const rest = shuffled(COLLECTIONS.filter((c) => !REFERRED.includes(c)).flatMap(put), seed + 1);
  return [...first, ...rest];
}

/**
 * JSON with every object's keys in id order: toEqual's equality (key order aside), cheap to compare
 * and print. Paths included: of several paths of exactly the same cost and hops, the one named is
 * the same on a live engine that answered other queries first as on a fresh one.
 */
function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_key, value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => compareIds(a, b)));
  });
}

/**
 * The first answer that differs, both ways, or undefined. Not toEqual on every answer: its diff of
 * a large answer, made again at every shrinking step, ran the test out of memory.
 */
function firstDifference(got: Record<string, unknown>, want: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(want)) {
    const [a, b] = [canonicalJson(got[key]), canonicalJson(want[key])];
    if (a !== b) return `${key}\n got:  ${a.slice(0, 2000)}\n want: ${b.slice(0, 2000)}`;
  }
  return undefined;
}

describe('record order', () => {
  it('when a document has its collections shuffled, then every answer is exactly the same, now and in the past', () => {
    fc.assert(
      fc.property(documents, fc.integer(), (doc, seed) => {
        const want = answers(testNetwork(doc).engine, testNetwork(doc).records, undefined, ASKED);
        const other = testNetwork(shuffledDocument(doc, seed));
        const got = answers(other.engine, other.records, undefined, ASKED);
        expect(firstDifference(got, want)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  }, 600_000);

  it('when the records are written one by one in another order to a live engine (read on the way, a person added and deleted), then it answers exactly what an engine built from the document answers', () => {
    fc.assert(
      fc.property(documents.filter((d) => d.people.length >= 3), fc.integer(), fc.nat(), (doc, seed, cut) => {
        const built = testNetwork(doc);
        const want = answers(built.engine, built.records, undefined, ASKED);
        const live = testNetwork(emptyDocument());
        const all = writes(doc, seed);
        const half = cut % (all.length + 1);
        live.apply(...all.slice(0, half));
        // Read, so the snapshots and caches exist and the later writes patch them.
        answers(live.engine, live.records, undefined, { dimensions: ['industry'], pathSources: 2 });
        // A newcomer tied to three people, written and then deleted with their records (as a merge does).
        // Its id comes before every other: a live snapshot numbers it last, out of id order.
        const decoy = 'A decoy';
        const present = [...live.records.maps.person.keys()].slice(0, 3);
        live.apply(
          { op: 'put', kind: 'person', record: { id: decoy, name: 'Decoy', industry: 'Law' } },
          ...present.map((p, i): Change => ({ op: 'put', kind: 'interaction', record: { id: `decoy${i}`, a: decoy, b: p, kind: 'one_to_one', at: '2021-03-04' } })),
        );
        live.engine.networkMetrics(NOW);
        live.engine.personMetrics(decoy, { asOf: PAST });
        live.apply(...live.records.dependents('person', decoy), { op: 'delete', kind: 'person', key: decoy });
        live.apply(...all.slice(half));
        const got = answers(live.engine, live.records, undefined, ASKED);
        expect(firstDifference(got, want)).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  }, 600_000);
});
