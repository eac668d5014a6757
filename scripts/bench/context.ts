/**
 * Builds the BenchContext: the cached generated document, temp dirs and child servers that are
 * cleaned up at the end of the run, and the peer tools when present.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NetworkDocument } from '../../graph/schema.js';
import { findPeersDir, runPeer } from './peers.js';
import { killAllServers, startServer } from './server-process.js';
import { secondsSince } from './stats.js';
import type { BenchContext, BenchSize } from './types.js';

const run = promisify(execFile);

/** A short hash of the generator's sources: a changed generator never reuses a stale cache. */
function generatorFingerprint(root: string): string {
  const hash = createHash('sha256');
  const dir = join(root, 'scripts/generator');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 8);
}

export interface RunContext extends BenchContext {
  /** Removes temp dirs and kills leftover servers. */
  cleanup(): Promise<void>;
}

/** Creates the context for one `npm run bench`. */
export function createContext(root: string, size: BenchSize, rounds: number): RunContext {
  const benchDir = join(root, '.bench');
  const temps: string[] = [];
  const peersDir = findPeersDir(root);
  let docPath: Promise<string> | undefined;
  let doc: Promise<NetworkDocument> | undefined;
  let parseSeconds: number | undefined;
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

  const documentPath = () =>
    (docPath ??= (async () => {
      await mkdir(benchDir, { recursive: true });
      const file = join(benchDir, `network-${size.people}p-${size.records}r-s${size.seed}-${generatorFingerprint(root)}.json`);
      if (existsSync(file)) return file;
      log(`generating ${size.people.toLocaleString('en')} people / ${size.records.toLocaleString('en')} records (seed ${size.seed}) → ${file}`);
      const started = performance.now();
      const partial = `${file}.partial`;
      await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate.ts'), '--people', String(size.people), '--records', String(size.records), '--seed', String(size.seed), '--out', partial, '--quiet'], { cwd: root });
      await rename(partial, file);
      log(`generated in ${secondsSince(started).toFixed(1)} s`);
      return file;
    })());

  return {
    root,
    benchDir,
    size,
    rounds,
    peersDir,
    log,
    documentPath,
    document: () =>
      (doc ??= (async () => {
        const text = await readFile(await documentPath(), 'utf8');
        const started = performance.now();
        const parsed = JSON.parse(text) as NetworkDocument;
        parseSeconds = secondsSince(started);
        return parsed;
      })()),
    parseSeconds: () => parseSeconds,
    async tempDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), `refnet-bench-${prefix}-`));
      temps.push(dir);
      return dir;
    },
    startServer: (options) => startServer(root, options),
    runPeer: (tool, path, args) => runPeer(peersDir, tool, path, args),
    async cleanup() {
      killAllServers();
      await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
