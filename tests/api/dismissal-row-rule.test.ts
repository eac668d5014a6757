/**
 * A dismissal hides a row of its person's week, so its row must be one that week can show
 * (rowKeyProblem in graph/service/this-week.ts): about someone else, an introduction's pair in id
 * order and neither of them the person, a slip the person gave or received, the key spelt as the
 * week spells it. QA: `intro:p003:p003`, `intro:p125:p003` (the week writes `intro:p003:p125`),
 * `owed:p002` and `dormant:p002` for p002 itself, and `slip:r0001` of a referral p002 had no part
 * in were taken (201) and listed under "hidden" for ever. Dismissals stored before the rule still
 * load, show and can be taken back; only new writes are refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import type { Dismissal } from '../../graph/schema.js';
import { thisWeek } from '../../graph/service/this-week.js';
import { isProblem, startTestApi, type Reply, type TestApi } from './harness.js';

const network = {
  people: [{ id: 'me', name: 'Me' }, { id: 'dan', name: 'Dan' }, { id: 'eve', name: 'Eve' }, { id: 'a:b c', name: 'Colon Id' }],
  events: [{ id: 'e1', name: 'E1', at: '2024-05-01' }],
  interactions: [{ id: 'i1', a: 'me', b: 'dan', kind: 'one_to_one', at: '2024-01-01' }],
  referrals: [
    { id: 'r-mine', from: 'eve', to: 'me', at: '2024-06-01', status: 'passed', value: 100 },
    { id: 'r-given', from: 'me', to: 'dan', at: '2024-06-01', status: 'passed' },
    { id: 'r-theirs', from: 'dan', to: 'eve', at: '2024-06-01', status: 'passed' },
  ],
};
const at = '2024-06-28T09:00:00.000Z';
const enc = encodeURIComponent;

/** Rows `me`'s week never shows, each with (a part of) the reason the 400 gives. */
const NEVER: [row: string, because: string][] = [
  ['intro:dan:dan', 'names "dan" twice'],
  ['intro:eve:dan', 'the week writes this introduction as "intro:dan:eve"'],
  ['intro:me:dan', 'names "me", whose week it is'],
  ['intro:dan:me', 'names "me", whose week it is'],
  ['owed:me', 'is about "me", whose week it is'],
  ['dormant:me', 'is about "me", whose week it is'],
  ['followUp:me:e1', 'is about "me", whose week it is'],
  ['slip:r-theirs', 'referral "r-theirs", which "me" neither gave nor received'],
  ['owed:%65ve', 'spells its keys: "owed:eve"'],
  ['dormant:a:b%20c', ''], // no row key at all (three parts): refused as such
  ['dormant:a%3ab%20c', 'spells its keys: "dormant:a%3Ab%20c"'],
];
/** Rows it may show, the same kinds. */
const MAY = ['intro:dan:eve', 'owed:eve', 'dormant:dan', 'followUp:dan:e1', 'slip:r-mine', 'slip:r-given', `dormant:${enc('a:b c')}`];

const refusedOnRow = (r: Reply, pointer: string, because: string) => {
  expect(isProblem(r, 400, 'validation'), JSON.stringify(r.body)).toBe(true);
  expect(r.body.errors, JSON.stringify(r.body)).toEqual([{ path: pointer, message: expect.stringContaining(because) }]);
};

