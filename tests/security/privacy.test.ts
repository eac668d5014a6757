/**
 * Privacy: the k rule on sensitive attributes (unit + property tests of small-cell suppression;
 * the attacks on every endpoint over HTTP are in privacy-attacks.test.ts), and the
 * right to be forgotten — deleting a person removes every record naming them, the export proves
 * it, and after an admin compaction not a byte of them is left in the data directory.
 */
import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectedGapReport, type ProtectedGapReport } from '../../graph/privacy/protect-reports.js';
import { OTHER_CATEGORY, protectCounts, protectTable, shownCounts, shownTotal } from '../../graph/privacy/small-cells.js';
import { dataDirWithKeys, startSecureApi, type SecureApi } from './security-api.js';

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

describe('protected tables (the "no value" cell included)', () => {
  it('when the people without a value are fewer than k, then they merge with the small categories and the total still adds up', () => {
    // degree 13: Law 6, Retail 5, Mining 1, no value 1 → Mining + no value (2) take Retail along.
    const t = protectTable(new Map([['Law', 6], ['Retail', 5], ['Mining', 1]]), 5, 1);
    expect([...t.cells]).toEqual([['Law', 6]]);
    expect(t).toMatchObject({ other: 7, none: null, merged: 2, suppressed: false });
    expect(protectTable({ A: 7, B: 3, C: 2, D: 1 }, 5, 0)).toMatchObject({ other: 6, none: 0, merged: 3 });
    expect(protectTable({ A: 7 }, 5, 6)).toMatchObject({ other: 0, none: 6 });
  });

  it('when a real category is spelled "(other)", then it is merged, so the name means one thing', () => {
    expect(shownCounts(protectTable({ [OTHER_CATEGORY]: 9, A: 6 }, 5))).toEqual({ A: 6, [OTHER_CATEGORY]: 9 });
    // Below k it is a small cell like any other, and takes the next smallest along.
    expect(protectTable({ [OTHER_CATEGORY]: 2, A: 6, B: 7 }, 5)).toMatchObject({ other: 8, merged: 2 });
  });

  it('when tables are random, then every number shown is 0 or ≥ k, they add up to the total, and (other) always hides two cells or more', () => {
    fc.assert(
      fc.property(
        // Category names are user data: built-in property names and the merged cell's own spelling included.
        fc.uniqueArray(fc.tuple(fc.oneof(fc.stringMatching(/^[a-z]{1,3}$/), fc.constantFrom('__proto__', 'constructor', 'toString', OTHER_CATEGORY)), fc.integer({ min: 0, max: 30 })), {
          maxLength: 8,
          selector: ([c]) => c,
        }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 2, max: 8 }),
        (entries, none, k) => {
          const counts = new Map(entries);
          const t = protectTable(counts, k, none);
          const total = entries.reduce((s, [, n]) => s + n, 0) + none;
          expect(t.suppressed).toBe(total > 0 && total < k);
          if (t.suppressed) return;
          for (const [c, n] of t.cells) expect([c, n]).toEqual([c, counts.get(c)]);
          expect(t.cells.has(OTHER_CATEGORY)).toBe(false);
          for (const n of [...t.cells.values(), t.other, t.none ?? 0]) expect(n === 0 || n >= k).toBe(true);
          expect(shownTotal(t) + (t.none ?? 0)).toBe(total);
          expect(Object.values(shownCounts(t)).reduce((s, n) => s + n, 0)).toBe(shownTotal(t));
          // (other) hides two cells or more — unless it is one real category spelled "(other)" with ≥ k people.
          const hidden = t.merged + (t.none === null && none > 0 ? 1 : 0);
          if (t.other > 0 && !((counts.get(OTHER_CATEGORY) ?? 0) >= k && t.merged === 1)) expect(hidden).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('when one category of a gap report holds 0 people or fewer than k, then its row and gap are identical (nobody vs one person cannot be told apart at any date)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 20 })),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (others, small, none, byTarget) => {
          const k = 5;
          const report = (x: number) =>
            protectedGapReport({
              subject: { group: 'g' },
              dimension: 'religion',
              subjectPeople: 0,
              mine: { counts: new Map([...Object.entries(others), ['x', x]]), missing: none },
              network: { counts: new Map([...Object.entries(others).map(([c, n]): [string, number] => [c, n + 10]), ['x', 10]]), missing: 0 },
              target: byTarget ? ['x', 'a', 'zzz'] : undefined,
              underRepresentedRatio: 0.5,
              k,
            });
          // A gap's rank is its place among the gaps shown, which the report lists anyway (a category
          // held back by secondary suppression shows as a gap of its own): compared without it.
          const row = (r: ProtectedGapReport, c: string) => {
            const gap = [...r.missing, ...r.underRepresented].find((g) => g.category === c);
            return [r.shares.find((s) => s.category === c), gap && { ...gap, rank: undefined }];
          };
          const [zero, some] = [report(0), report(small)];
          expect(row(some, 'x')).toEqual(row(zero, 'x'));
          expect(row(some, 'x')[0]).toMatchObject({ subjectShare: null });
          if (byTarget) expect(row(some, 'x')).toEqual(row(some, 'zzz').map((v) => v && { ...v, category: 'x' }));
        },
      ),
      { numRuns: 500 },
    );
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
