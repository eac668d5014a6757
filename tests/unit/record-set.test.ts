import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordSet } from '../../graph/record-set.js';
import { pairKey } from '../../graph/records.js';
import type { NetworkDocument } from '../../graph/schema.js';
import type { Change } from '../../graph/records.js';

const doc: NetworkDocument = {
  people: [
    { id: 'a', name: 'Ann' },
    { id: 'b', name: 'Bo' },
  ],
  companies: [],
  groups: [{ id: 'g', name: 'Chapter' }],
  memberships: [{ person: 'a', group: 'g' }],
  events: [{ id: 'e', name: 'Breakfast', at: '2024-01-02', group: 'g' }],
  attendance: [{ person: 'a', event: 'e' }, { person: 'b', event: 'e' }],
  interactions: [{ id: 'i1', a: 'a', b: 'b', kind: 'met', at: '2024-01-02' }],
  referrals: [{ id: 'r1', from: 'b', to: 'a', at: '2024-02-01', status: 'passed' }],
  dismissals: [{ id: 'd1', person: 'a', row: 'owed:b', kind: 'not_relevant', at: '2024-02-02' }],
  introRequests: [],
};

describe('RecordSet', () => {
  it('when a document is loaded, then toDocument returns it in the same order', () => {
    expect(RecordSet.fromDocument(doc).toDocument()).toEqual(doc);
  });

  it('when a record is replaced, then it keeps its place and its indexes follow the new value', () => {
    const set = RecordSet.fromDocument(doc);
    set.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'Ann B' } });
    expect(set.toDocument().people.map((p) => p.name)).toEqual(['Ann B', 'Bo']);
    set.apply({ op: 'put', kind: 'referral', record: { id: 'r1', from: 'b', to: 'c', at: '2024-02-01', status: 'won' } });
    expect([...set.referralsOf.get('a')]).toEqual([]);
    expect([...set.referralsOf.get('c')]).toEqual(['r1']);
  });

  it('when a person is deleted, then dependents lists every record naming them and nothing else', () => {
    const set = RecordSet.fromDocument(doc);
    const deps = set.dependents('person', 'a');
    expect(deps).toEqual([
      { op: 'delete', kind: 'membership', key: pairKey('a', 'g') },
      { op: 'delete', kind: 'attendance', key: pairKey('a', 'e') },
      { op: 'delete', kind: 'interaction', key: 'i1' },
      { op: 'delete', kind: 'referral', key: 'r1' },
      { op: 'delete', kind: 'dismissal', key: 'd1' },
    ]);
    for (const change of deps) set.apply(change);
    set.apply({ op: 'delete', kind: 'person', key: 'a' });
    const after = set.toDocument();
    expect(JSON.stringify(after)).not.toContain('"a"');
    expect(after.attendance).toEqual([{ person: 'b', event: 'e' }]);
  });

  it('when a missing key is deleted, then nothing changes', () => {
    const set = RecordSet.fromDocument(doc);
    expect(set.apply({ op: 'delete', kind: 'event', key: 'nope' })).toBeUndefined();
    expect(set.toDocument()).toEqual(doc);
  });
  it('when records naming a person come and go in any order, short lists and long ones alike, then the index lists their keys like a Set in insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.nat(99), fc.constantFrom('x', 'y', '__proto__')), { minLength: 20, maxLength: 400, size: 'max' }),
        (steps) => {
          const set = RecordSet.fromDocument({ ...doc, interactions: [], referrals: [], dismissals: [] });
          const model = new Map<string, Set<string>>();
          for (const [put, n, other] of steps) {
            const id = `i${n}`;
            const before = set.get('interaction', id);
            if (before) for (const p of [before.a, before.b]) model.get(p)?.delete(id);
            if (put) {
              set.apply({ op: 'put', kind: 'interaction', record: { id, a: 'a', b: other, kind: 'met', at: '2024-01-02' } });
              for (const p of ['a', other]) model.set(p, (model.get(p) ?? new Set()).add(id));
            } else set.apply({ op: 'delete', kind: 'interaction', key: id });
          }
          for (const p of ['a', 'x', 'y', '__proto__', 'nobody']) {
            expect([...set.interactionsOf.get(p)]).toEqual([...(model.get(p) ?? [])]);
            expect(set.interactionsOf.count(p)).toBe(model.get(p)?.size ?? 0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when a document is loaded in one go, then records and every index are what putting its records one by one gives, duplicate keys and self-references included', () => {
    const ids = ['a', 'b', 'c', '__proto__', 'constructor'];
    const id = fc.constantFrom(...ids);
    const key = fc.nat(30).map((n) => `k${n}`);
    fc.assert(
      fc.property(
        fc.record({
          memberships: fc.array(fc.record({ person: id, group: fc.constantFrom('g', 'h', 'toString') }), { maxLength: 40 }),
          attendance: fc.array(fc.record({ person: id, event: fc.constantFrom('e', 'f') }), { maxLength: 40 }),
          interactions: fc.array(fc.record({ id: key, a: id, b: id }), { maxLength: 80 }),
          referrals: fc.array(fc.record({ id: key, from: id, to: id }), { maxLength: 60 }),
          introRequests: fc.array(fc.record({ id: key, requester: id, connector: id, target: id }), { maxLength: 20 }),
        }),
        (drawn) => {
          const loaded: NetworkDocument = {
            ...doc,
            people: ids.map((p) => ({ id: p, name: p })),
            groups: ['g', 'h', 'toString'].map((g) => ({ id: g, name: g })),
            events: ['e', 'f'].map((e) => ({ id: e, name: e, at: '2024-01-02', group: 'g' })),
            memberships: drawn.memberships,
            attendance: drawn.attendance,
            interactions: drawn.interactions.map((i) => ({ ...i, kind: 'met' as const, at: '2024-01-02' })),
            referrals: drawn.referrals.map((r) => ({ ...r, at: '2024-02-01', status: 'passed' as const })),
            introRequests: drawn.introRequests.map((q) => ({ ...q, at: '2024-02-01', status: 'asked' as const, changes: [] })),
          };
          const oneByOne = new RecordSet();
          for (const [kind, records] of [
            ['person', loaded.people], ['company', loaded.companies], ['group', loaded.groups], ['membership', loaded.memberships], ['event', loaded.events],
            ['attendance', loaded.attendance], ['interaction', loaded.interactions], ['referral', loaded.referrals], ['dismissal', loaded.dismissals], ['introRequest', loaded.introRequests],
          ] as const) {
            for (const record of records) oneByOne.apply({ op: 'put', kind, record } as Change);
          }
          const set = RecordSet.fromDocument(loaded);
          expect(set.toDocument()).toEqual(oneByOne.toDocument());
          for (const index of INDEXES) {
            for (const name of [...ids, 'g', 'h', 'toString', 'e', 'f']) expect([...set[index].get(name)], `${index} of ${name}`).toEqual([...oneByOne[index].get(name)]);
          }
          for (const name of ids) expect(set.dependents('person', name)).toEqual(oneByOne.dependents('person', name));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('RecordSet.privatePeople and watchPeople', () => {
  it('when people are loaded, put, made private, shared and deleted in any order, then privatePeople is exactly the people with privateTo, and a watcher hears the people held', () => {
    const id = fc.constantFrom('a', 'b', 'c', '__proto__');
    const owner = fc.option(fc.constantFrom('a', 'b', 'z'), { nil: undefined });
    const person = fc.record({ id, privateTo: owner }).map(({ id, privateTo }) => ({ id, name: id, ...(privateTo !== undefined && { privateTo }) }));
    const change = fc.oneof(
      person.map((record): Change => ({ op: 'put', kind: 'person', record })),
      id.map((key): Change => ({ op: 'delete', kind: 'person', key })),
    );
    fc.assert(
      fc.property(fc.uniqueArray(person, { selector: (p) => p.id }), fc.array(change, { maxLength: 30 }), (loaded, changes) => {
        const set = RecordSet.fromDocument({ ...doc, people: loaded, memberships: [], attendance: [], interactions: [], referrals: [], dismissals: [] });
        const privateOnes = () => [...set.maps.person.values()].filter((p) => p.privateTo !== undefined).map((p) => p.id).sort();
        expect([...set.privatePeople].sort()).toEqual(privateOnes());
        // A watcher that starts from the people held and follows what it hears ends with the people held.
        const heard = new Map([...set.maps.person].map(([k, p]) => [k, p]));
        set.watchPeople((p, how) => {
          if (how === 'add') heard.set(p.id, p);
          else {
            expect(heard.get(p.id)).toBe(p);
            heard.delete(p.id);
          }
        });
        for (const c of changes) set.apply(c);
        expect([...set.privatePeople].sort()).toEqual(privateOnes());
        expect([...heard]).toEqual(expect.arrayContaining([...set.maps.person]));
        expect(heard.size).toBe(set.maps.person.size);
      }),
      { numRuns: 300 },
    );
  });
});

describe('RecordSet.watch', () => {
  it("when referrals are put, replaced and deleted, directly or with a person's deletion, then a watcher following what it hears holds the referrals held", () => {
    const ref = fc.record({ id: fc.constantFrom('r1', 'r2', 'r3'), from: fc.constantFrom('a', 'b'), to: fc.constantFrom('c', '__proto__'), status: fc.constantFrom<'passed' | 'won'>('passed', 'won') });
    const change = fc.oneof(
      ref.map((r): Change => ({ op: 'put', kind: 'referral', record: { ...r, at: '2024-01-01' } })),
      fc.constantFrom('r1', 'r2', 'r3').map((key): Change => ({ op: 'delete', kind: 'referral', key })),
      fc.constantFrom('a', 'c').map((key): Change => ({ op: 'delete', kind: 'person', key })),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 20 }), (changes) => {
        const people = ['a', 'b', 'c', '__proto__'].map((id) => ({ id, name: id }));
        const set = RecordSet.fromDocument({ ...doc, people, memberships: [], attendance: [], interactions: [], referrals: [{ id: 'r1', from: 'a', to: 'c', at: '2024-01-01', status: 'passed' }], dismissals: [] });
        const heard = new Map([...set.maps.referral]);
        set.watch('referral', (r, how) => {
          if (how === 'add') heard.set(r.id, r);
          else {
            expect(heard.get(r.id)).toBe(r);
            heard.delete(r.id);
          }
        });
        for (const c of changes) set.apply(c);
        expect(heard).toEqual(new Map(set.maps.referral));
      }),
      { numRuns: 200 },
    );
  });
});

const INDEXES = ['membershipsOf', 'membersOf', 'attendanceOf', 'attendeesOf', 'interactionsOf', 'referralsOf', 'dismissalsOf', 'introRequestsOf', 'eventsOf'] as const;
