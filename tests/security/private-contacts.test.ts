/**
 * Issue #13, "private contacts withheld from other members in every endpoint": on the bundled
 * sample with accounts, member A imports a small LinkedIn export as its owner; member B (an
 * organiser of a chapter the contact joins, so the chapter report shows B every row) then calls
 * every read endpoint that could reveal a person, and no answer holds the contact's id, name or
 * email — while A sees the contact, and a path of B's through it shows an anonymous hop "a contact
 * of <A>". After A shares the contact, B sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { addAccount, sampleDocument, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const CONTACT = { first: 'Zelda', last: 'Privatova', email: 'zelda.privatova@hidden.example', title: 'Chief Secret Officer' };
const today = new Date().toISOString().slice(0, 10);
const linkedinCsv = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  `${CONTACT.first},${CONTACT.last},https://www.linkedin.com/in/zelda-privatova,${CONTACT.email},Umbra Holdings,${CONTACT.title},01 Dec 2026`,
  'Quentin,Occulto,https://www.linkedin.com/in/quentin-occulto,quentin@hidden.example,Umbra Holdings,Archivist,02 Dec 2026',
].join('\n');

const enc = encodeURIComponent;

describe('private contacts over HTTP', () => {
  let api: AccountsApi;
  let a: Browser;
  let b: Browser;
  let admin: Browser;
  let annName: string;
  let contact: string;
  /** A shared person tied only to the private contact: reaching them takes a path through it. */
  const beyond = 'beyond-the-contact';
  const ann = 'p001';
  const bob = 'p002'; // a current member of g1
  const chapter = 'g1';

  /** Fails when the body names the contact in any way (id, name, email), whatever its shape. */
  const withholds = (r: Reply, what: string) => {
    const text = JSON.stringify(r.body);
    for (const secret of [contact, CONTACT.last, CONTACT.email]) expect(text, `${what} reveals "${secret}"`).not.toContain(secret);
  };

  beforeAll(async () => {
    api = await startAccountsApi();
    annName = (await sampleDocument()).people.find((p) => p.id === ann)!.name;
    await addAccount(api.dir, { email: 'ann@example.org', person: ann, role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'bob@example.org', person: bob, role: 'organiser', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });
    [a, b, admin] = [api.browser(), api.browser(), api.browser()];
    expect((await a.signIn('ann@example.org', PASSWORD)).status).toBe(200);
    expect((await b.signIn('bob@example.org', PASSWORD)).status).toBe(200);
    expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);

    const imported = await a.call('POST', `/api/import?format=linkedin&owner=${ann}`, linkedinCsv, { headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);
    contact = imported.body.changes.find((c: { kind: string; label: string }) => c.kind === 'person' && c.label.includes(CONTACT.last)).id;
    // The admin ties the contact into the network: a chapter seat, and a person only it knows.
    // Through an import: a single-record write refuses a record a person in it would not see (docs/SECURITY.md).
    expect((await admin.call('POST', '/api/import', { memberships: [{ person: contact, group: chapter, since: '2026-11-01' }] })).status).toBe(200);
    expect((await admin.call('POST', '/api/people', { id: beyond, name: 'Dana Beyond' })).status).toBe(201);
    expect((await admin.call('POST', '/api/import', { interactions: [{ id: 'ix-contact-beyond', a: contact, b: beyond, kind: 'one_to_one', at: today }] })).status).toBe(200);
    // The contact gave Ann business she has not returned: Ann's metrics name it among those she owes.
    expect((await admin.call('POST', '/api/referrals', { from: contact, to: ann, at: today, status: 'won', value: 1200 })).status).toBe(201);
  });
  afterAll(() => api.close());

  it('when member A imports a LinkedIn export as its owner, then the new people are private to A and A sees them', async () => {
    const person = await a.call('GET', `/api/people/${enc(contact)}`);
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ name: `${CONTACT.first} ${CONTACT.last}`, email: CONTACT.email, privateTo: ann });
    const exported = await a.call('GET', '/api/export');
    expect(exported.body.people.map((p: { id: string }) => p.id)).toContain(contact);
    const paths = await a.call('GET', `/api/paths?from=${ann}&to=${enc(contact)}`);
    expect(paths.status).toBe(200);
    expect(paths.body.paths[0].people).toEqual([ann, contact]);
    const map = await a.call('GET', '/api/map');
    expect(map.body.nodes.map((n: { id: string }) => n.id)).toContain(contact);
  });

  it('when another member reads every endpoint that names people, then the contact is never named, and lookups are 404 like an unknown id', async () => {
    const unknown = await b.call('GET', '/api/people/no-such-person');
    const lookups = [
      `/api/people/${enc(contact)}`,
      `/api/people/${enc(contact)}/metrics`,
      `/api/people/${enc(contact)}/introductions`,
      `/api/people/${enc(contact)}/week`,
      `/api/relationships/${ann}/${enc(contact)}`,
      `/api/paths?from=${bob}&to=${enc(contact)}`,
      `/api/paths?from=${enc(contact)}&to=${bob}`,
      `/api/renetworking?person=${enc(contact)}`,
      `/api/reports/diversity-gap?person=${enc(contact)}&dimension=title`,
      `/api/map?view=ego&person=${enc(contact)}`,
      // list filters naming the contact answer as for an unknown id, not with an empty page that confirms it
      `/api/interactions?person=${enc(contact)}`,
      `/api/memberships?person=${enc(contact)}`,
      `/api/referrals?from=${enc(contact)}`,
    ];
    for (const path of lookups) {
      const r = await b.call('GET', path);
      expect(isProblem(r, 404), `${path}: ${r.status}`).toBe(true);
      expect(r.body.type).toBe(unknown.body.type);
    }
    const preview = await b.call('POST', '/api/people/merge/preview', { keep: contact, remove: 'p004' });
    expect(isProblem(preview, 404)).toBe(true);
    expect(isProblem(await b.call('POST', `/api/people/${enc(contact)}/share`), 404)).toBe(true);
    // Writing about the contact treats it as unknown too.
    expect(isProblem(await b.call('POST', '/api/interactions', { a: bob, b: contact, kind: 'call', at: today }), 400)).toBe(true);
    const doc = await b.call('POST', '/api/import', { interactions: [{ id: 'i-probe', a: bob, b: contact, kind: 'call', at: today }] });
    expect(isProblem(doc, 400)).toBe(true);
    expect(JSON.stringify(doc.body)).toContain(`unknown person`);

    const reads = [
      '/api/people?limit=500',
      `/api/people?q=${CONTACT.last}`,
      `/api/people?group=${chapter}&limit=500`,
      `/api/interactions?person=${ann}&limit=500`,
      `/api/interactions?person=${enc(beyond)}`,
      `/api/referrals?person=${ann}&limit=500`,
      `/api/memberships?group=${chapter}&limit=500`,
      `/api/paths?from=${ann}&to=${bob}&k=5`,
      '/api/map',
      `/api/map?view=ego&person=${ann}&radius=2`,
      `/api/map?view=group&group=${chapter}`,
      `/api/people/${ann}/introductions?dimension=title`,
      `/api/people/${ann}/metrics`,
      `/api/people/${ann}/week`,
      '/api/me/week',
      `/api/renetworking?person=${ann}`,
      `/api/reports/diversity-gap?person=${bob}&dimension=title`,
      `/api/reports/diversity-gap?group=${chapter}&dimension=title`,
      `/api/groups/${chapter}/report`,
      `/api/groups/${chapter}/metrics`,
      '/api/metrics/network',
      '/api/export',
    ];
    for (const path of reads) {
      const r = await b.call('GET', path);
      expect(r.status, path).toBe(200);
      withholds(r, path);
    }
    // A title only the contact holds is, to B, a title no one holds: the same 400, no near miss.
    const guessed = await b.call('GET', `/api/paths?from=${bob}&where[title]=${enc(CONTACT.title)}`);
    expect(isProblem(guessed, 400)).toBe(true);
    expect(guessed.body.errors[0].unknown).toEqual([{ value: CONTACT.title, didYouMean: [] }]);
    withholds(guessed, 'where[title]');
    // Not vacuous: the owner's answers to the same questions do name the contact.
    const revealsToOwner = [
      `/api/people?q=${CONTACT.last}`,
      `/api/people?group=${chapter}&limit=500`,
      `/api/interactions?person=${ann}&limit=500`,
      `/api/memberships?group=${chapter}&limit=500`,
      `/api/paths?from=${bob}&where[title]=${enc(CONTACT.title)}`,
      `/api/map?view=group&group=${chapter}`,
      `/api/groups/${chapter}/metrics`,
      `/api/people/${ann}/metrics`,
      `/api/referrals?person=${ann}&limit=500`,
      '/api/export',
    ];
    for (const path of revealsToOwner) expect(JSON.stringify((await a.call('GET', path)).body), path).toContain(contact);
    // A path of B's through the contact shows it as an anonymous hop, named only by its owner.
    const through = await b.call('GET', `/api/paths?from=${bob}&to=${enc(beyond)}&maxHops=8`);
    expect(through.status).toBe(200);
    withholds(through, 'the path through the contact');
    const path = through.body.paths[0];
    expect(path.people.at(-1)).toBe(beyond);
    expect(path.people.at(-2)).toBeNull();
    expect(path.anonymous).toEqual([{ index: path.people.length - 2, contactOf: ann, label: `a contact of ${annName}` }]);
    // The chapter report's rows (B organises the chapter) leave the contact's seat out.
    const report = await b.call('GET', `/api/groups/${chapter}/report`);
    expect(report.body.members.length).toBeGreaterThan(0);
  });

  it('when another member filters a list by a category only the contact holds, then it is a value no one holds, and no near miss names it', async () => {
    expect((await a.call('PATCH', `/api/people/${enc(contact)}`, { industry: 'Cryptozoology', tags: ['umbra-circle'] })).status).toBe(200);
    try {
      for (const path of ['/api/people?industry=Cryptozoology', '/api/people?industry=Cryptozoologi', '/api/people?tag=umbra-circl']) {
        const r = await b.call('GET', path);
        expect(isProblem(r, 400), `${path}: ${r.status}`).toBe(true);
        expect(r.body.detail, path).toMatch(/^no one has (industry|tag) /);
        expect(r.body.detail, path).not.toMatch(/did you mean/);
        expect(r.body.detail.split('. ').slice(1).join('. '), path).not.toMatch(/Cryptozoology|umbra-circle/);
        expect(r.body.errors[0].unknown[0].didYouMean, path).toEqual([]);
      }
      // the owner sees the contact, so the value is held for her
      const mine = await a.call('GET', '/api/people?industry=cryptozoology');
      expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([contact]);
      expect((await a.call('GET', '/api/people?tag=Umbra-Circle')).body.items.map((p: { id: string }) => p.id)).toEqual([contact]);
    } finally {
      expect((await a.call('PATCH', `/api/people/${enc(contact)}`, { industry: null, tags: null })).status).toBe(200);
    }
  });

  it('when another member mistypes a category only the contact holds in where[] or a target, then the 400 suggests and lists it to its owner only', async () => {
    const typo = CONTACT.title.slice(0, -2); // "Chief Secret Offic"
    const asks = (from: string) => [
      `/api/paths?from=${from}&where[title]=${enc(typo)}`,
      `/api/reports/diversity-gap?person=${from}&dimension=title&target=${enc(`Founder,${typo}`)}`,
    ];
    for (const path of asks(bob)) {
      const r = await b.call('GET', path);
      expect(isProblem(r, 400), `${path}: ${r.status}`).toBe(true);
      expect(JSON.stringify(r.body), path).not.toContain(CONTACT.title);
      expect(r.body.errors[0].unknown, path).toEqual([{ value: typo, didYouMean: [] }]);
    }
    // Not vacuous: its owner is offered the spelling, in words and as data.
    for (const path of asks(ann)) {
      const r = await a.call('GET', path);
      expect(isProblem(r, 400), `${path}: ${r.status}`).toBe(true);
      expect(r.body.errors[0].unknown, path).toEqual([{ value: typo, didYouMean: [CONTACT.title] }]);
      expect(r.body.detail, path).toContain(`did you mean "${CONTACT.title}"`);
    }
  });

  it('when another member counts the network, then the private contacts still count', async () => {
    const counts = async (who: Browser) => {
      const { communitiesInfo: _when, ...rest } = (await who.call('GET', '/api/metrics/network')).body;
      return rest;
    };
    const forA = await counts(a);
    expect(forA.people).toBe((await sampleDocument()).people.length + 3);
    expect(await counts(b)).toEqual(forA);
    const mapA = await a.call('GET', '/api/map');
    const mapB = await b.call('GET', '/api/map');
    expect(mapB.body.total).toEqual(mapA.body.total);
    expect(mapB.body.nodes.length).toBe(mapA.body.nodes.length - 2);
  });

  it('when an admin reads, then the contact is there', async () => {
    expect((await admin.call('GET', `/api/people/${enc(contact)}`)).status).toBe(200);
    expect((await admin.call('GET', '/api/export')).body.people.map((p: { id: string }) => p.id)).toContain(contact);
  });

  it('when A shares the contact, then B sees it like anyone of the shared network', async () => {
    const shared = await a.call('POST', `/api/people/${enc(contact)}/share`);
    expect(shared.status).toBe(200);
    expect(shared.body.privateTo).toBeUndefined();
    const person = await b.call('GET', `/api/people/${enc(contact)}`);
    expect(person.status).toBe(200);
    expect(person.body.email).toBe(CONTACT.email);
    const through = await b.call('GET', `/api/paths?from=${bob}&to=${enc(beyond)}&maxHops=8`);
    expect(through.body.paths[0].people.at(-2)).toBe(contact);
    expect(through.body.paths[0].anonymous).toBeUndefined();
    expect((await b.call('GET', '/api/export')).body.people.map((p: { id: string }) => p.id)).toContain(contact);
    // The other contact of the same import stays private.
    expect(JSON.stringify((await b.call('GET', '/api/people?q=Occulto')).body.items)).toBe('[]');
  });
});
