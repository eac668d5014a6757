/**
 * Starts and stops a real Neo4j 5.26 community server: the jars come from Maven Central (see
 * maven.ts) and the JVM runs the server's own entry point, org.neo4j.server.CommunityEntryPoint,
 * as bin/neo4j in the tarball does. Data stays on disk under `dataDir`, so a restart keeps it.
 *
 * Used by `npm run neo4j` (detached, with a pid file) and by the tests (attached, random port,
 * temp directory; stop() or the test process exiting ends the JVM).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import neo4j from 'neo4j-driver';
import { DEFAULT_NEO4J_PASSWORD, DEFAULT_NEO4J_PORT, DEFAULT_NEO4J_USER } from '../../graph/store/neo4j/connection.js';
import { DEFAULT_NEO4J_VERSION, resolveServerClasspath } from './maven.js';
import { serverLayout, writeServerConfig, type ServerLayout } from './server-config.js';
import { isProcessAlive } from '../../graph/support/process-alive.js';

export interface Neo4jServerOptions {
  /** Bolt port; 0 picks a free one. Default 7687. */
  port?: number;
  host?: string;
  /** Where conf/, data/, logs/ and run/ live. Default .refnet/neo4j. */
  dataDir?: string;
  /** Initial password of user neo4j (applies when the data directory is new); null disables auth. */
  password?: string | null;
  /** JVM heap (-Xmx), default 1g: the machine is shared. */
  heap?: string;
  pageCache?: string;
  /**
   * Cap on the memory all transactions may hold (dbms.memory.transaction.total.max); default: Neo4j's
   * own, 70 % of the heap. Transaction state lives off-heap here, so a bulk import can be given more
   * than the heap (the 1,000,000-record benchmark import needs about 4 GB).
   */
  transactionMemory?: string;
  version?: string;
  /** true: the server outlives this process (the CLI); false: it dies with it (tests). */
  detached?: boolean;
  startTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface Neo4jServer {
  uri: string;
  user: string;
  password: string;
  port: number;
  dataDir: string;
  pid: number;
  /** SIGTERM (or SIGKILL with kill:true, a crash) and wait until the JVM is gone. Idempotent. */
  stop(options?: { kill?: boolean }): Promise<void>;
}

/** What the pid file records about a running server. */
export interface ServerRecord {
  pid: number;
  port: number;
  host: string;
  uri: string;
  version: string;
  startedAt: string;
}

export const DEFAULT_DATA_DIR = '.refnet/neo4j';
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
];

/** Starts a server (fetching it first if needed) and resolves once Bolt answers. */
export async function startNeo4j(options: Neo4jServerOptions = {}): Promise<Neo4jServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port === 0 ? await freePort(host) : (options.port ?? DEFAULT_NEO4J_PORT);
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const version = options.version ?? DEFAULT_NEO4J_VERSION;
  const password = options.password === undefined ? DEFAULT_NEO4J_PASSWORD : options.password;
  const progress = options.onProgress ?? (() => {});
  const layout = serverLayout(dataDir);

  const running = readServerRecord(dataDir);
  if (running && isProcessAlive(running.pid)) {
    throw new Error(`a Neo4j server (pid ${running.pid}) already runs from ${dataDir} on port ${running.port}`);
  }

  const classpath = await resolveServerClasspath({ version, onProgress: progress });
  writeServerConfig(layout, {
    host,
    port,
    auth: password !== null,
    pageCache: options.pageCache ?? '256m',
    transactionMemory: options.transactionMemory,
  });
  if (password !== null) setInitialPassword(classpath, layout, password);

  progress(`neo4j: starting Neo4j ${version} on bolt://${host}:${port} (data in ${dataDir})`);
  const consoleLog = openSync(join(layout.logs, 'console.log'), 'a');
  const javaArgs = [
    `-Xmx${options.heap ?? '1g'}`,
    ...JVM_FLAGS,
    '-cp',
    classpath,
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${layout.home}`,
    `--config-dir=${layout.conf}`,
  ];
  // Own process group either way, so stop() signals the JVM and its watchdog together.
  const child = options.detached
    ? spawn('java', javaArgs, { env: serverEnv(layout), stdio: ['ignore', consoleLog, consoleLog], detached: true })
    : spawn('sh', ['-c', WATCHDOG, 'refnet-neo4j-watchdog', String(process.pid), 'java', ...javaArgs], {
        env: serverEnv(layout),
        stdio: ['ignore', consoleLog, consoleLog],
        detached: true,
      });
  closeSync(consoleLog);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start java (${spawnError?.message ?? 'no pid'}): is Java 17 installed?`);

  const uri = `bolt://${host}:${port}`;
  const record: ServerRecord = { pid, port, host, uri, version, startedAt: new Date().toISOString() };
  writeFileSync(recordPath(dataDir), JSON.stringify(record, null, 2));
  const stopper = stopFor(child, dataDir);
  if (options.detached) child.unref();
  else process.once('exit', () => signalGroup(child, 'SIGKILL'));

  try {
    await waitForBolt(uri, password, child, options.startTimeoutMs ?? 180_000);
  } catch (err) {
    await stopper({ kill: true });
    throw new Error(`${(err as Error).message}\n--- ${join(layout.logs, 'neo4j.log')} (tail) ---\n${logTail(layout)}`);
  }
  progress(`neo4j: ready on ${uri} (pid ${pid})`);
  return {
    uri,
    user: DEFAULT_NEO4J_USER,
    password: password ?? '',
    port,
    dataDir,
    pid,
    stop: stopper,
  };
}

