import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkDocument, chunkRecordStream, countRecords, DOCUMENT_ORDER, putsOf } from '../../scripts/bench/chunk-document.js';
import { seededSelection } from '../../scripts/bench/query-mix.js';
import { scaleFigures } from '../../scripts/bench/sections/scale.js';
import { verdict } from '../../scripts/bench/format.js';
import { updateDocs, type RunResults } from '../../scripts/bench/report.js';
import { median, percentile } from '../../scripts/bench/stats.js';
import { generateDocument, generateNetwork } from '../../scripts/generator/generate-network.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function results(section: string, value: number): RunResults {
  return {
    date: '2026-11-22T12:00:00.000Z',
    commit: 'abc1234',
    machine: { cpu: 'Test CPU', cores: 2, ramGiB: 4, node: 'v20', os: 'Linux', load1: 1 },
    size: { people: 10, records: 100, seed: 1 },
    rounds: 3,
    sections: [{ name: section, title: `Section ${section}`, method: 'm', seconds: 1, figures: [{ key: 'k', label: 'rate', value, unit: 'records/s', rounds: [value, value] }], notes: [] }],
  };
}

describe('bench harness', () => {
  it('when a document is chunked, then chunks keep dependency order, cover every record once and respect the size', () => {
    const doc = generateDocument({ people: 120, records: 900, seed: 2 });
    const chunks = chunkDocument(doc, 97);
    expect(chunks.every((c) => countRecords(c) <= 97)).toBe(true);
    expect(chunks.reduce((s, c) => s + countRecords(c), 0)).toBe(countRecords(doc));
    const flat = chunks.flatMap((c) => DOCUMENT_ORDER.flatMap((k) => (c[k] ?? []).map((r) => [k, r] as const)));
    expect(flat.map(([k]) => DOCUMENT_ORDER.indexOf(k))).toEqual([...flat.map(([k]) => DOCUMENT_ORDER.indexOf(k))].sort((a, b) => a - b));
    expect(flat.filter(([k]) => k === 'referrals').map(([, r]) => r)).toEqual(doc.referrals);
  });

  it('when a stream of records is chunked, then chunks respect the size and hold every record once, in stream order', async () => {
    const options = { people: 90, records: 700, seed: 5 };
    for (const size of [1, 64, 5000]) {
      const chunks: ReturnType<typeof chunkDocument> = [];
      for await (const c of chunkRecordStream((async function* () { yield* generateNetwork(options); })(), size)) chunks.push(c);
      expect(chunks.every((c) => countRecords(c) >= 1 && countRecords(c) <= size)).toBe(true);
      expect(chunks.slice(0, -1).every((c) => countRecords(c) === size)).toBe(true);
      const all = [...generateNetwork(options)];
      const streamed = chunks.flatMap((c) => Object.entries(c).flatMap(([collection, rs]) => (rs as unknown[]).map((record) => ({ collection, record }))));
      expect(streamed).toEqual(all);
    }
  });

  it('when a chunk becomes puts, then every record is one put of its kind, in dependency order', () => {
    const doc = generateDocument({ people: 30, records: 200, seed: 4 });
    const puts = putsOf({ referrals: doc.referrals.slice(0, 3), people: doc.people.slice(0, 2) });
    expect(puts.map((p) => p.kind)).toEqual(['person', 'person', 'referral', 'referral', 'referral']);
    expect(puts.every((p) => p.op === 'put')).toBe(true);
  });

  it('when a selection is seeded, then the same ids give the same pairs and sources, all drawn from the ids', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `p${i}`);
    const a = seededSelection(ids);
    expect(seededSelection(ids)).toEqual(a);
    expect(a.sources).toHaveLength(100);
    expect(a.pairs).toHaveLength(100);
    expect([...a.sources, ...a.pairs.flat()].every((id) => ids.includes(id))).toBe(true);
    expect(new Set(a.sources).size).toBeGreaterThan(50);
  });

  it('when the scale run has both sizes, then each figure sits beside the base value with its growth factor, and a missing one says so', () => {
    const base = { name: 'base', size: { people: 100, records: 1000, seed: 1 }, values: { embedded_import_s: 2, embedded_import_rps: 500, cold_pass_s: 4 }, failures: [], notes: [] };
    const big = { name: '10x', size: { people: 1000, records: 10_000, seed: 1 }, values: { embedded_import_s: 30, embedded_import_rps: 333 }, failures: ['failed at the network metrics'], notes: [] };
    const figures = scaleFigures(base, big, 10);
    const byKey = new Map(figures.map((f) => [f.key, f]));
    expect(byKey.get('embedded_import_s_scaled')).toMatchObject({ value: 30, note: '100 people: 2 s' });
    expect(byKey.get('embedded_import_s_growth')).toMatchObject({ value: 15, unit: '×', target: { op: '<=', value: 12 } });
    expect(verdict(byKey.get('embedded_import_s_growth')!)).toBe('MISSED');
    // A rate grows the other way: its factor is shown without the goal.
    expect(byKey.get('embedded_import_rps_growth')?.target).toBeUndefined();
    expect(byKey.get('cold_pass_s_scaled')).toMatchObject({ value: null });
    expect(byKey.get('cold_pass_s_scaled')?.note).toMatch(/100 people: 4 s; not measured at this size/);
    expect(byKey.has('cold_pass_s_growth')).toBe(false);
    expect(scaleFigures(base, big, 3).find((f) => f.key === 'embedded_import_s_growth')?.target?.value).toBe(3.6);
  });

  it('when percentiles are taken, then they interpolate as numpy does', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 95)).toBeCloseTo(4.8);
    expect(median([])).toBeNaN();
  });

  it('when a figure has a target, then the verdict says met or MISSED', () => {
    expect(verdict({ key: 'a', label: 'a', value: 60_000, unit: '', target: { op: '>=', value: 50_000 } })).toBe('met');
    expect(verdict({ key: 'a', label: 'a', value: 12, unit: '', target: { op: '<=', value: 10 } })).toBe('MISSED');
    expect(verdict({ key: 'a', label: 'a', value: null, unit: '', target: { op: '<=', value: 10 } })).toBe('');
  });

  it('when one section is run, then docs/BENCHMARKS.md changes only that section block and keeps the rest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'refnet-benchdocs-'));
    dirs.push(root);
    mkdirSync(join(root, 'docs'));
    const file = join(root, 'docs/BENCHMARKS.md');
    writeFileSync(file, '# Benchmarks\n\nhand-written intro\n\n<!-- bench:run:start -->\n<!-- bench:run:end -->\n\n<!-- bench:sections:end -->\n');
    await updateDocs(root, results('alpha', 111));
    await updateDocs(root, results('beta', 222));
    await updateDocs(root, results('alpha', 333));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('hand-written intro');
    expect(text).toContain('| rate | 333 |');
    expect(text).toContain('| rate | 222 |');
    expect(text).not.toContain('| rate | 111 |');
    expect(text.indexOf('bench:section:alpha:start')).toBeLessThan(text.indexOf('bench:section:beta:start'));
    expect(text.trimEnd().endsWith('<!-- bench:sections:end -->')).toBe(true);
  });
});
