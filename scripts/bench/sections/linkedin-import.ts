/**
 * Issue #6: importing a 100,000-row LinkedIn Connections.csv (generated here: the notes preamble,
 * BOM, CRLF, quoted companies with commas, non-ASCII names, ~20% with emails, 1% duplicate rows),
 * - end to end as a user runs it: `refnet import Connections.csv --progress` in a child process
 *   on a fresh data directory (process start, read, dedup, atomic write, exit);
 * - in process, phase by phase (reading/parsing, matching/dedup, writing through the service);
 * - re-importing the same file into the filled store (every row matched, nothing written).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { LiveNetwork } from '../../../graph/live-network.js';
import { NetworkService } from '../../../graph/service/network-service.js';
import { importFile, type ImportPhase } from '../../../graph/importers/run-import.js';
import { EmbeddedStore } from '../../../graph/store/embedded/index.js';
import { median, round3, secondsSince } from '../stats.js';
import type { BenchContext, Figure, Section } from '../types.js';

const ROWS = 100_000;
const run = promisify(execFile);

const FIRST = ['Ana', 'Ben', 'Chloé', 'Daniel', 'Émilie', 'Farah', 'Jürgen', 'Kwame', 'Łukasz', 'María José', 'Noor', 'Priya', 'Søren', 'Tom', 'Zoë', '伟', 'Aiko', 'Olu', 'Inés', 'Raj'];
const LAST = ['Souza', 'Carter', 'Dubois', 'Kim', 'Müller', "O'Brien", 'García', 'Ångström', 'Żółć', 'Mensah', 'Haddad', 'Patel', 'Nguyen', 'Rossi', '王', 'Tanaka', 'Okafor', 'Smith'];
const COMPANIES = ['Acme GmbH', '"Lee, Lee & Park"', 'Brightside Accounting Ltd', 'Souza Imóveis', '"Soluciones Norte, S.L."', 'Harbor Insurance', 'Nordljus AB', '深圳科技有限公司', ''];
const TITLES = ['Owner', 'Head of Sales', '"Partner, Tax & Advisory"', 'Realtor', 'Founder', 'CFO', 'Architekt', ''];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'su', 'ti', 'vo', 'ba', 'de', 'fu', 'gi', 'ho', 'ja', 'ko', 'le', 'ma', 'no', 'pe', 'ri', 'sa', 'to', 'un', 'ze'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A deterministic Connections.csv with `rows` data rows, as LinkedIn writes it. */
export function linkedInCsv(rows: number): string {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return (seed >>> 8) % n; // the low bits of this LCG cycle; use the high ones
  };
  const lines = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < rows; i++) {
    // 1% of rows repeat an earlier connection (LinkedIn exports do contain repeats after merges).
    const n = i > 100 && rand(100) === 0 ? rand(i) : i;
    const first = FIRST[n % FIRST.length]!;
    // Surname + a syllable pair: ~100,000 distinct names, so name+company collisions stay as rare as in a real export.
    const k = Math.floor(n / FIRST.length);
    const last = `${LAST[k % LAST.length]}${k >= LAST.length ? `-${SYLLABLES[Math.floor(k / LAST.length) % SYLLABLES.length]}${SYLLABLES[Math.floor(k / LAST.length / SYLLABLES.length) % SYLLABLES.length]}` : ''}`;
    const email = n % 5 === 0 ? `member${n}@example.com` : '';
    const date = `${String(1 + (n % 28)).padStart(2, '0')} ${MONTHS[n % 12]} ${2015 + (n % 10)}`;
    lines.push(`${first},${last},https://www.linkedin.com/in/member-${n},${email},${COMPANIES[n % COMPANIES.length]},${TITLES[n % TITLES.length]},${date}`);
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

async function openService(dir: string) {
  const store = new EmbeddedStore(dir);
  await store.open();
  const network = new LiveNetwork(store);
  await network.load();
  return { store, service: new NetworkService(network) };
}

export const linkedInImportSection: Section = {
  name: 'linkedin-import',
  title: 'LinkedIn Connections.csv import (100,000 rows)',
  method:
    'A generated 100,000-row Connections.csv in LinkedIn\'s format (notes preamble, BOM, CRLF, quoted commas, non-ASCII names, 20% with emails, 1% repeated rows). ' +
    'End to end: `refnet import Connections.csv --progress` as a child process on a fresh data directory (Node start-up, read, dedup, one atomic write). ' +
    'In process: graph/importers/run-import.ts on a fresh embedded store, timed per phase (reading = csv-parse + row mapping; matching = dedup planning; writing = NetworkService.importDocument). ' +
    'Re-import: the same file again into the filled store (every row matched, nothing written). Medians over rounds; rows/s = data rows / seconds.',
  async run(ctx: BenchContext) {
    const dir = await ctx.tempDir('linkedin');
    const csv = join(dir, 'Connections.csv');
    const text = linkedInCsv(ROWS);
    await writeFile(csv, text);
    const cli: number[] = [];
    const phases: Record<ImportPhase, number[]> = { reading: [], matching: [], writing: [] };
    const total: number[] = [];
    const reimport: number[] = [];
    // The bench machine is shared: CPU time of the in-process import is the figure contention does not inflate.
    const cpuSeconds: number[] = [];
    const load = loadavg()[0]!;
    let people = 0;
    let lastBar = '';
    for (let r = 0; r < ctx.rounds; r++) {
      ctx.log(`linkedin-import: round ${r + 1}/${ctx.rounds}: refnet import (child process)`);
      const data = await ctx.tempDir('linkedin-cli');
      const started = performance.now();
      const { stdout, stderr } = await run(process.execPath, [join(ctx.root, 'scripts/refnet.mjs'), 'import', csv, '--progress', '--json'], {
        cwd: ctx.root,
        env: { ...process.env, REFNET_DATA: data, REFNET_URL: '', LOG_LEVEL: 'silent' },
        maxBuffer: 512 * 1024 * 1024,
      });
      cli.push(secondsSince(started));
      lastBar = stderr.trim().split(/\r|\n/).filter(Boolean).at(-1) ?? '';
      const report = JSON.parse(stdout) as { people: { created: number } };
      people = report.people.created;

      ctx.log(`linkedin-import: round ${r + 1}/${ctx.rounds}: in process, per phase`);
      const { store, service } = await openService(await ctx.tempDir('linkedin-direct'));
      const marks: Partial<Record<ImportPhase, number>> = {};
      let last = performance.now();
      let phase: ImportPhase = 'reading';
      const t0 = last;
      const cpu0 = process.cpuUsage();
      await importFile(service, 'linkedin', text, {
        onProgress: (p) => {
          if (p !== phase) {
            const now = performance.now();
            marks[phase] = (marks[phase] ?? 0) + (now - last) / 1000;
            last = now;
            phase = p;
          }
        },
      });
      const end = performance.now();
      const cpuUsed = process.cpuUsage(cpu0);
      cpuSeconds.push((cpuUsed.user + cpuUsed.system) / 1e6);
      marks[phase] = (marks[phase] ?? 0) + (end - last) / 1000;
      total.push((end - t0) / 1000);
      for (const p of ['reading', 'matching', 'writing'] as const) phases[p].push(marks[p] ?? 0);
      const again = performance.now();
      const second = await importFile(service, 'linkedin', text);
      reimport.push(secondsSince(again));
      if (second.people.created !== 0 || second.people.updated !== 0) throw new Error('bench/linkedin-import: re-import changed people');
      await store.close();
    }
    const rate = (s: number[]): number => round3(ROWS / median(s));
    const figures: Figure[] = [
      { key: 'linkedin_cli_rows_per_s', label: 'refnet import, end to end', value: rate(cli), unit: 'rows/s', rounds: cli.map((x) => Math.round(ROWS / x)), note: `${round3(median(cli))} s incl. process start` },
      { key: 'linkedin_inprocess_rows_per_s', label: 'in process, total', value: rate(total), unit: 'rows/s', rounds: total.map((x) => Math.round(ROWS / x)) },
      { key: 'linkedin_inprocess_rows_per_cpu_s', label: 'in process, per CPU second', value: rate(cpuSeconds), unit: 'rows/CPU-s', rounds: cpuSeconds.map((x) => Math.round(ROWS / x)), note: `${round3(median(cpuSeconds))} CPU-s (user+system) of the importing process` },
      { key: 'linkedin_reading_s', label: 'reading (csv-parse + mapping)', value: round3(median(phases.reading)), unit: 's' },
      { key: 'linkedin_matching_s', label: 'matching (dedup plan)', value: round3(median(phases.matching)), unit: 's' },
      { key: 'linkedin_writing_s', label: 'writing (atomic import)', value: round3(median(phases.writing)), unit: 's' },
      { key: 'linkedin_reimport_rows_per_s', label: 're-import, nothing changes', value: rate(reimport), unit: 'rows/s', rounds: reimport.map((x) => Math.round(ROWS / x)) },
    ];
    return {
      figures,
      notes: [
        `Machine load average at the start: ${load.toFixed(1)} (wall-clock figures grow with it; the per-CPU-second figure does not).`,
        `${ROWS.toLocaleString('en')} rows, ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB; ${people.toLocaleString('en')} people created (repeated rows merged).`,
        `Last progress line on stderr: ${stripVTControlCharacters(lastBar).trim() || '(none)'}`,
      ],
    };
  },
};
