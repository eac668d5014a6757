/**
 * fast-check arbitraries for network documents: valid ones (every reference resolves, no
 * duplicates, a ≠ b) and hostile ones (valid documents with one of many corruptions applied, and
 * arbitrary JSON).
 */
import fc from 'fast-check';
import { INTERACTION_KINDS, REFERRAL_STATUSES, type NetworkDocument } from '../../graph/schema.js';
import { dismissalId } from '../../graph/service/dismissals.js';

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .'-]{0,14}[A-Za-z0-9]$/);
// Dates in the past whenever the tests run: a status history dated after the server's now is refused.
const LATEST = Date.UTC(2025, 11, 31, 23, 59, 59);
const day = fc.integer({ min: Date.UTC(2015, 0, 1), max: LATEST }).map((t) => new Date(t).toISOString().slice(0, 10));
const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: LATEST }).map((t) => new Date(t - (t % 1000)).toISOString().replace('.000Z', 'Z'));
const when = fc.oneof(day, instant);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Drops undefined members, as JSON would. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const none = <T>(): fc.Arbitrary<T[]> => fc.constant([] as T[]);
const interaction = (pair: fc.Arbitrary<[number, number]>) =>
  fc.record({ ab: pair, kind: fc.constantFrom(...INTERACTION_KINDS), at: when, withId: fc.boolean(), note: opt(word) });
const referral = (pair: fc.Arbitrary<[number, number]>) =>
  fc.record({ ab: pair, status: fc.constantFrom(...REFERRAL_STATUSES), at: when, withId: fc.boolean(), value: opt(fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100)), prospect: opt(word), withHistory: fc.boolean() });
type InteractionDraft = ReturnType<typeof interaction> extends fc.Arbitrary<infer T> ? T : never;
type ReferralDraft = ReturnType<typeof referral> extends fc.Arbitrary<infer T> ? T : never;

/** How large a document may be: people, groups, events and companies, and records of each kind (memberships, attendance, interactions, referrals). */
interface DocumentSize {
  people: number;
  groups: number;
  records: number;
}
const SMALL: DocumentSize = { people: 12, groups: 3, records: 15 };

/** A valid network document (small: up to 12 people), with intro requests when `withIntroRequests`. */
const documents = (withIntroRequests: boolean, size: DocumentSize = SMALL): fc.Arbitrary<NetworkDocument> => fc
  .record({ nPeople: fc.integer({ min: 0, max: size.people }), nGroups: fc.integer({ min: 0, max: size.groups }), nEvents: fc.integer({ min: 0, max: size.groups }), nCompanies: fc.integer({ min: 0, max: size.groups }) })
  .chain(({ nPeople, nGroups, nEvents, nCompanies }) => {
    const pid = (i: number) => `p${i}`;
    const person = (i: number) =>
      fc
        .record({
          name: word,
          email: opt(fc.constantFrom('a@example.com', 'b.c@example.org')),
          industry: opt(fc.constantFrom('Law', 'Retail', 'Finance', 'Health', 'IT')),
          profession: opt(word),
          location: opt(fc.constantFrom('Berlin', 'Lyon', 'Leeds')),
          tags: opt(fc.uniqueArray(word, { maxLength: 3 })),
          attributes: opt(fc.dictionary(fc.constantFrom('club', 'department', 'religion'), word, { maxKeys: 2 })),
        })
        .map((p) => clean({ id: pid(i), ...p }));
    const peopleIdx = fc.integer({ min: 0, max: Math.max(0, nPeople - 1) });
    const pair = fc.tuple(peopleIdx, peopleIdx).filter(([a, b]) => a !== b);
    return fc
      .record({
        people: fc.tuple(...Array.from({ length: nPeople }, (_, i) => person(i))),
        companies: fc.tuple(...Array.from({ length: nCompanies }, (_, i) => fc.record({ name: word, size: opt(fc.nat(500)) }).map((c) => clean({ id: `c${i}`, ...c })))),
        groups: fc.tuple(...Array.from({ length: nGroups }, (_, i) => fc.record({ name: word, kind: opt(fc.constantFrom('chapter', 'club')) }).map((g) => clean({ id: `g${i}`, ...g })))),
        events: fc.tuple(
          ...Array.from({ length: nEvents }, (_, i) =>
            fc.record({ name: word, at: when, group: nGroups ? opt(fc.integer({ min: 0, max: nGroups - 1 }).map((g) => `g${g}`)) : fc.constant(undefined) }).map((e) => clean({ id: `e${i}`, ...e })),
          ),
        ),
        memberships: nPeople && nGroups ? fc.uniqueArray(fc.tuple(peopleIdx, fc.integer({ min: 0, max: nGroups - 1 })), { maxLength: Math.ceil((size.records * 2) / 3), selector: ([p, g]) => `${p}/${g}` }) : none<[number, number]>(),
        attendance: nPeople && nEvents ? fc.uniqueArray(fc.tuple(peopleIdx, fc.integer({ min: 0, max: nEvents - 1 })), { maxLength: Math.ceil((size.records * 2) / 3), selector: ([p, e]) => `${p}/${e}` }) : none<[number, number]>(),
        interactions: nPeople > 1 ? fc.array(interaction(pair), { maxLength: size.records }) : none<InteractionDraft>(),
        referrals: nPeople > 1 ? fc.array(referral(pair), { maxLength: size.records }) : none<ReferralDraft>(),
        // One per person and row, as rowKey writes it, about another person of the network (graph/service/dismissals.ts, rowKeyProblem).
        dismissals:
          nPeople > 1
            ? fc.uniqueArray(
                fc.record({ who: fc.uniqueArray(peopleIdx, { minLength: 2, maxLength: 2 }), snoozed: fc.boolean(), at: when }).map(({ who: [p, q], ...rest }) => ({ p: p!, row: `dormant:${encodeURIComponent(pid(q!))}`, ...rest })),
                { maxLength: 3, selector: (x) => `${x.p}/${x.row}` },
              )
            : none<{ p: number; row: string; snoozed: boolean; at: string }>(),
        introRequests:
          withIntroRequests && nPeople > 2
            ? fc.array(fc.record({ who: fc.uniqueArray(peopleIdx, { minLength: 3, maxLength: 3 }), at: when, made: fc.boolean(), note: opt(word) }), { maxLength: 3 })
            : none<{ who: number[]; at: string; made: boolean; note: string | undefined }>(),
      })
      .map((d) => ({
        people: d.people,
        companies: d.companies,
        groups: d.groups,
        events: d.events,
        memberships: d.memberships.map(([p, g]) => ({ person: pid(p), group: `g${g}` })),
        attendance: d.attendance.map(([p, e]) => ({ person: pid(p), event: `e${e}` })),
        interactions: d.interactions.map((x, i) => clean({ id: x.withId ? `i${i}` : undefined, a: pid(x.ab[0]), b: pid(x.ab[1]), kind: x.kind, at: x.at, note: x.note })),
        referrals: d.referrals.map((x, i) =>
          clean({
            id: x.withId ? `r${i}` : undefined,
            from: pid(x.ab[0]),
            to: pid(x.ab[1]),
            at: x.at,
            status: x.status,
            value: x.value,
            prospect: x.prospect,
            // A dated history whose moves all fall at the slip's own date: every answer reads the status as without one.
            changes: x.withHistory ? [{ status: 'passed' as const, at: x.at }, clean({ status: x.status, at: x.at, value: x.value })] : undefined,
          }),
        ),
        dismissals: d.dismissals.map((x) => clean({ id: dismissalId(pid(x.p), x.row), person: pid(x.p), row: x.row, kind: x.snoozed ? ('snoozed' as const) : ('not_relevant' as const), until: x.snoozed ? new Date(Date.parse(x.at) + 86_400_000).toISOString() : undefined, at: x.at })),
        introRequests: d.introRequests.map((x, i) =>
          clean({
            id: `q${i}`,
            requester: pid(x.who[0]!),
            connector: pid(x.who[1]!),
            target: pid(x.who[2]!),
            at: x.at,
            status: x.made ? ('made' as const) : ('asked' as const),
            note: x.note,
            changes: x.made ? [{ status: 'asked' as const, at: x.at }, { status: 'made' as const, at: x.at }] : [{ status: 'asked' as const, at: x.at }],
          }),
        ),
      }));
  });

