/**
 * Dimension names are data too: an attribute key (`secretSociety`) that only member A's private
 * contacts hold must not reach member B, who may not see them. For B such a key is exactly a key
 * nobody has — the same 400 "unknown dimension" on every endpoint that takes a dimension, never
 * suggested for a near miss, never in "Known dimensions", never a key of B's person metrics nor
 * of the dimensions listed for B's pickers (GET /api/dimensions) — while A (their owner) and an
 * admin keep it as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
/** The key only A's private contacts hold (two of them share a value, so it is offered as a dimension). */
const KEY = 'secretSociety';
/** A near miss of KEY (one letter dropped), far from every other dimension. */
const TYPO = 'secretSocity';
/** A key nobody holds, of KEY's length: what B's answers about KEY must look like. */
const NOBODY = 'neverAnyKeyX1';
const linkedinCsv = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Zelda,Privatova,https://www.linkedin.com/in/zelda-privatova,zelda.privatova@hidden.example,Umbra Holdings,Chief Secret Officer,01 Dec 2026',
  'Quentin,Occulto,https://www.linkedin.com/in/quentin-occulto,quentin@hidden.example,Umbra Holdings,Archivist,02 Dec 2026',
].join('\n');

const ann = 'p001';
const bob = 'p002';

/** Every endpoint that takes a dimension name, asked by `from` about dimension `dim`. */
const asking = (from: string, dim: string) => [
  `/api/people/${from}/metrics?dimension=${dim}`,
  `/api/people/${from}/introductions?dimension=${dim}`,
  `/api/reports/diversity-gap?person=${from}&dimension=${dim}`,
  `/api/paths?from=${from}&where[${dim}]=Umbra%20Circle`,
];

/** The reply with the dimension name written as `as` (to compare two answers that differ only there). */
const renamed = (r: Reply, name: string, as: string) => {
  const { requestId: _id, instance: _at, ...rest } = r.body as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replaceAll(name, as)) as unknown;
};

describe('dimension names held only by private contacts', () => {
  let api: AccountsApi;
  let a: Browser;
  let b: Browser;
  let admin: Browser;

  beforeAll(async () => {
    api = await startAccountsApi();
    a = await signedIn(api, { email: 'ann@example.org', person: ann, role: 'member', password: PASSWORD });
    b = await signedIn(api, { email: 'bob@example.org', person: bob, role: 'member', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });

    const imported = await a.call('POST', `/api/import?format=linkedin&owner=${ann}`, linkedinCsv, { headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);
    const contacts: string[] = imported.body.changes.filter((c: { kind: string }) => c.kind === 'person').map((c: { id: string }) => c.id);
    expect(contacts).toHaveLength(2);
    for (const id of contacts) {
      expect((await a.call('PATCH', `/api/people/${encodeURIComponent(id)}`, { attributes: { [KEY]: 'Umbra Circle' } })).status).toBe(200);
    }
  });
  afterAll(() => api.close());

  it('when another member mistypes a key only the private contacts hold, then no suggestion and no "Known dimensions" entry names it; the owner and an admin get both', async () => {
    for (const path of asking(bob, TYPO)) {
      const r = await b.call('GET', path);
      expect(isProblem(r, 400), `${path}: ${r.status}`).toBe(true);
      expect(r.body.detail, path).toMatch(/^unknown dimension "secretSocity"\. Known dimensions: industry, /);
      expect(JSON.stringify(r.body), path).not.toContain(KEY);
      expect(r.body.errors[0].unknown, path).toEqual([{ value: TYPO, didYouMean: [] }]);
    }
    // Not vacuous: whoever sees the contacts is offered the key, in words and as data.
    for (const viewer of [a, admin]) {
      for (const path of asking(bob, TYPO)) {
        const r = await viewer.call('GET', path);
        expect(isProblem(r, 400), `${path}: ${r.status}`).toBe(true);
        expect(r.body.errors[0].unknown, path).toEqual([{ value: TYPO, didYouMean: [KEY] }]);
        expect(r.body.detail, path).toContain(`did you mean "${KEY}"`);
        expect(r.body.detail, path).toMatch(new RegExp(`Known dimensions: .*\\b${KEY}\\b`));
      }
    }
  });

  it('when another member names the key exactly, then it is the 400 of a key nobody has, word for word; for the owner and an admin it is a dimension', async () => {
    for (const [path, nobody] of asking(bob, KEY).map((p, i) => [p, asking(bob, NOBODY)[i]!] as const)) {
      const r = await b.call('GET', path);
      expect(isProblem(r, 400), `${path}: ${r.status}`).toBe(true);
      expect(r.body.detail, path).toMatch(/^unknown dimension "secretSociety"\. Known dimensions: /);
      const none = await b.call('GET', nobody);
      expect(renamed(r, KEY, NOBODY), path).toEqual(renamed(none, NOBODY, NOBODY));
    }
    for (const viewer of [a, admin]) {
      for (const path of asking(ann, KEY)) {
        const r = await viewer.call('GET', path);
        expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      }
    }
  });

  it("when another member reads a person's metrics, then the key is not one of their dimensions; for the owner and an admin it is", async () => {
    for (const who of [bob, ann]) {
      const m = await b.call('GET', `/api/people/${who}/metrics`);
      expect(m.status).toBe(200);
      expect(Object.keys(m.body.diversity)).toEqual(expect.arrayContaining(['industry', 'club']));
      expect(Object.keys(m.body.diversity), who).not.toContain(KEY);
    }
    for (const viewer of [a, admin]) {
      const m = await viewer.call('GET', `/api/people/${ann}/metrics`);
      expect(Object.keys(m.body.diversity)).toContain(KEY);
      expect(m.body.diversity[KEY].richness).toBeGreaterThan(0);
    }
  });

  it('when another member lists the dimensions (the report page\'s picker), then the key is not among them; the owner and an admin have it', async () => {
    const listed = await b.call('GET', '/api/dimensions');
    expect(listed.status).toBe(200);
    expect(listed.body.dimensions).toEqual(expect.arrayContaining(['industry', 'title', 'group', 'club']));
    expect(listed.body.dimensions).not.toContain(KEY);
    for (const viewer of [a, admin]) expect((await viewer.call('GET', '/api/dimensions')).body.dimensions).toContain(KEY);
  });
});
