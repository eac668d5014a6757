/**
 * Builds the BenchContext: the cached generated document, temp dirs and child servers that are
 * cleaned up at the end of the run, and the peer tools when present.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { NetworkDocument } from '../../graph/schema.js';
import { findPeersDir, runPeer } from './peers.js';
import { killAllServers, startServer } from './server-process.js';
import { secondsSince } from './stats.js';
import type { BenchContext, BenchSize } from './types.js';

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
export function createContext(root: string, size: BenchSize, rounds: number, scaleFactor = 10): RunContext {
  const benchDir = join(root, '.bench');
  const temps: string[] = [];
  const peersDir = findPeersDir(root);
  const docPaths = new Map<string, Promise<string>>();
  let doc: Promise<NetworkDocument> | undefined;
  let parseSeconds: number | undefined;
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

  /** Generates a size's document once (streamed to disk by scripts/generate.ts, progress on stderr) and caches it by seed, size and generator. */
  const documentPath = (of: BenchSize = size) => {
    const file = join(benchDir, `network-${of.people}p-${of.records}r-s${of.seed}-${generatorFingerprint(root)}.json`);
    let path = docPaths.get(file);
    if (!path) {
      path = (async () => {
        await mkdir(benchDir, { recursive: true });
        if (existsSync(file)) return file;
        log(`generating ${of.people.toLocaleString('en')} people / ${of.records.toLocaleString('en')} records (seed ${of.seed}) → ${file}`);
        const started = performance.now();
        const partial = `${file}.partial`;
        const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate.ts'), '--people', String(of.people), '--records', String(of.records), '--seed', String(of.seed), '--out', partial], {
          cwd: root,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        const tail: string[] = [];
        createInterface({ input: child.stderr }).on('line', (line) => {
          // The generator reports every 100,000 records; a line per million is progress enough.
          const written = /^generate: ([\d,]+) records written/.exec(line);
          if (written && Number(written[1]!.replace(/,/g, '')) % 1_000_000 === 0) log(line);
          tail.push(line);
          if (tail.length > 10) tail.shift();
        });
        // 'close', not 'exit': the last stderr lines are read by then.
        const [code] = (await once(child, 'close')) as [number | null];
        if (code !== 0) throw new Error(`bench: the generator exited with ${code}: ${tail.join(' / ')}`);
        await rename(partial, file);
        log(`generated in ${secondsSince(started).toFixed(1)} s`);
        return file;
      })();
      docPaths.set(file, path);
    }
    return path;
  };

  return {
    root,
    benchDir,
    size,
    rounds,
    scaleFactor,
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
