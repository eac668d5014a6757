import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkDocument, countRecords, DOCUMENT_ORDER } from '../../scripts/bench/chunk-document.js';
import { verdict } from '../../scripts/bench/format.js';
import { updateDocs, type RunResults } from '../../scripts/bench/report.js';
import { median, percentile } from '../../scripts/bench/stats.js';
import { generateDocument } from '../../scripts/generator/generate-network.js';

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
