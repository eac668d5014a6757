/**
 * A store written before imports held dismissals to their derived id may hold others (and two of
 * one person's row). It loads; its export (and backup) must be a document the import takes: the
 * dismissals under their derived ids, one per person and row, the later choice kept, nothing else
 * lost. Imported back into the same store, it replaces the old ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { canonicalDismissals, dismissalId } from '../../graph/service/dismissals.js';
import type { Dismissal } from '../../graph/schema.js';
import { thisWeek } from '../../graph/service/this-week.js';
import { compareIds } from '../../graph/support/id-order.js';

const network = {
  people: [{ id: 'me', name: 'Me' }, { id: 'dan', name: 'Dan' }, { id: 'eve', name: 'Eve' }],
  interactions: [{ id: 'i1', a: 'me', b: 'dan', kind: 'one_to_one', at: '2024-01-01' }],
  referrals: [{ id: 'r1', from: 'eve', to: 'me', at: '2024-06-01', status: 'passed', value: 100 }],
};
const T0 = '2024-06-20T09:00:00.000Z';
const T1 = '2024-06-28T09:00:00.000Z';
/** Old-style ids: one row hidden once, one hidden twice (an earlier snooze, then "not relevant"). */
const legacy: Dismissal[] = [
  { id: 'dm-old-owed', person: 'dan', row: 'owed:eve', kind: 'snoozed', until: '2099-01-01', at: T0 },
  { id: 'dm-old-2', person: 'me', row: 'dormant:dan', kind: 'not_relevant', at: T1 },
  { id: 'dm-old-1', person: 'me', row: 'dormant:dan', kind: 'snoozed', until: '2099-01-01', at: T0 },
];
const expected: Dismissal[] = [
  { ...legacy[0]!, id: dismissalId('dan', 'owed:eve') },
  { ...legacy[1]!, id: dismissalId('me', 'dormant:dan') },
];

describe('a store holding dismissals under old-style ids', () => {
  const dirs: string[] = [];
  const opened: Refnet[] = [];
  const open = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-dismissal-legacy-'));
    dirs.push(dir);
    const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
    opened.push(refnet);
    return refnet;
  };
  let old: Refnet;
  const stored = (refnet: Refnet) => [...refnet.network.records.maps.dismissal.values()];
  const hidden = async (refnet: Refnet, person: string) => {
    await refnet.network.sync();
    // The rows hidden (the old store lists a row hidden twice twice).
    return [...new Set(thisWeek(refnet.analytics, person, { asOf: Date.parse('2025-01-01') }).hidden.map((h) => h.key))];
  };

  beforeEach(async () => {
    old = await open();
    await old.service.importDocument(network);
    // Written behind the import's back, as an older version could.
    await old.network.write(legacy.map((record) => ({ op: 'put', kind: 'dismissal', record })));
  });
  afterEach(async () => {
    for (const r of opened.splice(0)) await r.close();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('when it is exported, then every dismissal has its derived id, one per person and row (the later choice), and a fresh store imports it whole', async () => {
    const doc = await old.service.exportDocument();
    expect(doc.dismissals).toEqual(expected);
    const fresh = await open();
    const report = await fresh.service.importDocument(doc);
    expect(report.created.dismissals).toBe(2);
    expect(stored(fresh)).toEqual(expected);
    expect(await fresh.service.exportDocument()).toEqual(doc);
    expect(await hidden(fresh, 'me')).toEqual(['dormant:dan']);
    expect(await hidden(old, 'me')).toEqual(['dormant:dan']);
    expect(await hidden(fresh, 'dan')).toEqual(['owed:eve']);
    expect(await hidden(old, 'dan')).toEqual(['owed:eve']);
  });

  it('when a backup snapshot is taken, then it holds the derived ids too', async () => {
    expect((await old.service.snapshot()).document.dismissals).toEqual(expected);
  });

  it('when its export is imported back into it, then the old-style dismissals are replaced and the store holds one per row under the derived id', async () => {
    const doc = await old.service.exportDocument();
    const report = await old.service.importDocument(doc);
    expect(report.version).toBeGreaterThan(0);
    await old.network.sync();
    expect(stored(old).sort((a, b) => compareIds(a.person, b.person))).toEqual(expected);
    expect(await old.service.exportDocument()).toEqual(doc);
  });
});

describe('canonicalDismissals', () => {
  const d = (over: Partial<Dismissal>): Dismissal => ({ id: 'dm-x', person: 'me', row: 'dormant:dan', kind: 'not_relevant', at: T0, ...over });

  it('when nothing needs rewriting, then the list is handed back as it is', () => {
    const list = [d({ id: dismissalId('me', 'dormant:dan') })];
    expect(canonicalDismissals(list)).toBe(list);
  });

  it('when two of a row collide, then the same one stands whatever their order: the later, then the derived id, then the longer hiding, then the smaller id', () => {
    const derived = dismissalId('me', 'dormant:dan');
    const cases: [Dismissal, Dismissal][] = [
      [d({ id: 'dm-b', kind: 'snoozed', until: '2099-01-01', at: T1 }), d({ id: 'dm-a', at: T0 })],
      [d({ id: derived, kind: 'snoozed', until: '2030-01-01' }), d({ id: 'dm-a' })],
      [d({ id: 'dm-b' }), d({ id: 'dm-a', kind: 'snoozed', until: '2099-01-01' })],
      [d({ id: 'dm-b', kind: 'snoozed', until: '2099-01-01' }), d({ id: 'dm-a', kind: 'snoozed', until: '2030-01-01' })],
      [d({ id: 'dm-a', kind: 'snoozed', until: '2030-01-01' }), d({ id: 'dm-b', kind: 'snoozed', until: '2030-01-01' })],
    ];
    for (const [wins, loses] of cases) {
      for (const list of [[wins, loses], [loses, wins]]) {
        expect(canonicalDismissals(list), JSON.stringify(list)).toEqual([{ ...wins, id: derived }]);
      }
    }
  });
});

describe('a stored dismissal whose row key does not parse', () => {
  it('when its key spells out a private contact\'s id, then only a viewer who sees that contact has it listed under hidden', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-dismissal-unparsed-'));
    const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
    try {
      await refnet.service.importDocument({ people: [{ id: 'me', name: 'Me' }, { id: 'bob', name: 'Bob' }, { id: 'z 1', name: 'Zed', privateTo: 'bob' }] });
      // Keys no version of the week writes, stored behind the import's back as an old import could.
      const rows = ['dormant:z%201:extra', 'dormant:z 1', 'remind me about bob', 'followUp:me'];
      await refnet.network.write(rows.map((row, k) => ({ op: 'put', kind: 'dismissal', record: { id: `dm-${k}`, person: 'me', row, kind: 'not_relevant', at: T0 } })));
      await refnet.network.sync();
      const listed = (sees?: (id: string) => boolean) => thisWeek(refnet.analytics, 'me', { asOf: Date.parse('2025-01-01'), ...(sees ? { sees } : {}) }).hidden.map((h) => h.key);
      expect(listed()).toEqual([...rows].sort(compareIds));
      expect(listed((id) => id !== 'z 1')).toEqual(['followUp:me', 'remind me about bob']);
    } finally {
      await refnet.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
