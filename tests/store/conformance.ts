/**
 * The store conformance suite: the executable specification of StorePort (graph/store/port.ts).
 * Every adapter runs it, in the manner of graphology's `specs(Graph)`:
 *
 *   describeStoreConformance('embedded', async () => ({ store, reopen, forget, cleanup }));
 *
 * `makeStore` is called before each test and must return an open, empty store. `reopen` (closes
 * the store and opens a new adapter instance on the same data) enables the durability tests;
 * `forget` (drops the adapter's change history, as a compaction or log trim would) enables the
 * "too old" test. `cleanup` closes whatever is open and removes the data.
 *
 * Invalid at store level (every adapter must refuse the whole batch, applying nothing): a change
 * that is not an object, an op other than put/delete, a kind outside RECORD_KINDS, a put whose
 * record is not an object or lacks its key fields as non-empty strings (id; person+group for a
 * membership; person+event for attendance), a delete without a non-empty string key, a change JSON
 * cannot represent. All adapters share graph/store/check-batch.ts, so the refusal is the same
 * InvalidChangeError with the same message everywhere. Domain rules (schemas, references) are
 * checked before the store and are not the store's business.
 *
 * Versions: strictly increasing with each applied non-empty batch (by one or by more: an adapter
 * may count changes); an empty batch changes nothing. changesSince(v) for a version v the store
 * returned gives exactly the changes committed after it, in commit order; for a version it no
 * longer holds, or one it never reached, undefined.
 */
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { COLLECTION_OF, RECORD_KINDS, keyOf, pairKey, type AnyRecord, type Change } from '../../graph/records.js';
import { emptyDocument, networkDocumentSchema, type Person } from '../../graph/schema.js';
import { InvalidChangeError } from '../../graph/store/check-batch.js';
import type { StorePort } from '../../graph/store/port.js';
import { INJECTION, QUOTED_ID, putsOf, trickyNetwork } from './tricky-network.js';

export interface StoreHarness {
  store: StorePort;
  reopen?: () => Promise<StorePort>;
  forget?: () => Promise<void>;
  cleanup: () => Promise<void>;
}

const person = (id: string, name = `Person ${id}`, extra: Partial<Person> = {}): Person => ({ id, name, ...extra });
const put = (record: Person): Change => ({ op: 'put', kind: 'person', record });
const del = (key: string): Change => ({ op: 'delete', kind: 'person', key });

/** The changes of a batch as the store hands them back: JSON-clean. */
const clean = (changes: Change[]): Change[] => JSON.parse(JSON.stringify(changes)) as Change[];