/**
 * A valid network document with no intro requests: the analytics properties (path costs Σ −ln s)
 * hold as stated only without connectors' track records (those have their own tests).
 */
export const validDocument = documents(false);
/** A valid network document that may hold intro requests (import/export round trips). */
export const validDocumentWithIntroRequests = documents(true);
/** A valid network document of up to 40 people and 80 records of each kind: sums of many terms, several components. */
export const largerValidDocument = documents(false, { people: 40, groups: 5, records: 80 });

const COLLECTIONS = ['people', 'companies', 'groups', 'memberships', 'events', 'attendance', 'interactions', 'referrals'] as const;
const FIELDS = ['id', 'name', 'a', 'b', 'from', 'to', 'person', 'group', 'event', 'at', 'kind', 'status', 'value', 'email', 'tags', 'attributes', 'since', 'until', 'size'];
const junk = fc.oneof(fc.constant(null), fc.constant(''), fc.integer(), fc.double(), fc.boolean(), fc.string(), fc.constant('not-a-date'), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }), fc.constant('x'.repeat(3000)));

/** A valid document with one corruption: a field set to junk or removed, an unknown field, a duplicate, a dangling reference, a collection replaced. */
export const corruptedDocument: fc.Arbitrary<unknown> = fc
  .tuple(validDocument, fc.constantFrom(...COLLECTIONS), fc.nat(), fc.constantFrom(...FIELDS), junk, fc.constantFrom('set', 'delete', 'unknown-field', 'duplicate', 'dangle', 'replace-collection', 'top-level'))
  .map(([doc, collection, index, field, value, how]) => {
    const copy = JSON.parse(JSON.stringify(doc)) as Record<string, Record<string, unknown>[]>;
    const list = copy[collection]!;
    const target = list.length ? list[index % list.length]! : undefined;
    switch (how) {
      case 'set':
        if (target) target[field] = value;
        else copy[collection] = [{ [field]: value }];
        break;
      case 'delete':
        if (target) delete target[field];
        break;
      case 'unknown-field':
        if (target) target[`x_${field}`] = value;
        break;
      case 'duplicate':
        if (target) list.push(JSON.parse(JSON.stringify(target)));
        break;
      case 'dangle':
        if (target) for (const ref of ['a', 'b', 'from', 'to', 'person', 'group', 'event']) if (ref in target) target[ref] = 'nobody';
        break;
      case 'replace-collection':
        (copy as Record<string, unknown>)[collection] = value;
        break;
      case 'top-level':
        (copy as Record<string, unknown>)[field] = value;
        break;
    }
    return copy;
  });

/** Anything a client could send as a JSON body. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), corruptedDocument, fc.dictionary(fc.constantFrom(...COLLECTIONS), fc.jsonValue()));
