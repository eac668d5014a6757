/**
 * GET /api/paths for a member when some of the people a target names are another member's
 * private contacts (graph/service/withhold-contacts.ts, docs/SECURITY.md): the targets are the
 * people the member sees, resolved before the search, so a closer private contact never takes the
 * place of a path to someone the member may be shown; a target only private contacts hold answers
 * as one whose people have no tie, word for word. The contact's owner still gets the path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from './harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from '../security/accounts-support.js';

const PASSWORD = 'correct horse battery';
const AT = '2026-11-01';
// Bob reaches Ann through Hugo. Ann's private contact Zelda (forensics, at Lumen; the only
// cryptographer) is 3 hops from Bob; Dan's three forensics people at Lumen are 4 hops from him.
// Ann's other private contact, Quentin, is the only one at Umbra.
const ZELDA = { id: 'p-zelda-private', name: 'Zelda Privatova', email: 'zelda@hidden.example', industry: 'Forensics', profession: 'Cryptographer', company: 'lumen', privateTo: 'ann' };
const QUENTIN = { id: 'p-quentin-private', name: 'Quentin Occulto', email: 'quentin@hidden.example', company: 'umbra', privateTo: 'ann' };
const FORENSICS = ['vera', 'walt', 'xena'];
// Nobody works at Solo: a target that names no one.
const met = (id: string, a: string, b: string) => ({ id, a, b, kind: 'one_to_one', at: AT });
const network = {
  people: [
    { id: 'ann', name: 'Ann Owner' },
    { id: 'bob', name: 'Bob Asker' },
    { id: 'hugo', name: 'Hugo Hub' },
    { id: 'dan', name: 'Dan Bridge' },
    ...FORENSICS.map((id) => ({ id, name: `${id[0]!.toUpperCase()}${id.slice(1)} Lumen`, industry: 'Forensics', company: 'lumen' })),
    ZELDA,
    QUENTIN,
  ],
  companies: [{ id: 'umbra', name: 'Umbra Holdings' }, { id: 'lumen', name: 'Lumen Labs' }, { id: 'solo', name: 'Solo Retreats' }],
  interactions: [met('i1', 'bob', 'hugo'), met('i2', 'hugo', 'ann'), met('i3', 'ann', ZELDA.id), met('i4', 'ann', 'dan'), met('i5', 'ann', QUENTIN.id), ...FORENSICS.map((id, i) => met(`f${i}`, 'dan', id))],
};

type Path = { people: (string | null)[]; hops: number };

describe('GET /api/paths to a target some of whose people are withheld from the caller', () => {
  let api: AccountsApi;
  let ann: Browser;
  let bob: Browser;
  let admin: Browser;

  /** The paths answer, once the analytics have warmed up. */
  async function paths(who: Browser, query: string): Promise<Reply> {
    let r = await who.call('GET', `/api/paths?${query}&asOf=2026-12-01`);
    while (r.status === 503) r = await who.call('GET', `/api/paths?${query}&asOf=2026-12-01`);
    return r;
  }
  const ends = (r: Reply) => (r.body.paths as Path[]).map((p) => p.people[p.people.length - 1]);

  /** Fails when the answer names the private contact, or its owner (who would point at it). */
  const namesNoOne = (r: Reply) => {
    const text = JSON.stringify(r.body);
    for (const secret of [ZELDA.id, 'Zelda', 'Privatova', ZELDA.email, QUENTIN.id, 'Quentin', 'Occulto', QUENTIN.email]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\bann\b|Ann Owner/);
  };

  beforeAll(async () => {
    api = await startAccountsApi({ sample: false });
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
    ann = await signedIn(api, { email: 'ann@example.org', person: 'ann', role: 'member', password: PASSWORD });
    bob = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'member', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'hugo', role: 'admin', password: PASSWORD });
  });
  afterAll(() => api.close());

  it.each([
    ['anyone in an industry', 'where[industry]=Forensics'],
    ['a company', 'toCompany=lumen'],
  ])('when a member asks for paths to %s and a private contact is the nearest, then the k paths end at people they see, the farther ones', async (_, query) => {
    // Not vacuous: to everyone's eyes the private contact is the nearest, and would take a place.
    const all = await paths(admin, `from=bob&${query}&k=1`);
    expect(ends(all)).toEqual([ZELDA.id]);

    const one = await paths(bob, `from=bob&${query}&k=1`);
    expect(one.status).toBe(200);
    expect(one.body.paths).toHaveLength(1);
    expect(FORENSICS).toContain(ends(one)[0]);
    expect(one.body.paths[0].hops).toBe(4);

    const three = await paths(bob, `from=bob&${query}&k=3`);
    expect(three.body).toMatchObject({ targets: 3, k: 3 });
    expect(three.body).not.toHaveProperty('reasonCode');
    expect(ends(three).sort()).toEqual(FORENSICS);
    expect((three.body.contacts as { id: string }[]).map((c) => c.id).sort()).toEqual(['ann', 'bob', 'dan', 'hugo', ...FORENSICS].sort());
  });

  it('when some people in the industry are withheld from the member, then targets counts only those they see; a category nobody holds is still the 400', async () => {
    const everyone = await paths(admin, 'from=bob&where[industry]=Forensics&k=5');
    expect(everyone.body.targets).toBe(4);
    const bobs = await paths(bob, 'from=bob&where[industry]=Forensics&k=5');
    expect(bobs.body.targets).toBe(3); // the private contact is not counted
    const nobody = await paths(bob, 'from=bob&where[industry]=Astrology');
    expect(nobody.status).toBe(400); // held by no one at all: the closest spellings, as before
  });

  it('when only another member\'s private contact is anyone in a profession, then the 400 is word for word that of a profession no one holds', async () => {
    const r = await paths(bob, 'from=bob&where[profession]=Cryptographer');
    expect(r.status).toBe(400);
    namesNoOne(r);
    const none = await paths(bob, 'from=bob&where[profession]=Cryptographist');
    expect(none.status).toBe(400);
    // Nothing tells the two apart: the same words with the value swapped, no near miss.
    const words = (body: Record<string, unknown>, value: string) => JSON.stringify({ ...body, requestId: undefined }).replaceAll(value, 'X');
    expect(words(r.body, 'Cryptographer')).toBe(words(none.body, 'Cryptographist'));
    expect(r.body.errors[0].unknown).toEqual([{ value: 'Cryptographer', didYouMean: [] }]);

    const owner = await paths(ann, 'from=ann&where[profession]=Cryptographer');
    expect(owner.status).toBe(200);
    expect(owner.body.paths.map((p: Path) => p.people)).toEqual([['ann', ZELDA.id]]);
  });

  it.each([
    ['a company', 'toCompany=umbra', QUENTIN.id],
  ])('when only another member\'s private contact is at %s, then the answer is the one for a target that names no one, word for word', async (_, hidden, contact) => {
    const r = await paths(bob, `from=bob&${hidden}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ paths: [], contacts: [], targets: 0, reasonCode: 'no-target' });
    namesNoOne(r);
    // Word for word what a company nobody works at gets: nothing tells the two apart.
    const plain = await paths(bob, 'from=bob&toCompany=solo');
    expect(plain.body.reasonCode).toBe('no-target');
    expect(r.body).toEqual(plain.body);

    const owner = await paths(ann, `from=ann&${hidden}`);
    expect(owner.status).toBe(200);
    expect(owner.body.paths.map((p: Path) => p.people)).toEqual([['ann', contact]]);
    expect(owner.body.targets).toBe(1);
    expect(owner.body).not.toHaveProperty('reasonCode');
  });

  it('when a path runs through a private contact, then the member still gets it, the hop anonymous and without a contact card', async () => {
    expect((await admin.call('POST', '/api/people', { id: 'yuri', name: 'Yuri Beyond', profession: 'Diver' })).status).toBe(201);
    // Through an import: a single-record write refuses a record a person in it would not see (docs/SECURITY.md); imports are not checked for it (yet).
    expect((await admin.call('POST', '/api/import', { interactions: [met('i9', ZELDA.id, 'yuri')] })).status).toBe(200);
    const r = await paths(bob, 'from=bob&to=yuri');
    expect(r.status).toBe(200);
    expect(r.body.paths[0].people).toEqual(['bob', 'hugo', 'ann', null, 'yuri']);
    expect(r.body.paths[0].anonymous).toEqual([{ index: 3, contactOf: 'ann', label: 'a contact of Ann Owner' }]);
    expect((r.body.contacts as { id: string }[]).map((c) => c.id)).not.toContain(ZELDA.id);
    expect(JSON.stringify(r.body)).not.toContain('Zelda');
  });
});
