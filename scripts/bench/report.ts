/**
 * What a run produces: the JSON results file in .bench/, the table on stdout, and the section
 * blocks of docs/BENCHMARKS.md. Each section owns one block between markers, so running one
 * section (--only) rewrites only its block and keeps the others' figures.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatNumber, formatTarget, markdownTable, textTable, verdict } from './format.js';
import type { MachineInfo } from './machine.js';
import type { BenchSize, SectionResult } from './types.js';

export interface SectionRun extends SectionResult {
  name: string;
  title: string;
  method: string;
  seconds: number;
  /** Set when the section threw: the run goes on with the next section. */
  error?: string;
}

export interface RunResults {
  date: string;
  /** git revision at the start (servers spawned later load the code as it is then). */
  commit: string;
  machine: MachineInfo;
  size: BenchSize;
  rounds: number;
  sections: SectionRun[];
}

/** Writes .bench/results-<date>.json and returns its path. */
export async function saveResults(benchDir: string, results: RunResults): Promise<string> {
  const file = join(benchDir, `results-${results.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/** The table printed at the end of a run. */
export function renderText(results: RunResults): string {
  const out: string[] = [];
  for (const s of results.sections) {
    out.push(`\n== ${s.title} (${s.name}, ${s.seconds.toFixed(0)} s)`);
    if (s.error) out.push(`   FAILED: ${s.error}`);
    if (s.figures.length) {
      out.push(
        textTable([
          ['measurement', 'median', 'unit', 'target', '', 'rounds'],
          ...s.figures.map((f) => [f.label, formatNumber(f.value), f.unit, formatTarget(f), verdict(f), f.rounds && f.rounds.length > 1 ? f.rounds.map(formatNumber).join(' / ') : '']),
        ]),
      );
    }
    for (const n of s.notes) out.push(`   note: ${n}`);
  }
  return out.join('\n');
}

function machineLine(r: RunResults): string {
  const m = r.machine;
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os} (load average ${m.load1} at start)`;
}

function sectionBlock(r: RunResults, s: SectionRun): string {
  const lines = [
    `### ${s.title}`,
    '',
    `Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC at ${r.commit} on ${machineLine(r)}; ` +
      `${formatNumber(r.size.people)} people / ${formatNumber(r.size.records)} activity records (seed ${r.size.seed}); ` +
      `medians over ${r.rounds} round${r.rounds === 1 ? '' : 's'}; section took ${s.seconds.toFixed(0)} s. ` +
      `Run it alone: \`npm run bench -- --only ${s.name}\`.`,
    '',
    `Method: ${s.method}`,
    '',
  ];
  if (s.error) lines.push(`**The section failed:** ${s.error}`, '');
  if (s.figures.length) lines.push(markdownTable(s.figures), '');
  for (const n of s.notes) lines.push(`- ${n}`);
  if (s.notes.length) lines.push('');
  return lines.join('\n');
}

const START = (name: string) => `<!-- bench:section:${name}:start -->`;
const END = (name: string) => `<!-- bench:section:${name}:end -->`;
const SECTIONS_END = '<!-- bench:sections:end -->';
const RUN_START = '<!-- bench:run:start -->';
const RUN_END = '<!-- bench:run:end -->';

/** Replaces (or appends) the blocks of the sections that ran, and the last-run block. */
export async function updateDocs(root: string, results: RunResults): Promise<string> {
  const file = join(root, 'docs/BENCHMARKS.md');
  let text = existsSync(file) ? await readFile(file, 'utf8') : `# Benchmarks\n\n${RUN_START}\n${RUN_END}\n\n${SECTIONS_END}\n`;
  const replace = (start: string, end: string, body: string) => {
    const i = text.indexOf(start);
    const j = text.indexOf(end);
    if (i >= 0 && j > i) text = text.slice(0, i) + `${start}\n${body}\n${end}` + text.slice(j + end.length);
    else text = text.replace(SECTIONS_END, `${start}\n${body}\n${end}\n\n${SECTIONS_END}`);
  };
  replace(RUN_START, RUN_END, `Last run: ${results.date.slice(0, 16).replace('T', ' ')} UTC, sections ${results.sections.map((s) => s.name).join(', ')}, on ${machineLine(results)}.`);
  for (const s of results.sections) replace(START(s.name), END(s.name), sectionBlock(results, s));
  await writeFile(file, text);
  return file;
}