describe('a dismissal is of a row its person\'s week can show', () => {
  let api: TestApi;
  const stored = async (): Promise<Dismissal[]> => ((await api.call('GET', '/api/export')).body.dismissals ?? []) as Dismissal[];

  beforeAll(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
    expect((await api.call('PUT', '/api/me', { person: 'me' })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when a row the week never shows is dismissed, by /api/me or by id, then 400 on /row saying why, and nothing is stored', async () => {
    for (const base of ['/api/me/week/dismissals', '/api/people/me/week/dismissals']) {
      for (const [row, because] of NEVER) refusedOnRow(await api.call('POST', base, { row, kind: 'not_relevant' }), '/row', because);
    }
    expect(await stored()).toEqual([]);
  });

  it('when an import brings such a dismissal, then 400 on its row in the same words', async () => {
    for (const [row, because] of NEVER) {
      const r = await api.call('POST', '/api/import', { dismissals: [{ id: dismissalId('me', row), person: 'me', row, kind: 'not_relevant', at }] });
      refusedOnRow(r, '/dismissals/0/row', because);
    }
    // A referral the same document brings counts with its ends.
    const theirs = { id: 'r-new', from: 'dan', to: 'eve', at: '2024-06-02', status: 'passed' };
    const doc = { referrals: [theirs], dismissals: [{ id: dismissalId('me', 'slip:r-new'), person: 'me', row: 'slip:r-new', kind: 'not_relevant', at }] };
    refusedOnRow(await api.call('POST', '/api/import', doc), '/dismissals/0/row', 'referral "r-new", which "me" neither gave nor received');
    expect((await api.call('POST', '/api/import', { ...doc, referrals: [{ ...theirs, from: 'me' }] })).status).toBe(200);
    expect((await api.call('DELETE', `/api/me/week/dismissals/${enc('slip:r-new')}`)).status).toBe(204);
    expect(await stored()).toEqual([]);
  });

  it('when a row the week can show is dismissed, then it is hidden as before, by the route and by an import', async () => {
    for (const row of MAY) {
      expect((await api.call('POST', '/api/me/week/dismissals', { row, kind: 'not_relevant' })).status, row).toBe(201);
      expect((await api.call('DELETE', `/api/me/week/dismissals/${enc(row)}`)).status, row).toBe(204);
    }
    const r = await api.call('POST', '/api/import', { dismissals: MAY.map((row) => ({ id: dismissalId('me', row), person: 'me', row, kind: 'not_relevant', at })) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await stored()).map((d) => d.row)).toEqual(MAY);
  });
});

describe('dismissals stored before the rule', () => {
  it('when the store holds rows the week never shows, then they load after a restart, show under hidden and can be taken back; an export leaves them out and imports back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-dismissal-rule-'));
    try {
      const open = () => createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
      const first = await open();
      await first.service.importDocument(network);
      const old = ['intro:eve:dan', 'owed:me', 'slip:r-theirs', 'owed:%65ve'];
      const records = old.map((row): Dismissal => ({ id: dismissalId('me', row), person: 'me', row, kind: 'not_relevant', at }));
      await first.network.write(records.map((record) => ({ op: 'put', kind: 'dismissal', record })));
      await first.service.dismiss('me', { row: 'dormant:dan', kind: 'not_relevant' });
      await first.close();

      const again = await open();
      try {
        const exported = (await again.service.exportDocument()).dismissals ?? [];
        expect(exported.map((d) => d.row)).toEqual(['dormant:dan']);
        await again.network.sync();
        const loaded = [...again.network.records.dismissalsOf.get('me')].map((k) => again.network.records.get('dismissal', k)!.row);
        expect(loaded.sort()).toEqual([...old, 'dormant:dan'].sort());
        const week = thisWeek(again.analytics, 'me');
        expect(week.hidden.map((h) => h.key).sort()).toEqual([...old, 'dormant:dan'].sort());
        await again.service.undismiss('me', 'owed:me');
        const doc = await again.service.exportDocument();
        expect((await again.service.importDocument(doc)).version).toBeGreaterThan(0);
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a person is merged into another, then the duplicate\'s rows that are no rows of the kept person\'s week are dropped, the others move', async () => {
    const api = await startTestApi();
    try {
      const dup = { id: 'r-dup', from: 'eve', to: 'me2', at: '2024-06-03', status: 'passed' };
      const doc = { ...network, people: [...network.people, { id: 'me2', name: 'Me Again' }], referrals: [...network.referrals, dup] };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      for (const row of ['dormant:me', 'intro:dan:me', 'dormant:dan', 'slip:r-dup']) {
        expect((await api.call('POST', '/api/people/me2/week/dismissals', { row, kind: 'not_relevant' })).status, row).toBe(201);
      }
      const merged = await api.call('POST', '/api/people/merge', { keep: 'me', remove: 'me2' });
      expect(merged.status, JSON.stringify(merged.body)).toBe(200);
      expect([merged.body.moved.dismissals, merged.body.dropped.dismissals]).toEqual([2, 2]);
      const rows = ((await api.call('GET', '/api/export')).body.dismissals as Dismissal[]).map((d) => [d.person, d.row]);
      expect(rows).toEqual([['me', 'dormant:dan'], ['me', 'slip:r-dup']]);
    } finally {
      await api.close();
    }
  });
});
