/**
 * Fetches the Neo4j community server from Maven Central with Maven itself (cached in ~/.m2) and
 * answers its runtime class path. The answer is cached per version under node_modules/.cache so a
 * start does not pay Maven's own start-up; a cached path whose jars vanished is resolved again.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The pom that names the server artifacts (org.neo4j:neo4j, org.neo4j:neo4j-command-line). */
export const POM_PATH = join(here, 'pom.xml');
const CACHE_DIR = resolve(here, '../../node_modules/.cache/refnet-neo4j');

/** The Neo4j 5.26 LTS patch release fetched unless REFNET_NEO4J_VERSION says otherwise. */
export const DEFAULT_NEO4J_VERSION = '5.26.30';

/** Thrown when Maven is missing or cannot resolve the server; the message says what to do. */
export class Neo4jFetchError extends Error {
  override readonly name = 'Neo4jFetchError';
}

export interface FetchOptions {
  version?: string;
  /** Progress lines while Maven downloads (the first fetch takes a while). */
  onProgress?: (line: string) => void;
}

/** Resolves (downloading if needed) the server's class path: jar paths joined with ':'. */
export async function resolveServerClasspath(options: FetchOptions = {}): Promise<string> {
  const version = options.version ?? DEFAULT_NEO4J_VERSION;
  if (!/^[0-9][0-9A-Za-z.-]*$/.test(version)) throw new Neo4jFetchError(`invalid Neo4j version "${version}"`);
  const cacheFile = join(CACHE_DIR, `classpath-${version}.txt`);
  const cached = readCached(cacheFile);
  if (cached) return cached;
  mkdirSync(CACHE_DIR, { recursive: true });
  const outFile = `${cacheFile}.${process.pid}.tmp`;
  await runMaven(
    [
      '-B',
      '-f',
      POM_PATH,
      `-Dneo4j.version=${version}`,
      'dependency:build-classpath',
      '-Dmdep.includeScope=runtime',
      `-Dmdep.outputFile=${outFile}`,
    ],
    options.onProgress ?? (() => {}),
  );
  renameSync(outFile, cacheFile);
  return readFileSync(cacheFile, 'utf8').trim();
}

function readCached(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const classpath = readFileSync(file, 'utf8').trim();
  const jars = classpath.split(':');
  return jars.length > 10 && jars.every((jar) => existsSync(jar)) ? classpath : undefined;
}

/** Runs mvn, turning its download log into a few progress lines instead of hundreds. */
function runMaven(args: string[], onProgress: (line: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let downloaded = 0;
    let kb = 0;
    let lastReport = Date.now();
    let announced = false;
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const done = /Downloaded from [^:]+: (\S+) \(([\d.]+) (kB|MB|B)/.exec(line);
      if (!done) return;
      if (!announced) {
        onProgress('neo4j: fetching the server from Maven Central into ~/.m2 (first time only)…');
        announced = true;
      }
      downloaded++;
      const size = Number(done[2]);
      kb += done[3] === 'MB' ? size * 1024 : done[3] === 'B' ? size / 1024 : size;
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        const name = done[1]!.split('/').pop();
        onProgress(`neo4j: ${downloaded} files, ${(kb / 1024).toFixed(1)} MB so far (${name})`);
      }
    };
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) =>
      reject(new Neo4jFetchError(`cannot run mvn (${err.message}); install Maven 3 and Java 17`)),
    );
    child.on('close', (code) => {
      if (code === 0) {
        if (downloaded > 0) onProgress(`neo4j: fetched ${downloaded} files, ${(kb / 1024).toFixed(1)} MB`);
        resolvePromise();
      } else {
        reject(new Neo4jFetchError(`mvn exited with ${code} resolving the Neo4j server:\n${tail.join('\n')}`));
      }
    });
  });
}