/** Registers the suite for one adapter. */
export function describeStoreConformance(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`store conformance: ${name}`, () => {
    let h: StoreHarness;
    let store: StorePort;

    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    const reopen = async (ctx: TestContext): Promise<StorePort> => {
      if (!h.reopen) {
        if (process.env.CI === 'true') throw new Error(`${name}: the harness gives no reopen, durability is untested`);
        console.log(`skip: ${name} harness gives no reopen()`);
        ctx.skip();
      }
      store = await h.reopen();
      return store;
    };

    it('when the store is new, then it is ready, at version 0 and empty', async () => {
      expect(store.kind).toEqual(expect.any(String));
      expect(await store.isReady()).toBe(true);
      expect(await store.currentVersion()).toBe(0);
      expect(await store.readAll()).toStrictEqual({ version: 0, document: emptyDocument() });
      expect(await store.get('person', 'nobody')).toBeUndefined();
      expect(await store.changesSince(0)).toStrictEqual({ version: 0, changes: [] });
    });

    it('when records of all ten kinds are put, then readAll returns exactly them in insertion order', async () => {
      const doc = trickyNetwork();
      expect(networkDocumentSchema.parse(doc)).toStrictEqual(doc); // the fixture itself is valid domain data
      const version = await store.apply(putsOf(doc));
      expect(version).toBeGreaterThan(0);
      expect(await store.readAll()).toStrictEqual({ version, document: doc });
      for (const kind of RECORD_KINDS) {
        for (const record of doc[COLLECTION_OF[kind]] as AnyRecord[]) {
          expect(await store.get(kind, keyOf(kind, record as never))).toStrictEqual(record);
        }
      }
    });

    it('when keys and strings hold quotes, backticks, unicode and query-injection text, then they are stored verbatim', async () => {
      const weird = [QUOTED_ID, INJECTION, '`', "'", '"', '\\', 'MATCH (n) DETACH DELETE n', '${x}', '名前 🙂', ' padded '];
      await store.apply(weird.map((id) => put(person(id, id, { attributes: { [id]: id }, tags: [id] }))));
      for (const id of weird) {
        expect(await store.get('person', id)).toStrictEqual(person(id, id, { attributes: { [id]: id }, tags: [id] }));
      }
      expect((await store.readAll()).document.people.map((p) => p.id)).toStrictEqual(weird);
      await store.apply([{ op: 'put', kind: 'membership', record: { person: INJECTION, group: QUOTED_ID } }]);
      expect(await store.get('membership', pairKey(INJECTION, QUOTED_ID))).toStrictEqual({ person: INJECTION, group: QUOTED_ID });
    });

    it('when a record is replaced, then it keeps its place and takes exactly the new content', async () => {
      await store.apply([put(person('a', 'A', { email: 'a@x.org' })), put(person('b', 'B', { email: 'b@x.org' })), put(person('c'))]);
      await store.apply([put(person('b', 'B2'))]);
      const { document } = await store.readAll();
      expect(document.people).toStrictEqual([person('a', 'A', { email: 'a@x.org' }), person('b', 'B2'), person('c')]);
      expect(await store.get('person', 'b')).toStrictEqual(person('b', 'B2')); // email gone, not null
    });

    it('when a key is deleted and put again, then it comes back at the end', async () => {
      await store.apply([put(person('a')), put(person('b')), put(person('c'))]);
      await store.apply([del('a')]);
      await store.apply([put(person('a', 'A again'))]);
      expect((await store.readAll()).document.people.map((p) => p.name)).toStrictEqual(['Person b', 'Person c', 'A again']);
    });

    it('when a missing key is deleted, then nothing changes and nothing fails', async () => {
      await store.apply([put(person('a'))]);
      const before = (await store.readAll()).document;
      const version = await store.apply([del('missing'), { op: 'delete', kind: 'membership', key: pairKey('x', 'y') }]);
      expect(version).toBe(await store.currentVersion());
      expect((await store.readAll()).document).toStrictEqual(before);
    });

    it('when one batch puts, replaces and deletes the same key, then the changes apply in order', async () => {
      await store.apply([put(person('a', 'first')), put(person('a', 'second')), put(person('b')), del('b')]);
      expect((await store.readAll()).document.people).toStrictEqual([person('a', 'second')]);
    });

    it('when a batch holds a store-invalid change, then the whole batch is refused with InvalidChangeError naming it, and nothing is applied', async () => {
      await store.apply([put(person('keep'))]);
      const version = await store.currentVersion();
      const before = await store.readAll();
      const cyclic: Record<string, unknown> = { id: 'c', name: 'cyclic' };
      cyclic.self = cyclic;
      const noKey = (kind: string, fields: string) => `(${kind}) has no key: ${fields} must be non-empty strings`;
      // Every adapter refuses each with the same message: the problem, after the change's position (1).
      const invalid: Array<[bad: unknown, problem: string]> = [
        [{ op: 'put', kind: 'unicorn', record: { id: 'u1', name: 'x' } }, 'has unknown kind "unicorn"'],
        [{ op: 'put', record: { id: 'u1', name: 'x' } }, 'has unknown kind undefined'],
        [{ op: 'put', kind: '__proto__', record: { id: 'u1', name: 'x' } }, 'has unknown kind "__proto__"'],
        [{ op: 'upsert', kind: 'person', record: { id: 'u1', name: 'x' } }, 'has unknown op "upsert"'],
        [{ kind: 'person', record: { id: 'u1', name: 'x' } }, 'has unknown op undefined'],
        [{ op: 'put', kind: 'person', record: { name: 'no id' } }, noKey('person', 'id')],
        [{ op: 'put', kind: 'person', record: { id: '', name: 'empty id' } }, noKey('person', 'id')],
        [{ op: 'put', kind: 'person', record: { id: 7, name: 'number id' } }, noKey('person', 'id')],
        // What JSON makes of the record is what is checked: a toJSON that drops the id leaves no key.
        [{ op: 'put', kind: 'person', record: { id: 'x', name: 'y', toJSON: () => ({ name: 'y' }) } }, noKey('person', 'id')],
        [{ op: 'put', kind: 'person', record: null }, 'is a put without a record object'],
        [{ op: 'put', kind: 'person', record: [{ id: 'x' }] }, 'is a put without a record object'],
        [{ op: 'put', kind: 'person', record: 'x' }, 'is a put without a record object'],
        [{ op: 'put', kind: 'membership', record: { person: 'p1' } }, noKey('membership', 'person and group')],
        [{ op: 'put', kind: 'attendance', record: { person: 'p1', event: 42 } }, noKey('attendance', 'person and event')],
        [{ op: 'delete', kind: 'person', key: '' }, 'is a delete without a non-empty string key'],
        [{ op: 'delete', kind: 'person' }, 'is a delete without a non-empty string key'],
        [{ op: 'delete', kind: 'person', key: 42 }, 'is a delete without a non-empty string key'],
        [null, 'is not an object'],
        [undefined, 'is not an object'],
        ['put', 'is not an object'],
        [[{ op: 'put', kind: 'person', record: { id: 'x', name: 'y' } }], 'is not an object'],
      ];
      for (const [bad, problem] of invalid) {
        const refused = store.apply([put(person('new1')), bad as Change, put(person('new2'))]);
        await expect(refused, problem).rejects.toThrow(new InvalidChangeError(`graph/store: change 1 ${problem}`));
        await expect(refused).rejects.toBeInstanceOf(InvalidChangeError);
        expect(await store.currentVersion()).toBe(version);
      }
      // JSON cannot represent these at all: refused the same way, with JSON's own reason after the position.
      for (const record of [{ id: 'big', name: 'x', big: 1n }, cyclic]) {
        const refused = store.apply([put(person('new1')), { op: 'put', kind: 'person', record } as unknown as Change]);
        await expect(refused).rejects.toBeInstanceOf(InvalidChangeError);
        await expect(refused).rejects.toThrow(/^graph\/store: change 1 cannot be stored as JSON: \S/);
      }
      await expect(store.apply({ op: 'put', kind: 'person', record: person('x') } as unknown as Change[])).rejects.toThrow(
        new InvalidChangeError('graph/store: changes must be an array'),
      );
      expect(await store.currentVersion()).toBe(version);
      expect(await store.readAll()).toStrictEqual(before);
      expect(await store.get('person', 'new1')).toBeUndefined();
      expect(await store.apply([put(person('new1'))])).toBeGreaterThan(version);
    });

    it('when an intro request moves to made with its introduction in one batch, then both are stored, and a refused batch stores neither', async () => {
      const people = ['req', 'con', 'tgt'].map((id) => put(person(id)));
      const asked = { id: 'iq-1', requester: 'req', connector: 'con', target: 'tgt', at: '2024-05-01T10:00:00Z', status: 'asked' as const, changes: [{ status: 'asked' as const, at: '2024-05-01T10:00:00Z' }] };
      await store.apply([...people, { op: 'put', kind: 'introRequest', record: asked }]);
      expect(await store.get('introRequest', 'iq-1')).toStrictEqual(asked);
      const made = { ...asked, status: 'made' as const, changes: [...asked.changes, { status: 'made' as const, at: '2024-05-03' }] };
      const introduction = { id: 'ix-intro', a: 'req', b: 'tgt', kind: 'introduction' as const, at: '2024-05-03' };
      const move: Change[] = [
        { op: 'put', kind: 'introRequest', record: made },
        { op: 'put', kind: 'interaction', record: introduction },
      ];
      const version = await store.currentVersion();
      await expect(store.apply([...move, { op: 'delete', kind: 'person', key: '' }])).rejects.toThrow();
      expect(await store.currentVersion()).toBe(version);
      expect(await store.get('introRequest', 'iq-1')).toStrictEqual(asked);
      expect(await store.get('interaction', 'ix-intro')).toBeUndefined();
      await store.apply(move);
      expect(await store.get('introRequest', 'iq-1')).toStrictEqual(made);
      expect(await store.get('interaction', 'ix-intro')).toStrictEqual(introduction);
      expect((await store.readAll()).document.introRequests).toStrictEqual([made]);
      expect((await store.changesSince(version))?.changes).toStrictEqual(clean(move));
    });

    it('when a referral is moved with its dated history, then the history comes back as written, in its order, and a referral without one comes back without one', async () => {
      const people = ['giver', 'taker'].map((id) => put(person(id)));
      const passed = { id: 'rf-1', from: 'giver', to: 'taker', at: '2026-03-10', status: 'passed' as const, prospect: 'Dee' };
      await store.apply([...people, { op: 'put', kind: 'referral', record: passed }]);
      expect(await store.get('referral', 'rf-1')).toStrictEqual(passed);
      const won = {
        ...passed,
        status: 'won' as const,
        value: 5000,
        changes: [
          { status: 'passed' as const, at: '2026-03-10' },
          { status: 'contacted' as const, at: '2026-04-02T09:30:00Z', note: 'called them' },
          { status: 'won' as const, at: '2026-12-07T10:00:00.000Z', value: 5000 },
        ],
      };
      const version = await store.currentVersion();
      const move: Change[] = [{ op: 'put', kind: 'referral', record: won }];
      await store.apply(move);
      expect(await store.get('referral', 'rf-1')).toStrictEqual(won);
      expect((await store.readAll()).document.referrals).toStrictEqual([won]);
      expect((await store.changesSince(version))?.changes).toStrictEqual(clean(move));
    });

    it('when batches are applied, then versions strictly increase and currentVersion follows', async () => {
      let last = await store.currentVersion();
      for (let i = 0; i < 5; i++) {
        const v = await store.apply([put(person(`p${i}`)), put(person(`q${i}`))]);
        expect(v).toBeGreaterThan(last);
        expect(await store.currentVersion()).toBe(v);
        expect((await store.readAll()).version).toBe(v);
        last = v;
      }
    });

    it('when an empty batch is applied, then nothing changes', async () => {
      await store.apply([put(person('a'))]);
      const before = await store.readAll();
      const v = await store.apply([]);
      expect(v).toBe(await store.currentVersion());
      expect((await store.readAll()).document).toStrictEqual(before.document);
      expect((await store.changesSince(before.version))?.changes).toStrictEqual([]);
    });

    it('when changes are asked since a version, then exactly the later changes come back in commit order', async () => {
      const v0 = await store.currentVersion();
      const b1: Change[] = [put(person('a', 'A')), put(person('b', 'B'))];
      const b2: Change[] = [
        put(person('a', 'A2', { tags: ['x'] })),
        del('b'),
        { op: 'put', kind: 'group', record: { id: 'g', name: 'G' } },
        { op: 'put', kind: 'membership', record: { person: 'a', group: 'g', since: '2024-01-01' } },
      ];
      const b3: Change[] = [{ op: 'delete', kind: 'membership', key: pairKey('a', 'g') }];
      const v1 = await store.apply(b1);
      const v2 = await store.apply(b2);
      const v3 = await store.apply(b3);
      expect(await store.changesSince(v0)).toStrictEqual({ version: v3, changes: clean([...b1, ...b2, ...b3]) });
      expect(await store.changesSince(v1)).toStrictEqual({ version: v3, changes: clean([...b2, ...b3]) });
      expect(await store.changesSince(v2)).toStrictEqual({ version: v3, changes: clean(b3) });
      expect(await store.changesSince(v3)).toStrictEqual({ version: v3, changes: [] });
      expect(await store.changesSince(v3 + 1000)).toBeUndefined();
    });

    it('when changes older than the store holds are asked for, then the answer is undefined, never partial', async () => {
      const v1 = await store.apply([put(person('a'))]);
      const v2 = await store.apply([put(person('b'))]);
      const before = await store.changesSince(0);
      if (before) expect(before).toStrictEqual({ version: v2, changes: clean([put(person('a')), put(person('b'))]) });
      if (!h.forget) return; // without a way to age the history, "exact or undefined" is all we can check
      await h.forget();
      expect(await store.changesSince(0)).toBeUndefined();
      expect(await store.changesSince(v1)).toBeUndefined();
      expect(await store.changesSince(v2)).toStrictEqual({ version: v2, changes: [] });
      const v3 = await store.apply([put(person('c'))]);
      expect(await store.changesSince(v2)).toStrictEqual({ version: v3, changes: clean([put(person('c'))]) });
    });

    it('when a record has an undefined optional field, then it reads back without that field', async () => {
      await store.apply([put({ id: 'a', name: 'A', email: undefined, tags: ['t'] })]);
      const got = await store.get('person', 'a');
      expect(got).toStrictEqual({ id: 'a', name: 'A', tags: ['t'] });
      expect(Object.keys(got!)).not.toContain('email');
    });

    it('when a private contact is shared (privateTo dropped), then it reads back without privateTo, and a shared one made private gains it', async () => {
      await store.apply([put(person('c', 'Contact', { email: 'c@example.org', privateTo: 'owner' })), put(person('d'))]);
      expect(await store.get('person', 'c')).toStrictEqual(person('c', 'Contact', { email: 'c@example.org', privateTo: 'owner' }));
      await store.apply([put(person('c', 'Contact', { email: 'c@example.org' })), put(person('d', 'Person d', { privateTo: 'c' }))]);
      expect(await store.get('person', 'c')).toStrictEqual(person('c', 'Contact', { email: 'c@example.org' }));
      const { document } = await store.readAll();
      expect(document.people).toStrictEqual([person('c', 'Contact', { email: 'c@example.org' }), person('d', 'Person d', { privateTo: 'c' })]);
    });

    it('when the caller mutates a record after apply, then the stored record does not change', async () => {
      const record = person('a', 'A', { tags: ['one'], attributes: { k: 'v' } });
      await store.apply([put(record)]);
      record.name = 'mutated';
      record.tags!.push('two');
      record.attributes!.k = 'changed';
      expect(await store.get('person', 'a')).toStrictEqual(person('a', 'A', { tags: ['one'], attributes: { k: 'v' } }));
    });

    it('when many batches are applied concurrently, then each is applied whole with its own version', async () => {
      const v0 = await store.currentVersion();
      const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 5 }, (_, i) => put(person(`b${b}-${i}`))));
      const versions = await Promise.all(batches.map((batch) => store.apply(batch)));
      expect(new Set(versions).size).toBe(batches.length);
      expect(await store.currentVersion()).toBe(Math.max(...versions));
      expect((await store.readAll()).document.people).toHaveLength(100);
      const since = await store.changesSince(v0);
      if (since) {
        // Each batch's changes appear together, in the batch's own order.
        const ids = since.changes.map((c) => (c as { record: Person }).record.id);
        for (const batch of batches) {
          const at = ids.indexOf((batch[0] as { record: Person }).record.id);
          expect(ids.slice(at, at + batch.length)).toStrictEqual(batch.map((c) => (c as { record: Person }).record.id));
        }
      }
    });

    it('when a batch of 20,000 changes is applied, then every record is stored', async () => {
      const n = 20_000;
      const changes: Change[] = [];
      for (let i = 0; i < n / 2; i++) changes.push(put(person(`p${i}`, `Person ${i}`, { industry: `I${i % 17}` })));
      for (let i = 0; i < n / 2; i++) {
        changes.push({
          op: 'put',
          kind: 'interaction',
          record: { id: `i${i}`, a: `p${i}`, b: `p${(i + 1) % (n / 2)}`, kind: 'met', at: '2024-01-01' },
        });
      }
      const v = await store.apply(changes);
      const { version, document } = await store.readAll();
      expect(version).toBe(v);
      expect(document.people).toHaveLength(n / 2);
      expect(document.interactions).toHaveLength(n / 2);
      expect(document.people[1234]).toStrictEqual(person('p1234', 'Person 1234', { industry: `I${1234 % 17}` }));
      expect(await store.get('interaction', `i${n / 2 - 1}`)).toMatchObject({ a: `p${n / 2 - 1}`, b: 'p0' });
    });

    it('when the store is reopened, then every acknowledged write is there and versions continue', async (ctx) => {
      const doc = trickyNetwork();
      await store.apply(putsOf(doc));
      await store.apply([put(person('p4', 'Renamed')), { op: 'delete', kind: 'attendance', key: pairKey('p4', 'e2') }]);
      const before = await store.readAll();
      const reopened = await reopen(ctx);
      expect(await reopened.isReady()).toBe(true);
      expect(await reopened.readAll()).toStrictEqual(before);
      expect(await reopened.get('person', QUOTED_ID)).toStrictEqual(doc.people[1]);
      const v = await reopened.apply([put(person('after'))]);
      expect(v).toBeGreaterThan(before.version);
      const again = await reopen(ctx);
      expect((await again.readAll()).document.people.at(-1)).toStrictEqual(person('after'));
      expect(await again.currentVersion()).toBe(v);
    });

    it('when the store is closed twice, then the second close is a no-op', async () => {
      await store.apply([put(person('a'))]);
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}

