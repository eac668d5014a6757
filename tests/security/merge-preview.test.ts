/**
 * The merge preview makes every check the merge makes (docs/SECURITY.md, Private contacts): a
 * caller who may not make the merge — a member merging two other people, a write key or member
 * whose merge would move records naming another member's private contact — gets the merge's own
 * refusal from the preview, word for word, and never a count of records they cannot see. A merge
 * they may make is previewed exactly as it then happens.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { call, isProblem, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { hidden, namesNoneOf, person } from './withheld-support.js';

const PASSWORD = 'correct horse battery';

// Ann's private contacts z1, z2 have records with Bob and Mia; Mia's own private contacts m1, m2
// are duplicates she may merge (her interaction with m2 moves to m1).
const network = {
  people: [
    person('ann'), person('root'), person('bob'), person('mia'), person('cal'),
    hidden('z1'), hidden('z2'),
    { ...person('m1'), privateTo: 'mia' }, { ...person('m2'), privateTo: 'mia', email: 'm2@example.org' },
  ],
  interactions: [
    { id: 'i-bz', a: 'bob', b: 'z1', kind: 'met', at: '2024-05-02' },
    { id: 'i-bc', a: 'bob', b: 'cal', kind: 'call', at: '2024-05-03' },
    { id: 'i-mz', a: 'mia', b: 'z2', kind: 'met', at: '2024-05-04' },
    { id: 'i-mm', a: 'mia', b: 'm2', kind: 'call', at: '2024-05-05' },
  ],
  referrals: [
    { id: 'r-zb', from: 'z1', to: 'bob', at: '2024-05-06', status: 'passed' },
    { id: 'r-bc', from: 'bob', to: 'cal', at: '2024-05-07', status: 'passed' },
  ],
};
const namesNone = namesNoneOf(['z1', 'z2']);

describe('the merge preview answers as the merge would', () => {
  let api: AccountsApi;
  let mia: Browser;
  let admin: Browser;
  let asWriteKey: (path: string, body: unknown) => Promise<Reply>;
  const everything = async () => (await admin.call('GET', '/api/export')).body as unknown;

  beforeEach(async () => {
    await api?.close();
    api = await startAccountsApi({ sample: false });
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    mia = await signedIn(api, { email: 'mia@example.org', person: 'mia', role: 'member', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
    const write = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'writer' })).token;
    asWriteKey = (path, body) => call(api.url, 'POST', path, body, { authorization: `Bearer ${write}` });
  });
  afterAll(() => api.close());

  /** The preview is refused exactly as the merge is (status, type, detail), naming no hidden record, and nothing changes. */
  async function refusedAlike(post: (path: string, body: unknown) => Promise<Reply>, body: { keep: string; remove: string }): Promise<Reply> {
    const before = await everything();
    const preview = await post('/api/people/merge/preview', body);
    const merge = await post('/api/people/merge', body);
    expect(isProblem(merge, 403, 'forbidden'), `merge ${merge.status} ${JSON.stringify(merge.body)}`).toBe(true);
    expect(isProblem(preview, 403, 'forbidden'), `preview ${preview.status} ${JSON.stringify(preview.body)}`).toBe(true);
    expect(preview.body.detail).toBe(merge.body.detail);
    expect(Object.keys(preview.body).sort()).toEqual(Object.keys(merge.body).sort());
    namesNone(preview);
    expect(await everything()).toEqual(before);
    return preview;
  }

  it('when a write key previews a merge that would move records naming private contacts, then 403 with the merge\'s count, no counts per collection', async () => {
    const r = await refusedAlike(asWriteKey, { keep: 'cal', remove: 'bob' });
    expect(r.body.detail).toContain('2 records not visible to you');
    expect(r.body).not.toHaveProperty('moved');
    // Mia's interactions with Ann's z2 and her own m2, and her private contacts m1, m2 (they would become Ann's)
    expect((await refusedAlike(asWriteKey, { keep: 'ann', remove: 'mia' })).body.detail).toContain('4 records not visible to you');
  });

  it('when rows others hid name the person merged away, then a caller who sees them gets them counted, and one who does not (a row naming a private contact) the merge\'s 403 counting them among the records not visible, no counts per collection', async () => {
    // Ann hid a row about Cal and one introducing Bob to her own z1; Root hid one about Bob.
    const rows = [['ann', 'dormant:cal'], ['ann', 'intro:bob:z1'], ['root', 'dormant:bob']] as const;
    const dismissals = rows.map(([who, row]) => ({ id: dismissalId(who, row), person: who, row, kind: 'not_relevant', at: '2024-06-28T09:00:00.000Z' }));
    const imported = await admin.call('POST', '/api/import', { dismissals });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const visible = await asWriteKey('/api/people/merge/preview', { keep: 'root', remove: 'cal' });
    expect(visible.status, JSON.stringify(visible.body)).toBe(200);
    expect([visible.body.moved.dismissals, visible.body.dropped.dismissals]).toEqual([1, 0]);
    // i-bz, r-zb and now Ann's intro:bob:z1; Root's dormant:bob would become dormant:cal, shown
    const r = await refusedAlike(asWriteKey, { keep: 'cal', remove: 'bob' });
    expect(r.body.detail).toContain('3 records not visible to you');
    const byAdmin = await admin.call('POST', '/api/people/merge/preview', { keep: 'cal', remove: 'bob' });
    expect([byAdmin.body.moved.dismissals, byAdmin.body.dropped.dismissals]).toEqual([2, 0]);
  });

  it('when another person hid a row about a member\'s private contact (an admin\'s import), then the member may not merge it away: that dismissal is not theirs to rewrite', async () => {
    const dismissal = { id: dismissalId('bob', 'dormant:m2'), person: 'bob', row: 'dormant:m2', kind: 'not_relevant', at: '2024-06-28T09:00:00.000Z' };
    expect((await admin.call('POST', '/api/import', { dismissals: [dismissal] })).status).toBe(200);
    const r = await refusedAlike((p, b) => mia.call('POST', p, b), { keep: 'm1', remove: 'm2' });
    expect(r.body.detail).toMatch(/home page row by Bob Person/);
  });

  it('when a member previews a merge of two other people, then the permission refusal of the merge, telling nothing of hidden records', async () => {
    const r = await refusedAlike((p, b) => mia.call('POST', p, b), { keep: 'cal', remove: 'bob' });
    expect(r.body.detail).not.toMatch(/not visible/);
    await refusedAlike((p, b) => mia.call('POST', p, b), { keep: 'ann', remove: 'cal' });
  });

  it('when the caller may make the merge, then the preview is exactly what the merge then does', async () => {
    for (const [who, body] of [
      [(p: string, b: unknown) => mia.call('POST', p, b), { keep: 'm1', remove: 'm2' }],
      [(p: string, b: unknown) => admin.call('POST', p, b), { keep: 'cal', remove: 'bob' }],
    ] as const) {
      const preview = await who('/api/people/merge/preview', body);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      const merge = await who('/api/people/merge', body);
      expect(merge.status, JSON.stringify(merge.body)).toBe(200);
      expect(preview.body).toEqual(merge.body);
    }
  });

  it('when a private contact is merged into a shared duplicate (or the other way), then the preview lists privateTo among the conflicts, and the merge shares it as previewed', async () => {
    for (const body of [{ keep: 'cal', remove: 'm2' }, { keep: 'm2', remove: 'cal' }]) {
      const preview = await admin.call('POST', '/api/people/merge/preview', body);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.merged).not.toHaveProperty('privateTo');
      expect(preview.body.conflicts).toContainEqual({ field: 'privateTo', kept: '', dropped: 'mia', note: expect.stringContaining('the merged person is shared') });
    }
    // Two records private to the same member stay private: nothing to list.
    const same = await mia.call('POST', '/api/people/merge/preview', { keep: 'm1', remove: 'm2' });
    expect(same.body.merged.privateTo).toBe('mia');
    expect(same.body.conflicts.map((c: { field: string }) => c.field)).not.toContain('privateTo');
    const merged = await admin.call('POST', '/api/people/merge', { keep: 'cal', remove: 'm2' });
    expect(merged.body.conflicts).toContainEqual(expect.objectContaining({ field: 'privateTo', dropped: 'mia' }));
    expect((await admin.call('GET', '/api/people/cal')).body).not.toHaveProperty('privateTo');
  });
});
