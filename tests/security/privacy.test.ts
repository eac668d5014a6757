/**
 * Privacy: the k rule on sensitive attributes (unit + property tests of small-cell suppression,
 * and every analytics answer over HTTP), the map never carrying a sensitive attribute, and the
 * right to be forgotten — deleting a person removes every record naming them, the export proves
 * it, and after an admin compaction not a byte of them is left in the data directory.
 */
import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CATEGORY, protectCounts } from '../../graph/privacy/small-cells.js';
import { dataDirWithKeys, isProblem, startSecureApi, type SecureApi } from './security-api.js';

describe('small-cell suppression', () => {
  it('when counts mix large and small cells, then small ones merge into (other) until it reaches k', () => {
    expect(protectCounts({ A: 10, B: 6, C: 3, D: 1 }, 5)).toEqual({ counts: { A: 10, [OTHER_CATEGORY]: 10 }, merged: 3, suppressed: false });
    expect(protectCounts({ A: 10, B: 3 }, 5)).toEqual({ counts: { [OTHER_CATEGORY]: 13 }, merged: 2, suppressed: false });
    expect(protectCounts({ A: 2, B: 2 }, 5)).toEqual({ counts: {}, merged: 2, suppressed: true });
    expect(protectCounts({ A: 5, B: 7 }, 5).counts).toEqual({ B: 7, A: 5 });
  });

  it('when counts are random, then every shown cell is ≥ k, no category under k is named, and the total is kept unless all is suppressed', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,3}$/), fc.integer({ min: 0, max: 40 }), { maxKeys: 10 }), fc.integer({ min: 2, max: 10 }), (counts, k) => {
        const p = protectCounts(counts, k);
        const total = Object.values(counts).reduce((s, n) => s + n, 0);
        for (const [c, n] of Object.entries(p.counts)) {
          expect(n).toBeGreaterThanOrEqual(k);
          if (c !== OTHER_CATEGORY) expect(counts[c]).toBe(n);
        }
        expect(Object.values(p.counts).reduce((s, n) => s + n, 0)).toBe(p.suppressed ? 0 : total);
        expect(p.suppressed).toBe(total > 0 && total < k);
      }),
      { numRuns: 2000 },
    );
  });
});

/** A hub with 12 contacts whose religions are A×6, B×3, C×2, D×1, all in group g1 with industries. */
function network() {
  const religions = ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'D'];
  const industries = ['Law', 'Law', 'Law', 'Law', 'Law', 'IT', 'IT', 'Retail', 'Retail', 'Retail', 'Retail', 'Retail'];
  const people = [
    { id: 'hub', name: 'Hub Person', attributes: { religion: 'A', club: 'Rotary' }, industry: 'Law' },
    ...religions.map((r, i) => ({ id: `c${i}`, name: `Contact ${i}`, industry: industries[i], attributes: { religion: `${r}-faith`, club: i < 2 ? 'Lions' : 'Rotary' } })),
    { id: 'far', name: 'Far Away', attributes: { religion: 'D-faith' } },
  ];
  return {
    people,
    groups: [{ id: 'g1', name: 'Chapter One' }],
    memberships: people.slice(0, 13).map((p) => ({ person: p.id, group: 'g1' })),
    interactions: [...religions.map((_, i) => ({ id: `m${i}`, a: 'hub', b: `c${i}`, kind: 'one_to_one', at: '2026-10-01' })), { id: 'mf', a: 'c11', b: 'far', kind: 'met', at: '2026-10-01' }],
    referrals: [{ id: 'r1', from: 'c0', to: 'c1', at: '2026-10-02', status: 'won', value: 100 }],
  };
}

/** Every numeric count under a key that is a religion category must be 0 or ≥ k. */
function smallReligionCounts(value: unknown, k: number): string[] {
  const bad: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (v && typeof v === 'object') for (const [key, x] of Object.entries(v)) {
      if (/-faith$/.test(key) && typeof x === 'number' && x > 0 && x < k) bad.push(`${path}/${key}=${x}`);
      walk(x, `${path}/${key}`);
    }
  };
  walk(value, '');
  return bad;
}

