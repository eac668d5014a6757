/**
 * Private contacts and intro requests: a member's private contact is withheld from every other
 * member in intro requests as everywhere else (docs/SECURITY.md, "Private contacts") — asking
 * for an introduction to it or through it answers exactly as for an unknown id (and never names
 * it), and a request that names it is left out of other people's request lists and exports.
 * The owner cannot ask about it either: the connector could never see or answer that request, so
 * it is refused (to the owner, naming it); one that comes in anyway (an import) never shows to the
 * connector nor counts in their reliability. A refused write never names a record the writer
 * cannot see either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { addAccount, signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const CONTACT = { first: 'Zelda', last: 'Privatova', email: 'zelda.privatova@hidden.example' };
const linkedinCsv = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  `${CONTACT.first},${CONTACT.last},https://www.linkedin.com/in/zelda-privatova,${CONTACT.email},Umbra Holdings,Archivist,01 Dec 2026`,
].join('\n');

describe('private contacts in intro requests', () => {
  let api: AccountsApi;
  let ann: Browser;
  let bob: Browser;
  let admin: Browser;
  let contact: string;
  /** Someone Ann knows who also knows the contact, and someone Bob knows who also knows it. */
  let annsConnector: string;
  let bobsConnector: string;

  /** Fails when the body names the contact in any way (id, name, email). */
  const withholds = (r: Reply, what: string) => {
    const text = JSON.stringify(r.body);
    for (const secret of [contact, CONTACT.last, CONTACT.email]) expect(text, `${what} reveals "${secret}"`).not.toContain(secret);
  };
  const tiesOf = async (person: string) => {
    const items = (await admin.call('GET', `/api/interactions?person=${person}&limit=500`)).body.items as { a: string; b: string }[];
    return items.map((i) => (i.a === person ? i.b : i.a)).filter((other) => other !== contact);
  };

  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'bob@example.org', person: 'p002', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });
    [ann, bob, admin] = [api.browser(), api.browser(), api.browser()];
    for (const [who, email] of [[ann, 'ann@example.org'], [bob, 'bob@example.org'], [admin, 'root@example.org']] as const) {
      expect((await who.signIn(email, PASSWORD)).status).toBe(200);
    }
    const imported = await ann.call('POST', '/api/import?format=linkedin&owner=p001', linkedinCsv, { headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);
    contact = imported.body.changes.find((c: { kind: string }) => c.kind === 'person').id;
    annsConnector = (await tiesOf('p001'))[0]!;
    bobsConnector = (await tiesOf('p002'))[0]!;
    // The admin ties both connectors to the contact, so only visibility stands between Bob and a request.
    for (const connector of [annsConnector, bobsConnector]) {
      // Through an import: a single-record write refuses a record a person in it would not see (docs/SECURITY.md).
      expect((await admin.call('POST', '/api/import', { interactions: [{ id: `ix-${connector}-${contact}`, a: connector, b: contact, kind: 'call', at: '2026-11-02' }] })).status).toBe(200);
    }
  });
  afterAll(() => api.close());

  it('when another member asks for an introduction to or through the contact, then the answer is that of an unknown id and names nobody', async () => {
    const unknown = await bob.call('POST', '/api/intro-requests', { connector: bobsConnector, target: 'no-such-person' });
    expect(isProblem(unknown, 400, 'validation')).toBe(true);
    const toIt = await bob.call('POST', '/api/intro-requests', { connector: bobsConnector, target: contact });
    expect(isProblem(toIt, 400, 'validation')).toBe(true);
    expect(toIt.body.errors).toEqual([{ path: '/target', message: unknown.body.errors[0].message.replace('no-such-person', contact) }]);
    expect(JSON.stringify(toIt.body)).not.toContain(CONTACT.last);
    const throughIt = await bob.call('POST', '/api/intro-requests', { connector: contact, target: bobsConnector });
    expect(isProblem(throughIt, 400, 'validation')).toBe(true);
    expect(throughIt.body.errors.map((e: { path: string }) => e.path)).toEqual(['/connector']);
    expect(JSON.stringify(throughIt.body)).not.toContain(CONTACT.last);
    expect((await bob.call('GET', '/api/intro-requests')).body).toEqual({ byMe: [], ofMe: [], aboutMe: [] });
  });

  /** The intro requests as the admin sees them (everything). */
  const allRequests = async () => ((await admin.call('GET', '/api/export')).body.introRequests ?? []) as { id: string }[];
  /** The connector's record on the paths from Ann to the contact through them, as of `asOf` (none: never asked). */
  const recordOf = async (connector: string, asOf: string) => {
    const r = await admin.call('GET', `/api/paths?from=p001&to=${encodeURIComponent(contact)}&k=5&maxHops=2&asOf=${asOf}`);
    expect(r.status).toBe(200);
    const steps = (r.body.paths as { steps: { connector?: { person: string; asked: number; made: number; reliability: number } }[] }[]).flatMap((p) => p.steps);
    expect(steps.some((st) => st.connector?.person === connector), 'a path passes through the connector').toBe(true);
    return steps.find((st) => st.connector?.person === connector)!.connector!;
  };

  it('when the owner asks a connector for an introduction to their own private contact (or through it), then 400 naming it to the owner — the connector could never see or answer it — and nothing is stored', async () => {
    const before = await allRequests();
    const toIt = await ann.call('POST', '/api/intro-requests', { connector: annsConnector, target: contact, note: 'please' });
    expect(isProblem(toIt, 400, 'validation'), `asked: ${toIt.status}`).toBe(true);
    expect(toIt.body.errors).toEqual([{ path: '/target', message: expect.stringMatching(new RegExp(`^${CONTACT.first} ${CONTACT.last} is your private contact: .+ cannot see them, so could never see or answer this request`)) }]);
    const throughIt = await ann.call('POST', '/api/intro-requests', { connector: contact, target: annsConnector });
    expect(isProblem(throughIt, 400, 'validation')).toBe(true);
    expect(throughIt.body.errors.map((e: { path: string }) => e.path)).toContain('/connector');
    expect(throughIt.body.detail).toMatch(/your private contact/);
    expect(await allRequests()).toEqual(before);
    expect((await ann.call('GET', '/api/intro-requests')).body.byMe).toEqual([]);
  });

  it('when a request naming the contact reaches the connector anyway (an admin imports it), then the connector sees no trace of it, cannot move it, and its lapse never lowers their reliability', async () => {
    const asked = '2026-11-05T10:00:00.000Z';
    const hidden = { id: 'iq-hidden', requester: 'p001', connector: annsConnector, target: contact, at: asked, status: 'asked', changes: [{ status: 'asked', at: asked }] };
    const before = await recordOf(annsConnector, '2026-12-31');
    expect((await admin.call('POST', '/api/import', { introRequests: [hidden] })).status).toBe(200);
    expect((await ann.call('GET', '/api/intro-requests')).body.byMe.map((q: { id: string }) => q.id)).toEqual(['iq-hidden']);

    const con = await signedIn(api, { email: 'con@example.org', person: annsConnector, role: 'member', password: PASSWORD });
    const theirs = await con.call('GET', '/api/intro-requests');
    expect(theirs.status).toBe(200);
    withholds(theirs, "the connector's request list");
    expect(theirs.body.ofMe).toEqual([]);
    const move = await con.call('POST', '/api/intro-requests/iq-hidden/status', { status: 'declined' });
    const unknownMove = await con.call('POST', '/api/intro-requests/iq-no-such-request/status', { status: 'declined' });
    expect(isProblem(move, 404, 'not-found')).toBe(true);
    expect(move.body.detail).toBe(unknownMove.body.detail.replace('iq-no-such-request', 'iq-hidden'));

    // Lapsed (30 days on) or not, a request they cannot see is none they let lapse.
    for (const asOf of ['2026-12-31', '2027-03-01']) expect(await recordOf(annsConnector, asOf), asOf).toEqual(before);
    expect(before).toMatchObject({ asked: 0, made: 0, reliability: 1 });
  });

  it('when a member attempts a write that would change records naming the contact, then the refusal does not name them', async () => {
    // Merging Ann away would hand her private contact to Bob: refused, without saying who it is.
    const merge = await bob.call('POST', '/api/people/merge', { keep: 'p002', remove: 'p001' });
    expect(isProblem(merge, 403, 'forbidden')).toBe(true);
    withholds(merge, 'the refused merge');
    expect((await admin.call('GET', `/api/people/${encodeURIComponent(contact)}`)).body.privateTo).toBe('p001');
  });
});
