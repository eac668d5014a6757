/**
 * One dismissal per person and row, whatever the way in (docs/DOMAIN.md, Dismissal): an imported
 * dismissal's id must be the one derived from its person and row, so an import replaces that
 * person's dismissal of the row instead of adding a second one the route could never take back;
 * its row must be a key the week writes, by the same rule as the route's; and taking a row back
 * un-hides it completely, even in a store an older version let hold two.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { NotFoundError } from '../../graph/service/errors.js';
import { isProblem, startTestApi, type TestApi } from './harness.js';

const network = {
  // A row names people, events and referrals that exist (a person with a colon in its id too).
  people: [{ id: 'me', name: 'Me' }, { id: 'dan', name: 'Dan' }, { id: 'eve', name: 'Eve' }, { id: 'me2', name: 'Me Too' }, { id: 'a:b c', name: 'Colon Id' }],
  events: [{ id: 'e1', name: 'E1', at: '2024-05-01' }],
  interactions: [{ id: 'i1', a: 'me', b: 'dan', kind: 'one_to_one', at: '2024-01-01' }],
  referrals: [{ id: 'r1', from: 'eve', to: 'me', at: '2024-06-01', status: 'passed', value: 100 }],
};
const at = '2024-06-28T09:00:00.000Z';
const enc = encodeURIComponent;
type D = { id: string; person: string; row: string; kind: string };

describe('imported dismissals over HTTP', () => {
  let api: TestApi;
  const dismissals = async (): Promise<D[]> => ((await api.call('GET', '/api/export')).body.dismissals ?? []) as D[];
  const hidden = async (): Promise<string[]> => (await api.call('GET', '/api/people/me/week')).body.hidden.map((h: { key: string }) => h.key);

  beforeAll(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
  });
  beforeEach(async () => {
    for (const d of await dismissals()) await api.call('DELETE', `/api/people/${enc(d.person)}/week/dismissals/${enc(d.row)}`);
    expect(await dismissals()).toEqual([]);
  });
  afterAll(() => api.close());

  it('when an imported dismissal carries an id of its own, then 400 naming its id and the derived one, and nothing is written', async () => {
    for (const id of ['dm-custom', dismissalId('dan', 'dormant:dan'), dismissalId('me', 'owed:eve')]) {
      const r = await api.call('POST', '/api/import', { dismissals: [{ id, person: 'me', row: 'dormant:dan', kind: 'not_relevant', at }] });
      expect(isProblem(r, 400), JSON.stringify(r.body)).toBe(true);
      expect(r.body.errors).toEqual([{ path: '/dismissals/0/id', message: expect.stringContaining(`"${dismissalId('me', 'dormant:dan')}"`) }]);
    }
    expect(await dismissals()).toEqual([]);
  });

  it('when a row dismissed by the route is imported again, then the import replaces that dismissal, and DELETE shows the row again for good', async () => {
    for (const row of ['dormant:dan', 'owed:eve', 'slip:r1']) {
      expect((await api.call('POST', '/api/people/me/week/dismissals', { row, kind: 'not_relevant' })).status).toBe(201);
      const imported = await api.call('POST', '/api/import', { dismissals: [{ id: dismissalId('me', row), person: 'me', row, kind: 'snoozed', until: '2099-01-01', at }] });
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      expect(imported.body.updated.dismissals).toBe(1);
      const mine = (await dismissals()).filter((d) => d.person === 'me' && d.row === row);
      expect(mine.map((d) => d.kind)).toEqual(['snoozed']);
      expect(await hidden()).toContain(row);
      expect((await api.call('DELETE', `/api/people/me/week/dismissals/${enc(row)}`)).status).toBe(204);
      expect(await hidden()).not.toContain(row);
      expect(isProblem(await api.call('DELETE', `/api/people/me/week/dismissals/${enc(row)}`), 404)).toBe(true);
    }
  });

  it('when an imported row is no key of the week, then 400 naming /dismissals/N/row with the route\'s words; keys the route takes, the import takes', async () => {
    const bad = ['bogus', 'dormant', 'dormant:', 'dormant:a:b', 'intro:a', 'followUp:me', 'slip:', 'owed:%zz', 'week:dan'];
    const route = await api.call('POST', '/api/people/me/week/dismissals', { row: bad[0], kind: 'not_relevant' });
    expect(isProblem(route, 400)).toBe(true);
    const routeMessage = route.body.errors.find((e: { path: string }) => e.path === '/row').message;
    for (const row of bad) {
      expect(isProblem(await api.call('POST', '/api/people/me/week/dismissals', { row, kind: 'not_relevant' }), 400), row).toBe(true);
      const doc = { dismissals: [{ id: dismissalId('me', 'owed:eve'), person: 'me', row: 'owed:eve', kind: 'not_relevant', at }, { id: dismissalId('me', row), person: 'me', row, kind: 'not_relevant', at }] };
      const r = await api.call('POST', '/api/import', doc);
      expect(isProblem(r, 400), `${row}: ${JSON.stringify(r.body)}`).toBe(true);
      expect(r.body.errors, row).toEqual([{ path: '/dismissals/1/row', message: routeMessage }]);
    }
    expect(await dismissals()).toEqual([]);
    const good = ['followUp:dan:e1', 'dormant:dan', 'owed:eve', 'intro:dan:eve', 'slip:r1', `dormant:${enc('a:b c')}`];
    const r = await api.call('POST', '/api/import', { dismissals: good.map((row) => ({ id: dismissalId('me', row), person: 'me', row, kind: 'not_relevant', at })) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const row of good) expect((await api.call('POST', '/api/people/me/week/dismissals', { row, kind: 'not_relevant' })).status, row).toBe(201);
  });
});

describe('a store holding two dismissals of one row (written before imports were checked)', () => {
  let dir: string;
  let refnet: Refnet;
  const legacy = { id: 'dm-custom', person: 'me', row: 'dormant:dan', kind: 'not_relevant' as const, at };
  const rowsOf = (person: string) => [...refnet.network.records.dismissalsOf.get(person)].map((k) => refnet.network.records.get('dismissal', k)!);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refnet-dismissal-keys-'));
    refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
    await refnet.service.importDocument(network);
    await refnet.network.write([{ op: 'put', kind: 'dismissal', record: legacy }]);
    await refnet.service.dismiss('me', { row: 'dormant:dan', kind: 'not_relevant' });
  });
  afterEach(async () => {
    await refnet.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the row is taken back, then both go: it is shown again, and taking it back again is 404', async () => {
    // dismiss() already replaced the older one: seed the pair again behind its back
    await refnet.network.write([{ op: 'put', kind: 'dismissal', record: legacy }]);
    await refnet.network.sync();
    expect(rowsOf('me').filter((d) => d.row === 'dormant:dan')).toHaveLength(2);
    await refnet.service.undismiss('me', 'dormant:dan');
    await refnet.network.sync();
    expect(rowsOf('me')).toEqual([]);
    await expect(refnet.service.undismiss('me', 'dormant:dan')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when the row is dismissed again, then the one dismissal left is the new choice', async () => {
    await refnet.network.sync();
    expect(rowsOf('me').map((d) => d.id)).toEqual([dismissalId('me', 'dormant:dan')]);
  });

  it('when a person is merged into one who hid the same row, then one dismissal of it is left', async () => {
    await refnet.network.write([{ op: 'put', kind: 'dismissal', record: legacy }, { op: 'put', kind: 'dismissal', record: { ...legacy, id: 'dm-other', person: 'me2' } }]);
    const merged = await refnet.service.mergePeople({ keep: 'me', remove: 'me2' });
    expect(merged.dropped.dismissals).toBe(1);
    await refnet.network.sync();
    expect(rowsOf('me').filter((d) => d.row === 'dormant:dan')).toHaveLength(2); // the two of `me` were there before the merge: it adds none
    await refnet.service.undismiss('me', 'dormant:dan');
    await refnet.network.sync();
    expect(rowsOf('me')).toEqual([]);
  });
});