describe('sensitive attributes over HTTP (SENSITIVE_ATTRIBUTES=religion,industry, k=5)', () => {
  let api: SecureApi;
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys();
    api = await startSecureApi(dir, { SENSITIVE_ATTRIBUTES: 'religion,industry', PRIVACY_MIN_COUNT: '5' });
    expect((await api.as(undefined, 'POST', '/api/import', network())).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when a person\'s metrics break contacts down by religion, then small cells are merged and the non-sensitive club attribute is untouched', async () => {
    const r = await api.as(undefined, 'GET', '/api/people/hub/metrics');
    expect(r.status).toBe(200);
    const religion = r.body.diversity.religion;
    expect(religion.counts).toEqual({ 'A-faith': 6, [OTHER_CATEGORY]: 6 });
    expect(religion.richness).toBe(2);
    expect(religion.privacy).toMatchObject({ sensitive: true, k: 5, merged: 3 });
    expect(smallReligionCounts(r.body, 5)).toEqual([]);
    expect(r.body.diversity.club.counts).toEqual({ Lions: 2, Rotary: 10 });
    const only = await api.as(undefined, 'GET', '/api/people/hub/metrics?dimension=religion');
    expect(only.body.diversity.religion.counts).toEqual({ 'A-faith': 6, [OTHER_CATEGORY]: 6 });
  });

  it('when a group\'s coverage is on a sensitive dimension, then it shows merged counts and names no member', async () => {
    const r = await api.as(undefined, 'GET', '/api/groups/g1/metrics');
    expect(r.status).toBe(200);
    const industry = r.body.coverage.find((c: { dimension: string }) => c.dimension === 'industry');
    expect(industry.categories).toEqual({ Law: 6, [OTHER_CATEGORY]: 7 });
    expect(industry.overlaps).toEqual([]);
    expect(JSON.stringify(industry)).not.toMatch(/"c\d+"|"hub"/);
    const profession = r.body.coverage.find((c: { dimension: string }) => c.dimension === 'profession');
    expect(profession.privacy).toBeUndefined();
  });

  it('when a diversity gap report is on religion, then no share rests on fewer than k people and no candidate is named', async () => {
    const r = await api.as(undefined, 'GET', '/api/reports/diversity-gap?person=hub&dimension=religion');
    expect(r.status).toBe(200);
    expect(r.body.privacy).toMatchObject({ sensitive: true, k: 5 });
    const shown = r.body.shares.map((s: { category: string }) => s.category);
    expect(shown).toContain('A-faith');
    for (const c of ['B-faith', 'C-faith', 'D-faith']) expect(shown).not.toContain(c);
    for (const g of [...r.body.missing, ...r.body.underRepresented]) {
      expect(g.candidates).toEqual([]);
      expect(g.subjectCount === null || g.subjectCount === 0 || g.subjectCount >= 5).toBe(true);
    }
    expect(smallReligionCounts(r.body, 5)).toEqual([]);
  });

  it('when paths target people by a sensitive value or introductions use a sensitive dimension, then the request is refused', async () => {
    const paths = await api.as(undefined, 'GET', '/api/paths?from=hub&where[religion]=D-faith');
    expect(isProblem(paths, 400)).toBe(true);
    expect(JSON.stringify(paths.body)).toMatch(/sensitive/);
    expect(isProblem(await api.as(undefined, 'GET', '/api/people/hub/introductions?dimension=religion'), 400)).toBe(true);
    expect((await api.as(undefined, 'GET', '/api/paths?from=hub&where[club]=Lions')).status).toBe(200);
  });

  it('when the map data is fetched, then it carries no sensitive attribute value to colour by', async () => {
    const r = await api.as(undefined, 'GET', '/api/map');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toMatch(/-faith/);
  });
});

