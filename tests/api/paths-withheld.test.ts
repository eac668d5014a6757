/**
 * GET /api/paths when every path found ends at someone withheld from the caller (another
 * member's private contact, graph/service/withhold-contacts.ts): no paths, the reason in words
 * and `reasonCode: withheld`, and nothing in the answer that names the withheld person. The
 * contact's owner, asking the same, gets the path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from './harness.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from '../security/accounts-support.js';

const PASSWORD = 'correct horse battery';
const AT = '2026-11-01';
// Bob reaches Ann through Hugo; only Ann's private contact Zelda is in forensics, at Umbra.
const ZELDA = { id: 'p-zelda-private', name: 'Zelda Privatova', email: 'zelda@hidden.example', industry: 'Forensics', company: 'umbra', privateTo: 'ann' };
const network = {
  people: [{ id: 'ann', name: 'Ann Owner' }, { id: 'bob', name: 'Bob Asker' }, { id: 'hugo', name: 'Hugo Hub' }, ZELDA],
  companies: [{ id: 'umbra', name: 'Umbra Holdings' }],
  interactions: [
    { id: 'i1', a: 'bob', b: 'hugo', kind: 'one_to_one', at: AT },
    { id: 'i2', a: 'hugo', b: 'ann', kind: 'one_to_one', at: AT },
    { id: 'i3', a: 'ann', b: ZELDA.id, kind: 'one_to_one', at: AT },
  ],
};

describe('GET /api/paths to people withheld from the caller', () => {
  let api: AccountsApi;
  let ann: Browser;
  let bob: Browser;

  /** The paths answer, once the analytics have warmed up. */
  async function paths(who: Browser, query: string): Promise<Reply> {
    let r = await who.call('GET', `/api/paths?${query}&asOf=2026-12-01`);
    while (r.status === 503) r = await who.call('GET', `/api/paths?${query}&asOf=2026-12-01`);
    return r;
  }

  beforeAll(async () => {
    api = await startAccountsApi({ sample: false });
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
    await addAccount(api.dir, { email: 'ann@example.org', person: 'ann', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'bob@example.org', person: 'bob', role: 'member', password: PASSWORD });
    [ann, bob] = [api.browser(), api.browser()];
    expect((await ann.signIn('ann@example.org', PASSWORD)).status).toBe(200);
    expect((await bob.signIn('bob@example.org', PASSWORD)).status).toBe(200);
  });
  afterAll(() => api.close());

  it.each([
    ['anyone in an industry', `where[industry]=${ZELDA.industry}`],
    ['a company', `toCompany=${ZELDA.company}`],
  ])('when a member asks for paths to %s and every path ends at another member\'s private contact, then no path, reasonCode withheld, and the contact is not named', async (_, query) => {
    const r = await paths(bob, `from=bob&${query}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ paths: [], contacts: [], reason: 'no warm path to anyone you may see', reasonCode: 'withheld' });
    const text = JSON.stringify(r.body);
    for (const secret of [ZELDA.id, ZELDA.name, 'Zelda', 'Privatova', ZELDA.email]) expect(text).not.toContain(secret);
    // Nor who holds the contact: an owner named beside the withheld reason would point at the contact.
    expect(text).not.toMatch(/\bann\b|Ann Owner/);

    const owner = await paths(ann, `from=ann&${query}`);
    expect(owner.status).toBe(200);
    expect(owner.body.paths.map((p: { people: string[] }) => p.people)).toEqual([['ann', ZELDA.id]]);
    expect(owner.body.reasonCode).toBeUndefined();
  });
});
