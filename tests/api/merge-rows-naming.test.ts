/**
 * A merge rewrites every dismissal whose row names the person merged away, whoever hid it, so it
 * names the person kept (docs/API.md, merge). QA: member Ann snoozed `dormant:p125` until 2027-03
 * and hid `intro:p120:p125`; p125 was merged into p120. Ann's snooze then named nobody: it no
 * longer hid the row about p120 (the same person), stayed under "hidden" with `about: []`, the
 * export left it out, and the preview counted 0 dismissals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dismissal } from '../../graph/schema.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { startTestApi, type TestApi } from './harness.js';

const asOf = '2024-06-30T12:00:00Z';
const [early, at, late] = ['2024-06-20T09:00:00.000Z', '2024-06-28T09:00:00.000Z', '2024-06-29T09:00:00.000Z'];
const enc = encodeURIComponent;

const network = {
  people: ['ann', 'p003', 'p120', 'p122', 'p125', 'p300'].map((id) => ({ id, name: `${id[0]!.toUpperCase()}${id.slice(1)} Name` })),
  // An event whose id is a person's too: a follow-up row names it as an event, never as p125.
  events: [{ id: 'e1', name: 'Breakfast', at: '2024-06-25' }, { id: 'p125', name: 'Lunch', at: '2024-06-26' }],
  // A tie gone quiet: Ann's week has a dormant row about p125, p120's after the merge.
  interactions: [{ id: 'i1', a: 'ann', b: 'p125', kind: 'one_to_one', at: '2024-01-01' }],
};

type Hid = Omit<Dismissal, 'id'>;
const hid = (person: string, row: string, when: string, until?: string): Dismissal => ({
  id: dismissalId(person, row),
  person,
  row,
  ...(until === undefined ? { kind: 'not_relevant' as const } : { kind: 'snoozed' as const, until }),
  at: when,
});

const dismissals: Dismissal[] = [
  hid('ann', 'dormant:p125', at, '2027-03-01'),
  hid('ann', 'followUp:p125:e1', at),
  hid('ann', 'owed:p125', at, '2027-01-01'), // later than her own of p120: it stands
  hid('ann', 'owed:p120', early),
  hid('ann', 'intro:p003:p125', at), // earlier than her own of p003 and p120: hers stands
  hid('ann', 'intro:p003:p120', late),
  hid('ann', 'intro:p122:p125', at), // becomes intro:p120:p122, the pair re-ordered
  hid('ann', 'intro:p125:p300', at),
  hid('ann', 'intro:p120:p125', at), // an introduction of p120 to p120: dropped
  hid('ann', 'followUp:p003:p125', at), // names the event p125: left as it is
  hid('p120', 'dormant:p125', at), // about p120 in p120's own week: dropped
  hid('p125', 'dormant:p003', at), // the duplicate's own: moves to p120
];

/** Ann's after the merge, and p120's; nothing else. */
const expected: Hid[] = [
  { person: 'ann', row: 'dormant:p120', kind: 'snoozed', until: '2027-03-01', at },
  { person: 'ann', row: 'followUp:p120:e1', kind: 'not_relevant', at },
  { person: 'ann', row: 'owed:p120', kind: 'snoozed', until: '2027-01-01', at },
  { person: 'ann', row: 'intro:p003:p120', kind: 'not_relevant', at: late },
  { person: 'ann', row: 'intro:p120:p122', kind: 'not_relevant', at },
  { person: 'ann', row: 'intro:p120:p300', kind: 'not_relevant', at },
  { person: 'ann', row: 'followUp:p003:p125', kind: 'not_relevant', at },
  { person: 'p120', row: 'dormant:p003', kind: 'not_relevant', at },
];
const byRow = (a: Hid, b: Hid) => (a.person + a.row < b.person + b.row ? -1 : 1);
const withoutId = ({ id: _id, ...d }: Dismissal): Hid => d;

describe('a merge and the rows others hid about the person merged away', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
    const imported = await api.call('POST', '/api/import', { ...network, dismissals });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  });
  afterEach(() => api.close());

  it('when p125 is merged into p120, then each row naming p125 names p120 (one per row, the later choice), the preview counts them, and the week, the store and the export agree', async () => {
    const body = { keep: 'p120', remove: 'p125' };
    const preview = await api.call('POST', '/api/people/merge/preview', body);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // moved: Ann's five rewritten rows and p125's own; dropped: Ann's intro:p003:p125 (hers of the
    // row stands) and owed:p120 (replaced by the later choice), intro:p120:p125 and p120's dormant:p125
    expect([preview.body.moved.dismissals, preview.body.dropped.dismissals]).toEqual([6, 4]);
    const merged = await api.call('POST', '/api/people/merge', body);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toEqual(preview.body);

    // Stored: each under the id derived from its person and row, fewer by the dropped count.
    const stored = [...api.refnet.network.records.maps.dismissal.values()];
    for (const d of stored) expect(d.id, d.row).toBe(dismissalId(d.person, d.row));
    expect(stored.map(withoutId).sort(byRow)).toEqual([...expected].sort(byRow));
    expect(stored).toHaveLength(dismissals.length - preview.body.dropped.dismissals);

    // The export leaves none out, and imports back as it is.
    const exported = await api.call('GET', '/api/export');
    expect((exported.body.dismissals as Dismissal[]).map(withoutId).sort(byRow)).toEqual([...expected].sort(byRow));
    const again = await api.call('POST', '/api/import', exported.body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);

    // Ann's week: the snoozed row about p120 stays hidden, and every hidden row is about someone.
    const week = await api.call('GET', `/api/people/ann/week?asOf=${asOf}`);
    expect(week.status).toBe(200);
    const keys = (rows: { key: string }[]) => rows.map((r) => r.key);
    expect(keys(week.body.dormant)).not.toContain('dormant:p120');
    expect(keys(week.body.followUps)).not.toContain('followUp:p120:e1');
    expect(keys(week.body.owed)).not.toContain('owed:p120');
    expect(week.body.hidden).toContainEqual({ key: 'dormant:p120', kind: 'snoozed', until: '2027-03-01', about: ['P120 Name'] });
    for (const h of week.body.hidden as { key: string; about: string[] }[]) expect(h.about.length, h.key).toBeGreaterThan(0);
    expect(JSON.stringify(week.body)).not.toMatch(/P125 Name/);

    // Taken back, the row about p120 shows: it was the snooze that hid it.
    expect((await api.call('DELETE', `/api/people/ann/week/dismissals/${enc('dormant:p120')}`)).status).toBe(204);
    const shown = await api.call('GET', `/api/people/ann/week?asOf=${asOf}`);
    expect(keys(shown.body.dormant)).toContain('dormant:p120');
  });

  it('when the duplicate\'s row is the later choice of a row the kept person hid, then it stands; otherwise the kept person\'s', async () => {
    const later = await api.call('POST', '/api/import', { dismissals: [hid('p125', 'dormant:p300', late), hid('p120', 'dormant:p300', early, '2030-01-01'), hid('p125', 'owed:p003', early), hid('p120', 'owed:p003', at)] });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    const merged = await api.call('POST', '/api/people/merge', { keep: 'p120', remove: 'p125' });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const p120 = (exported: Dismissal[]) => exported.filter((d) => d.person === 'p120' && d.row !== 'dormant:p003').map(withoutId).sort(byRow);
    expect(p120((await api.call('GET', '/api/export')).body.dismissals)).toEqual([
      { person: 'p120', row: 'dormant:p300', kind: 'not_relevant', at: late },
      { person: 'p120', row: 'owed:p003', kind: 'not_relevant', at },
    ]);
  });
});
