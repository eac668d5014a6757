/**
 * The Neo4j adapter against a real Neo4j 5.26 server, started once for this file (or NEO4J_URI):
 * the store conformance suite, then what is particular to Neo4j — the graph model a Cypher user
 * sees, injection attempts stored as plain data, the change log shared by several adapters
 * (pruning, overflow), and routing URIs. The database is wiped before each test.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pairKey, type Change } from '../../graph/records.js';
import { INTERACTION_KINDS, MAX_MONEY, type Person } from '../../graph/schema.js';
import type { Neo4jStore } from '../../graph/store/neo4j/neo4j-store.js';
import { describeStoreConformance } from '../store/conformance.js';
import { putsOf, trickyNetwork } from '../store/tricky-network.js';
import { describeWithNeo4j, openStore, startTestServer, warmUp, wipeDatabase, type TestServer } from './neo4j-support.js';

// A shared two-core machine makes a real database slow at times; these are not timing tests.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const person = (id: string, name = `Person ${id}`, extra: Partial<Person> = {}): Person => ({ id, name, ...extra });
const put = (record: Person): Change => ({ op: 'put', kind: 'person', record });

describeWithNeo4j('neo4j adapter', () => {
  let server: TestServer;
  let driver: Driver;
  const stores: Neo4jStore[] = [];
  /** A raw Cypher query, as a Neo4j user would run it. */
  const cypher = async (query: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(query, params, { database: process.env.NEO4J_DATABASE || undefined })).records.map((r) => r.toObject());
  const fresh = async (options: Parameters<typeof openStore>[1] = {}) => {
    const store = await openStore(server, options);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await warmUp(server);
    driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await driver?.close();
    await server?.dispose();
  });

  describeStoreConformance('neo4j', async () => {
    await wipeDatabase(server);
    let store: Neo4jStore = await openStore(server);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openStore(server);
        return store;
      },
      forget: () => store.forgetChanges(),
      cleanup: () => store.close(),
    };
  });

  // The same contract with every batch of only puts staged (the path of large imports, staged-import.ts).
  describeStoreConformance('neo4j, imports staged', async () => {
    await wipeDatabase(server);
    let store: Neo4jStore = await openStore(server, { stageAbove: 0, batchSize: 2 });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openStore(server, { stageAbove: 0, batchSize: 2 });
        return store;
      },
      forget: () => store.forgetChanges(),
      cleanup: () => store.close(),
    };
  });

  describe('graph model', () => {
    beforeEach(() => wipeDatabase(server));

    it('when a network is stored, then Cypher sees people, groups and events joined by typed relationships with native dates', async () => {
      const store = await fresh();
      await store.apply(putsOf(trickyNetwork()));
      const [counts] = await cypher(`
        RETURN COUNT { (:Person)-[:MEMBER_OF]->(:Group) } AS memberships,
               COUNT { (:Person)-[:ATTENDED]->(:Event) } AS attendance,
               COUNT { (:Person)-[:INTERACTED]->(:Person) } AS interactions,
               COUNT { (:Person)-[:REFERRED]->(:Person) } AS referrals,
               COUNT { (:Event)-[:HOSTED_BY]->(:Group) } AS hosted,
               COUNT { (:Company) } AS companies`);
      expect(counts).toEqual({
        memberships: neo4j.int(3),
        attendance: neo4j.int(3),
        interactions: neo4j.int(2),
        referrals: neo4j.int(5),
        hosted: neo4j.int(1),
        companies: neo4j.int(3),
      });
      const [m] = await cypher(
        `MATCH (:Person {id: 'p1'})-[m:MEMBER_OF]->(:Group {id: 'g1'})
         RETURN valueType(m.since) AS type, m.since < date('2023-02-01') AS early`,
      );
      expect(m).toEqual({ type: 'DATE NOT NULL', early: true });
      const [e] = await cypher(`MATCH (e:Event {id: 'e1'}) RETURN valueType(e.at) AS type, e.at.millisecond AS ms`);
      expect(e).toEqual({ type: 'ZONED DATETIME NOT NULL', ms: neo4j.int(123) });
      const [won] = await cypher(`MATCH (:Person {id: 'p4'})-[r:REFERRED {status: 'won'}]->(:Person {id: 'p1'}) RETURN r.value AS value`);
      expect(won).toEqual({ value: MAX_MONEY });
    });

    it('when the schema is set up, then ids are unique by constraint for every entity and keyed relationship', async () => {
      await fresh();
      const rows = await cypher(`SHOW CONSTRAINTS YIELD name, type WHERE name STARTS WITH 'refnet_' RETURN name, type ORDER BY name`);
      expect(rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['refnet_person_id', 'refnet_company_id', 'refnet_group_id', 'refnet_event_id', 'refnet_referred_id', 'refnet_interacted_id']),
      );
      expect(rows.find((r) => r.name === 'refnet_referred_id')?.type).toBe('RELATIONSHIP_UNIQUENESS');
      await expect(cypher(`CREATE (:Person {id: 'dup'}), (:Person {id: 'dup'})`)).rejects.toThrow(/already exists/);
    });

    it('when a membership names a person not stored, then the person is a placeholder that is not a record, removed with the membership', async () => {
      const store = await fresh();
      await store.apply([{ op: 'put', kind: 'group', record: { id: 'g', name: 'G' } }]);
      await store.apply([{ op: 'put', kind: 'membership', record: { person: 'ghost', group: 'g' } }]);
      expect((await store.readAll()).document.people).toEqual([]);
      expect(await store.get('membership', pairKey('ghost', 'g'))).toEqual({ person: 'ghost', group: 'g' });
      expect(await cypher(`MATCH (p:Person {id: 'ghost'}) RETURN p.seq AS seq`)).toEqual([{ seq: null }]);
      await store.apply([{ op: 'delete', kind: 'membership', key: pairKey('ghost', 'g') }]);
      expect(await cypher(`MATCH (p:Person {id: 'ghost'}) RETURN p`)).toEqual([]);
    });

    it('when one import into an empty store has interactions with stored and missing ends, then all are stored in order and the missing ends are placeholders', async () => {
      const store = await fresh();
      const interaction = (id: string, a: string, b: string) =>
        ({ op: 'put', kind: 'interaction', record: { id, a, b, kind: INTERACTION_KINDS[0], at: '2024-02-01' } }) as Change;
      await store.apply([put(person('a')), put(person('b')), interaction('i1', 'a', 'b'), interaction('i2', 'a', 'ghost'), interaction('i3', 'b', 'a')]);
      const { document } = await store.readAll();
      expect(document.people.map((p) => p.id)).toEqual(['a', 'b']);
      expect(document.interactions.map((i) => [i.id, i.a, i.b])).toEqual([
        ['i1', 'a', 'b'],
        ['i2', 'a', 'ghost'],
        ['i3', 'b', 'a'],
      ]);
      expect(await cypher(`MATCH (p:Person {id: 'ghost'}) RETURN p.seq AS seq`)).toEqual([{ seq: null }]);
      // The placeholder makes the kind non-empty: putting the person now turns it into the record.
      await store.apply([put(person('ghost', 'Found'))]);
      expect((await store.readAll()).document.people.map((p) => p.name)).toEqual(['Person a', 'Person b', 'Found']);
      expect(await cypher(`MATCH (p:Person) RETURN count(p) AS n`)).toEqual([{ n: neo4j.int(3) }]);
    });

    it('when a person with referrals is deleted, then the referrals stay stored and the person is no longer a record', async () => {
      const store = await fresh();
      await store.apply([put(person('a')), put(person('b'))]);
      await store.apply([{ op: 'put', kind: 'referral', record: { id: 'r', from: 'a', to: 'b', at: '2024-01-01', status: 'passed' } }]);
      await store.apply([{ op: 'delete', kind: 'person', key: 'a' }]);
      const { document } = await store.readAll();
      expect(document.people.map((p) => p.id)).toEqual(['b']);
      expect(document.referrals).toEqual([{ id: 'r', from: 'a', to: 'b', at: '2024-01-01', status: 'passed' }]);
      await store.apply([put(person('a', 'Back'))]);
      expect((await store.readAll()).document.people.map((p) => p.name)).toEqual(['Person b', 'Back']);
    });

    it('when a referral is re-put with other ends, then it moves and keeps its place', async () => {
      const store = await fresh();
      await store.apply([put(person('a')), put(person('b')), put(person('c'))]);
      const referral = (id: string, from: string, to: string) =>
        ({ op: 'put', kind: 'referral', record: { id, from, to, at: '2024-01-01T09:30:00Z', status: 'passed' } }) as Change;
      await store.apply([referral('r1', 'a', 'b'), referral('r2', 'b', 'c')]);
      await store.apply([referral('r1', 'c', 'a')]);
      expect((await store.readAll()).document.referrals.map((r) => [r.id, r.from, r.to, r.at])).toEqual([
        ['r1', 'c', 'a', '2024-01-01T09:30:00Z'],
        ['r2', 'b', 'c', '2024-01-01T09:30:00Z'],
      ]);
      expect(await cypher(`MATCH ()-[r:REFERRED]->() RETURN count(r) AS n`)).toEqual([{ n: neo4j.int(2) }]);
    });
  });

  describe('Cypher injection', () => {
    beforeEach(() => wipeDatabase(server));

    const ATTACKS = [
      'x`}) DETACH DELETE n //',
      "x'}) MATCH (m) DETACH DELETE m //",
      '"}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //',
      'Person:Admin',
      '$key',
      '\\u0060) DETACH DELETE n //',
      '*/ MATCH (n) DELETE n /*',
    ];

    it('when names, ids and attribute keys hold Cypher, then they are stored as plain data and nothing else changes', async () => {
      const store = await fresh();
      await store.apply([put(person('bystander', 'Bystander'))]);
      const people = ATTACKS.map((attack) => person(attack, attack, { attributes: { [attack]: attack }, tags: [attack], company: attack }));
      await store.apply(people.map(put));
      await store.apply([
        { op: 'put', kind: 'group', record: { id: ATTACKS[0]!, name: ATTACKS[1]!, kind: ATTACKS[2] } },
        { op: 'put', kind: 'membership', record: { person: ATTACKS[1]!, group: ATTACKS[0]! } },
        { op: 'put', kind: 'referral', record: { id: ATTACKS[2]!, from: ATTACKS[0]!, to: ATTACKS[3]!, at: '2024-01-01', status: 'won', note: ATTACKS[4] } },
      ]);
      for (const p of people) expect(await store.get('person', p.id)).toEqual(p);
      expect(await store.get('person', 'bystander')).toEqual(person('bystander', 'Bystander'));
      expect(await cypher(`MATCH (p:Person) RETURN count(p) AS n`)).toEqual([{ n: neo4j.int(ATTACKS.length + 1) }]);
      expect(await cypher(`MATCH (p:Admin) RETURN count(p) AS n`)).toEqual([{ n: neo4j.int(0) }]);
      // Attribute keys never become property names: they live inside one JSON string.
      const [stored] = await cypher(`MATCH (p:Person {id: $id}) RETURN keys(p) AS keys, p.attributes AS attributes`, { id: ATTACKS[0] });
      expect(stored!.keys).not.toContain(ATTACKS[0]);
      expect(JSON.parse(stored!.attributes as string)).toEqual({ [ATTACKS[0]!]: ATTACKS[0] });
      expect(await store.get('referral', ATTACKS[2]!)).toMatchObject({ from: ATTACKS[0], to: ATTACKS[3], note: ATTACKS[4] });
    });

    it('when deletes name keys that are Cypher, then only exact matches are deleted', async () => {
      const store = await fresh();
      await store.apply([put(person('a')), put(person('b')), put(person(ATTACKS[0]!))]);
      await store.apply([...ATTACKS.slice(1), 'a OR 1=1', '.*'].map((key) => ({ op: 'delete', kind: 'person', key })));
      expect((await store.readAll()).document.people.map((p) => p.id)).toEqual(['a', 'b', ATTACKS[0]]);
      await store.apply([{ op: 'delete', kind: 'membership', key: pairKey(ATTACKS[0]!, "') DETACH DELETE n //") }]);
      expect((await store.readAll()).document.people).toHaveLength(3);
    });
  });

  describe('change log shared by several adapters', () => {
    beforeEach(() => wipeDatabase(server));

    it('when one adapter writes, then another adapter on the same database sees the version and the changes', async () => {
      const writer = await fresh();
      const reader = await fresh();
      const v0 = await reader.currentVersion();
      const batch = [put(person('a')), put(person('b'))];
      const v1 = await writer.apply(batch);
      expect(await reader.currentVersion()).toBe(v1);
      expect(await reader.changesSince(v0)).toEqual({ version: v1, changes: batch });
    });

    it('when more versions than retained are written, then older versions answer undefined and recent ones stay exact', async () => {
      const store = await fresh({ changeLog: { retainVersions: 3 } });
      const versions: number[] = [];
      for (let i = 0; i < 6; i++) versions.push(await store.apply([put(person(`p${i}`))]));
      expect(await store.changesSince(versions[1]!)).toBeUndefined();
      expect(await store.changesSince(versions[2]!)).toEqual({ version: versions[5], changes: [3, 4, 5].map((i) => put(person(`p${i}`))) });
      expect(await cypher(`MATCH (c:RefnetChange) RETURN count(c) AS n`)).toEqual([{ n: neo4j.int(3) }]);
    });

    it('when a batch is larger than the log keeps, then readers behind it are told to reload and readers after it are not', async () => {
      const store = await fresh({ changeLog: { maxLoggedChanges: 5 } });
      const v1 = await store.apply([put(person('a'))]);
      const v2 = await store.apply(Array.from({ length: 6 }, (_, i) => put(person(`big${i}`))));
      const v3 = await store.apply([put(person('z'))]);
      expect(await store.changesSince(v1)).toBeUndefined();
      expect(await store.changesSince(v2)).toEqual({ version: v3, changes: [put(person('z'))] });
      expect((await store.readAll()).document.people).toHaveLength(8);
    });

    it('when a batch spans several log parts, then changesSince returns it whole and in order', async () => {
      const store = await fresh();
      const v0 = await store.currentVersion();
      const batch = Array.from({ length: 2500 }, (_, i) => put(person(`p${i}`)));
      const v1 = await store.apply(batch);
      expect(await store.changesSince(v0)).toEqual({ version: v1, changes: batch });
    });
  });

  describe('connection', () => {
    it('when the URI is a neo4j:// routing URI, then reads and writes are routed to the server', async (ctx) => {
      if (!server.uri.startsWith('bolt://')) return ctx.skip();
      await wipeDatabase(server);
      const store = await fresh({ uri: server.uri.replace('bolt://', 'neo4j://') });
      const v = await store.apply([put(person('routed'))]);
      expect(await store.currentVersion()).toBe(v);
      expect(await store.get('person', 'routed')).toEqual(person('routed'));
    });

    it('when the server cannot be reached, then open fails fast as unavailable and isReady is false', async () => {
      const { Neo4jStore } = await import('../../graph/store/neo4j/neo4j-store.js');
      const { StoreUnavailableError } = await import('../../graph/store/port.js');
      const store = new Neo4jStore({ uri: 'bolt://127.0.0.1:1', password: 'x', connectionTimeoutMs: 1000 });
      stores.push(store);
      const started = Date.now();
      await expect(store.open()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.isReady()).toBe(false);
      await expect(store.currentVersion()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  });
});
