/**
 * Withheld means never named (docs/SECURITY.md): a row of someone's week that names a person
 * withheld from the caller — another member's private contact, or a referral with one — gets
 * exactly the answer a row nobody hid, or naming no one, gets, by every dismissal route. QA: as
 * member Ann, taking back a row of Carl's about his private contact was 403 ("would also change
 * records that are not theirs") where a made-up id was 404 ("has not hidden row"), so the status
 * said whether Carl had hidden a row about someone Ann may not know exists; a `write` key,
 * which sees no private contacts, deleted such a row outright.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { call, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const SAM = 'p-secret-sam-17e42fda07';
const SLIP = 'rf-carl-sam';
const enc = encodeURIComponent;
/** Carl's rows about Sam, each with its twin naming nothing anyone holds ('p-nobody-at-all' sorts where Sam does). */
const ROWS: [withheld: string, madeUp: string][] = [
  [`dormant:${SAM}`, 'dormant:p-nobody-at-all'],
  [`owed:${SAM}`, 'owed:p-nobody-at-all'],
  [`followUp:${SAM}:e01`, 'followUp:p-nobody-at-all:e01'],
  [`intro:${SAM}:p003`, 'intro:p-nobody-at-all:p003'],
  [`slip:${SLIP}`, 'slip:rf-made-up'],
];
type Caller = (method: string, path: string, body?: unknown) => Promise<Reply>;

/** What a caller can compare of two answers: status, problem type, and the detail with the row's ids in it written the same. */
const shape = (r: Reply) => ({
  status: r.status,
  type: r.body?.type,
  detail: String(r.body?.detail).replaceAll(SAM, 'ID').replaceAll('p-nobody-at-all', 'ID').replaceAll(SLIP, 'SLIP').replaceAll('rf-made-up', 'SLIP'),
  errors: JSON.stringify(r.body?.errors ?? null).replaceAll(SAM, 'ID').replaceAll('p-nobody-at-all', 'ID').replaceAll(SLIP, 'SLIP').replaceAll('rf-made-up', 'SLIP'),
});

describe('a dismissal naming someone withheld from the caller answers as one naming no one', () => {
  let api: AccountsApi;
  let ann: Browser;
  let carl: Browser;
  let admin: Browser;
  let asKey: Caller;

  const carlsHidden = async () => ((await carl.call('GET', '/api/me/week')).body.hidden as { key: string }[]).map((h) => h.key);

  beforeAll(async () => {
    api = await startAccountsApi();
    ann = await signedIn(api, { email: 'ann@example.org', person: 'p002', role: 'member', password: PASSWORD });
    carl = await signedIn(api, { email: 'carl@example.org', person: 'p158', role: 'member', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'p004', role: 'admin', password: PASSWORD });
    const token = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'writer' })).token;
    asKey = (method, path, body) => call(api.url, method, path, body, { authorization: `Bearer ${token}` });
    expect((await carl.call('POST', '/api/people', { id: SAM, name: 'Sam Secretson', privateTo: 'p158' })).status).toBe(201);
    expect((await carl.call('POST', '/api/referrals', { id: SLIP, from: 'p158', to: SAM, at: '2026-01-02', status: 'passed' })).status).toBe(201);
    for (const [row] of ROWS) {
      const r = await carl.call('POST', '/api/me/week/dismissals', { row, kind: 'not_relevant' });
      expect(r.status, `${row}: ${JSON.stringify(r.body)}`).toBe(201);
    }
    // A row of Ann's own about Sam, as only an import by someone who sees him can leave her.
    const at = '2026-01-03T00:00:00.000Z';
    const mine = { id: dismissalId('p002', `dormant:${SAM}`), person: 'p002', row: `dormant:${SAM}`, kind: 'not_relevant', at };
    expect((await admin.call('POST', '/api/import', { dismissals: [mine] })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when a member or a write key takes back a row of Carl\'s about his private contact, then the answer is that for a row never hidden, and the row stays hidden', async () => {
    for (const who of [ann.call.bind(ann), asKey]) {
      for (const [withheld, madeUp] of ROWS) {
        const [a, b] = [await who('DELETE', `/api/people/p158/week/dismissals/${enc(withheld)}`), await who('DELETE', `/api/people/p158/week/dismissals/${enc(madeUp)}`)];
        expect(a.status, withheld).toBe(404);
        expect(shape(a), withheld).toEqual(shape(b));
      }
    }
    expect(await carlsHidden()).toEqual(expect.arrayContaining(ROWS.map(([row]) => row)));
  });

  it('when a member or a write key hides such a row in Carl\'s week, then the answer is that for a row naming no one, and nothing changes', async () => {
    for (const who of [ann.call.bind(ann), asKey]) {
      for (const [withheld, madeUp] of ROWS) {
        const send = (row: string) => who('POST', '/api/people/p158/week/dismissals', { row, kind: 'snoozed', until: '2099-01-01' });
        const [a, b] = [await send(withheld), await send(madeUp)];
        expect(a.status, withheld).toBe(400);
        expect(shape(a), withheld).toEqual(shape(b));
      }
    }
    const stored = (await admin.call('GET', '/api/export')).body.dismissals as { person: string; row: string; kind: string }[];
    expect(stored.filter((d) => d.person === 'p158').map((d) => d.kind)).toEqual(ROWS.map(() => 'not_relevant'));
  });

  it('when Ann takes back or hides a row of her own week about Sam, by /api/me or by her id, then the answers are those for a row about no one, and her stored one stays', async () => {
    for (const base of ['/api/me/week/dismissals', '/api/people/p002/week/dismissals']) {
      for (const [withheld, madeUp] of ROWS) {
        const [a, b] = [await ann.call('DELETE', `${base}/${enc(withheld)}`), await ann.call('DELETE', `${base}/${enc(madeUp)}`)];
        expect(a.status, withheld).toBe(404);
        expect(shape(a), withheld).toEqual(shape(b));
        const send = (row: string) => ann.call('POST', base, { row, kind: 'not_relevant' });
        const [c, d] = [await send(withheld), await send(madeUp)];
        expect(c.status, withheld).toBe(400);
        expect(shape(c), withheld).toEqual(shape(d));
      }
    }
    const stored = (await admin.call('GET', '/api/export')).body.dismissals as { person: string; row: string }[];
    expect(stored.filter((d) => d.person === 'p002').map((d) => d.row)).toEqual([`dormant:${SAM}`]);
  });

  it('when Carl, or an admin, takes back his rows, then they go', async () => {
    const [first, ...rest] = ROWS.map(([row]) => row);
    expect((await carl.call('DELETE', `/api/me/week/dismissals/${enc(first!)}`)).status).toBe(204);
    for (const row of rest) expect((await admin.call('DELETE', `/api/people/p158/week/dismissals/${enc(row)}`)).status, row).toBe(204);
    expect(await carlsHidden()).toEqual([]);
  });
});
