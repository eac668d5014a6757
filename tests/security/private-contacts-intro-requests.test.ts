/**
 * Private contacts and intro requests: a member's private contact is withheld from every other
 * member in intro requests as everywhere else (docs/SECURITY.md, "Private contacts") — asking
 * for an introduction to it or through it answers exactly as for an unknown id (and never names
 * it), and a request that names it is left out of other people's request lists and exports.
 * A refused write never names a record the writer cannot see either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

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
      expect((await admin.call('POST', '/api/interactions', { a: connector, b: contact, kind: 'call', at: '2026-11-02' })).status).toBe(201);
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

  it('when the owner asks for an introduction to the contact, then the owner sees the request and other members (the connector too) see no trace of it', async () => {
    const asked = await ann.call('POST', '/api/intro-requests', { connector: annsConnector, target: contact });
    expect(asked.status).toBe(201);
    expect((await ann.call('GET', '/api/intro-requests')).body.byMe.map((q: { id: string }) => q.id)).toEqual([asked.body.id]);
    expect((await ann.call('GET', '/api/export')).body.introRequests.map((q: { id: string }) => q.id)).toContain(asked.body.id);

    const exported = await bob.call('GET', '/api/export');
    expect(exported.status).toBe(200);
    withholds(exported, "another member's export");
    const connector = await addAccount(api.dir, { email: 'con@example.org', person: annsConnector, role: 'member', password: PASSWORD });
    expect(connector.person).toBe(annsConnector);
    const con = api.browser();
    expect((await con.signIn('con@example.org', PASSWORD)).status).toBe(200);
    const theirs = await con.call('GET', '/api/intro-requests');
    expect(theirs.status).toBe(200);
    withholds(theirs, "the connector's request list");
    const move = await con.call('POST', `/api/intro-requests/${encodeURIComponent(asked.body.id as string)}/status`, { status: 'accepted' });
    const unknownMove = await con.call('POST', '/api/intro-requests/iq-no-such-request/status', { status: 'accepted' });
    expect(isProblem(move, 404, 'not-found')).toBe(true);
    expect(move.body.detail).toBe(unknownMove.body.detail.replace('iq-no-such-request', asked.body.id));
    // The admin sees everything.
    expect((await admin.call('GET', '/api/export')).body.introRequests.map((q: { id: string }) => q.id)).toContain(asked.body.id);
  });

  it('when a member attempts a write that would change records naming the contact, then the refusal does not name them', async () => {
    // Merging Ann away would hand her private contact to Bob: refused, without saying who it is.
    const merge = await bob.call('POST', '/api/people/merge', { keep: 'p002', remove: 'p001' });
    expect(isProblem(merge, 403, 'forbidden')).toBe(true);
    withholds(merge, 'the refused merge');
    expect((await admin.call('GET', `/api/people/${encodeURIComponent(contact)}`)).body.privateTo).toBe('p001');
  });
});