/** Stops the server recorded in `dataDir`'s pid file; false when none was running. */
export async function stopNeo4jAt(dataDir: string = DEFAULT_DATA_DIR, timeoutMs = 60_000): Promise<boolean> {
  const dir = resolve(dataDir);
  const record = readServerRecord(dir);
  if (!record || !isProcessAlive(record.pid)) {
    rmSync(recordPath(dir), { force: true });
    return false;
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(record.pid) && Date.now() < deadline) await sleep(250);
  if (isProcessAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
  rmSync(recordPath(dir), { force: true });
  return true;
}

/** The pid file's record when its process is alive, else undefined. */
export function runningServer(dataDir: string = DEFAULT_DATA_DIR): ServerRecord | undefined {
  const record = readServerRecord(resolve(dataDir));
  return record && isProcessAlive(record.pid) ? record : undefined;
}

/** True when Bolt at `uri` accepts these credentials now. */
export async function boltAnswers(uri: string, password: string | null, timeoutMs = 3000): Promise<boolean> {
  const driver = neo4j.driver(
    uri,
    password === null ? undefined : neo4j.auth.basic(DEFAULT_NEO4J_USER, password),
    { connectionTimeout: timeoutMs, maxConnectionPoolSize: 1, logging: { level: 'error', logger: () => {} } },
  );
  try {
    await driver.getServerInfo();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function stopFor(child: ChildProcess, dataDir: string): Neo4jServer['stop'] {
  let stopping: Promise<void> | undefined;
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  return (options = {}) => {
    if (options.kill) signalGroup(child, 'SIGKILL');
    stopping ??= (async () => {
      signalGroup(child, options.kill ? 'SIGKILL' : 'SIGTERM');
      // A clean Bolt shutdown takes ~10 s (Netty's quiet period); give up on it after 60 s.
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
      rmSync(recordPath(dataDir), { force: true });
    })();
    return stopping;
  };
}

/**
 * Runs the JVM for a server that must not outlive this process (tests): if the parent dies, even
 * by SIGKILL, the JVM is killed within a second. The group's SIGTERM is for the JVM (a clean
 * shutdown); the shell ignores it and exits with the JVM.
 */
const WATCHDOG = `parent=$1; shift
"$@" &
child=$!
trap '' TERM
while kill -0 "$child" 2>/dev/null; do
  kill -0 "$parent" 2>/dev/null || kill -KILL "$child"
  sleep 1
done
wait "$child"`;

function serverEnv(layout: ServerLayout): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: layout.home, NEO4J_CONF: layout.conf };
}

/** Signals the server's process group (JVM and watchdog) while it runs. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** neo4j-admin dbms set-initial-password, before the first start only (it writes data/dbms/auth.ini). */
function setInitialPassword(classpath: string, layout: ServerLayout, password: string): void {
  if (existsSync(join(layout.data, 'dbms', 'auth.ini')) || existsSync(join(layout.data, 'databases', 'system'))) return;
  const result = spawnSync(
    'java',
    ['-Xmx256m', '-cp', classpath, 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password],
    { env: serverEnv(layout), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`neo4j-admin set-initial-password failed: ${result.error?.message ?? ''}${result.stderr}${result.stdout}`);
  }
}

async function waitForBolt(uri: string, password: string | null, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Neo4j exited during start-up (${child.exitCode ?? child.signalCode})`);
    }
    if (await boltAnswers(uri, password, 2000)) return;
    await sleep(500);
  }
  throw new Error(`Neo4j did not answer on ${uri} within ${timeoutMs / 1000} s`);
}

function logTail(layout: ServerLayout): string {
  const lines: string[] = [];
  for (const name of ['neo4j.log', 'console.log']) {
    const file = join(layout.logs, name);
    if (existsSync(file)) lines.push(...readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15));
  }
  return lines.join('\n');
}

function recordPath(dataDir: string): string {
  return join(dataDir, 'run', 'refnet-neo4j.json');
}

function readServerRecord(dataDir: string): ServerRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(dataDir), 'utf8')) as ServerRecord;
  } catch {
    return undefined;
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