describe('right to be forgotten', () => {
  let api: SecureApi;
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys();
    api = await startSecureApi(dir);
  });
  afterAll(() => api.close());

  it('when a person is deleted, then every record naming them is gone from the export, and after compaction from the disk too', async () => {
    const doc = {
      people: [
        { id: 'forget-7f3a', name: 'Zelda Forgetmenot', email: 'zelda.forget@example.com', attributes: { health: 'Asthma-XYZ' } },
        { id: 'keep-1', name: 'Keeper One' },
        { id: 'keep-2', name: 'Keeper Two' },
      ],
      groups: [{ id: 'g', name: 'Club' }],
      events: [{ id: 'e', name: 'Breakfast', at: '2026-01-05' }],
      memberships: [{ person: 'forget-7f3a', group: 'g' }, { person: 'keep-1', group: 'g' }],
      attendance: [{ person: 'forget-7f3a', event: 'e' }, { person: 'keep-2', event: 'e' }],
      interactions: [
        { id: 'i1', a: 'forget-7f3a', b: 'keep-1', kind: 'met', at: '2026-01-05', note: 'talked shop' },
        { id: 'i2', a: 'keep-2', b: 'forget-7f3a', kind: 'call', at: '2026-01-06' },
        { id: 'i3', a: 'keep-1', b: 'keep-2', kind: 'call', at: '2026-01-07' },
      ],
      referrals: [
        { id: 'r1', from: 'forget-7f3a', to: 'keep-1', at: '2026-01-08', status: 'won', value: 5000 },
        { id: 'r2', from: 'keep-2', to: 'forget-7f3a', at: '2026-01-09', status: 'passed' },
      ],
    };
    expect((await api.as(undefined, 'POST', '/api/import', doc)).status).toBe(200);
    // Enough other traffic that the person's records sit in the middle of the journal.
    for (let i = 0; i < 20; i++) await api.as(undefined, 'POST', '/api/people', { id: `later-${i}`, name: `Later ${i}` });

    const del = await api.as(undefined, 'DELETE', '/api/people/forget-7f3a');
    expect(del.status).toBeLessThan(300);

    const exported = await api.as(undefined, 'GET', '/api/export');
    const text = JSON.stringify(exported.body);
    for (const trace of ['forget-7f3a', 'Zelda', 'zelda.forget@example.com', 'Asthma-XYZ']) expect(text).not.toContain(trace);
    expect(exported.body.interactions.map((i: { id: string }) => i.id)).toEqual(['i3']);
    expect(exported.body.referrals).toEqual([]);
    expect(exported.body.memberships).toEqual([{ person: 'keep-1', group: 'g' }]);
    expect(exported.body.attendance).toEqual([{ person: 'keep-2', event: 'e' }]);
    expect((await api.as(undefined, 'GET', '/api/people/forget-7f3a')).status).toBe(404);

    expect((await api.as(undefined, 'POST', '/api/admin/compact')).body).toEqual({ compacted: true });
    const files = await readdir(api.dir);
    expect(files.some((f) => f.startsWith('snapshot-'))).toBe(true);
    let keeperSeen = false;
    for (const f of files) {
      const bytes = await readFile(join(api.dir, f)).catch(() => Buffer.alloc(0));
      // Positive control: the files hold records as readable bytes, so absence means erased.
      keeperSeen ||= bytes.includes(Buffer.from('Keeper One'));
      for (const trace of ['forget-7f3a', 'Zelda', 'zelda.forget@example.com', 'Asthma-XYZ']) expect(bytes.includes(Buffer.from(trace)), `${trace} in ${f}`).toBe(false);
    }
    expect(keeperSeen).toBe(true);
    // And the store still serves everyone else.
    expect((await api.as(undefined, 'GET', '/api/people/keep-1')).status).toBe(200);
  });
});
