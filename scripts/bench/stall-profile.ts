/**
 * Where an upload holds the event loop: starts the server under `node --cpu-prof`, posts one
 * input of the parsers section (scripts/bench/sections/parsers.ts) while polling /healthz, stops
 * the server, and says what the main thread ran during each slow poll (scripts/bench/stall-windows.ts). The .cpuprofile files stay in .bench/stalls/ for DevTools.
 *
 *   npx tsx scripts/bench/stall-profile.ts --input csv --lines 1000000 [--min 50] [--sources]
 *
 * Inputs: vcard_folded, vcard_qp, csv, json, json_refused. The slow polls are kept beside the
 * profiles (slow-polls.json). --sources runs scripts/serve.ts
 * through tsx (no build; the code as edited).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { isMainThread, renderStalls, stallReports, type CpuProfile, type PollWindow } from './stall-windows.js';
import { INPUTS, withUnknownReference } from './sections/parsers.js';
import { killAllServers, startServer } from './server-process.js';

const opts = new Command()
  .option('--input <key>', 'vcard_folded, vcard_qp, csv, json or json_refused', 'csv')
  .option('--lines <n>', 'lines of input', Number, 1_000_000)
  .option('--min <ms>', 'slowest polls listed: those over this wait', Number, 50)
  .option('--top <n>', 'functions named per stretch', Number, 6)
  .option('--sources', 'run the server from the TypeScript sources through tsx', false)
  .option('--root <dir>', 'serve the code of another checkout (with --sources; e.g. a `git archive` of the commit before), for a before/after in the same minutes')
  .parse()
  .opts<{ input: string; lines: number; min: number; top: number; sources: boolean; root?: string }>();

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Polls /healthz back to back (5 ms apart) until `done` settles; the polls that waited over `minMs`. */
async function slowPolls(url: string, done: Promise<unknown>, minMs: number): Promise<PollWindow[]> {
  let finished = false;
  const finish = () => (finished = true);
  done.then(finish, finish);
  const slow: PollWindow[] = [];
  while (!finished) {
    const fromUs = nowUs();
    await fetch(`${url}/healthz`).then((r) => r.arrayBuffer()).catch(() => undefined);
    const toUs = nowUs();
    if (toUs - fromUs >= minMs * 1000) slow.push({ fromUs, toUs });
    await new Promise((r) => setTimeout(r, 5));
  }
  return slow;
}

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const refused = opts.input === 'json_refused';
  const input = INPUTS.find((i) => i.key === (refused ? 'json' : opts.input));
  if (!input) throw new Error(`unknown input ${opts.input}`);
  const text = refused ? withUnknownReference(input.make(opts.lines)) : input.make(opts.lines);
  const body = Buffer.from(text);
  const dir = join(root, '.bench', 'stalls', `${opts.input}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(dir, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'refnet-stalls-'));
  try {
    const server = await startServer(opts.root ? resolve(opts.root) : root, { dataDir, env: { BODY_LIMIT: '256mb' }, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], fromSources: opts.sources });
    process.stderr.write(`stall-profile: posting ${opts.input}, ${(body.length / 2 ** 20).toFixed(1)} MiB\n`);
    const t0 = performance.now();
    const request = fetch(`${server.url}/api/import${input.upload.query ? `?${input.upload.query}` : ''}`, { method: 'POST', headers: { 'content-type': input.upload.type }, body }).then(async (res) => ({
      status: res.status,
      length: (await res.arrayBuffer()).byteLength,
    }));
    const [slow, res] = await Promise.all([slowPolls(server.url, request, opts.min), request]);
    const longest = Math.max(0, ...slow.map((w) => (w.toUs - w.fromUs) / 1000));
    process.stderr.write(`stall-profile: ${res.status} (${res.length} bytes) in ${((performance.now() - t0) / 1000).toFixed(2)} s, longest /healthz wait ${longest.toFixed(0)} ms, ${slow.length} polls over ${opts.min} ms\n`);
    await server.stop();
    writeFileSync(join(dir, 'slow-polls.json'), JSON.stringify(slow));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
      if (!isMainThread(profile)) continue;
      process.stdout.write(`${renderStalls(`main thread (${join(dir, file)})`, stallReports(profile, slow, root, opts.top))}\n`);
    }
  } finally {
    killAllServers();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`stall-profile: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
