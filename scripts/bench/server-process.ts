/**
 * The real refnet server as a child process, as a user runs it (`npm start`: the compiled
 * dist/server/scripts/serve.js, built first when stale),
 * on a free port and a data directory of the caller's choosing. The handle reports the child's
 * pid (for /proc peak RSS) and how long it took to become ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureBuilt } from '../build.mjs';
import { startCommand } from '../start-command.js';
import { peakRssMiB, processCpuSeconds } from './machine.js';
import { secondsSince } from './stats.js';

export interface ServerOptions {
  /** REFNET_DATA for the child. */
  dataDir: string;
  /** Extra environment (REFNET_STORE, NEO4J_URI, BODY_LIMIT…). */
  env?: Record<string, string>;
  /** Extra node flags (e.g. --cpu-prof, --cpu-prof-dir=DIR). */
  nodeArgs?: string[];
  /** How long to wait for /readyz, default 300 s (a big journal replays first). */
  readyTimeoutMs?: number;
  /** Run scripts/serve.ts through tsx instead of the build (profiling while editing: no rebuild), same node flags. */
  fromSources?: boolean;
}

export interface ServerHandle {
  url: string;
  pid: number;
  /** Seconds from spawn to the first 200 from /readyz. */
  readySeconds: number;
  /** CPU seconds the server had used when it became ready. */
  readyCpuSeconds: number | undefined;
  /** CPU seconds (user + system) the server has used so far. */
  cpuSeconds(): number | undefined;
  /** Peak resident set (VmHWM) of the server process so far, in MiB. */
  peakRssMiB(): number | undefined;
  /** Graceful stop (SIGTERM, drains, closes the store); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** kill -9, as a crash; resolves when the process is gone. */
  kill(): Promise<void>;
  /** How the process ended ("exit code 1", "signal SIGKILL"), or undefined while it runs. */
  exitStatus(): string | undefined;
  /** Its last lines of output (stdout and stderr): why it failed, e.g. V8's "heap limit" message. */
  lastLines(): string[];
}

const running = new Set<ChildProcess>();

/** Kills every server this process started and has not stopped (end of run, or on error). */
export function killAllServers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number, tail: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`bench/server: server exited (${child.exitCode ?? child.signalCode}) before ready:\n${tail.join('\n')}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`bench/server: not ready after ${timeoutMs} ms:\n${tail.join('\n')}`);
}

/** Starts the server as `npm start` does (building first when stale), on port 0, and waits until it answers /readyz. */
export async function startServer(root: string, options: ServerOptions): Promise<ServerHandle> {
  if (!options.fromSources) await ensureBuilt();
  const started = performance.now();
  const { env: startEnv, flags, script } = startCommand(root);
  const entry = options.fromSources ? ['--import', 'tsx', join(root, 'scripts/serve.ts')] : [join(root, script)];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...flags, ...entry], {
    cwd: root,
    env: { ...process.env, ...startEnv, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REFNET_DATA: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (tail.length > 40) tail.shift();
  };
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      const m = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code, signal) => reject(new Error(`bench/server: exited (${code ?? signal}) before listening:\n${tail.join('\n')}`)));
  });
  createInterface({ input: child.stderr }).on('line', keep);
  const exited = once(child, 'exit');
  try {
    const base = await url;
    await waitReady(base, child, options.readyTimeoutMs ?? 300_000, tail);
    const readySeconds = secondsSince(started);
    const pid = child.pid!;
    const readyCpuSeconds = processCpuSeconds(pid);
    let lastPeak: number | undefined;
    return {
      url: base,
      pid,
      readySeconds,
      readyCpuSeconds,
      cpuSeconds: () => processCpuSeconds(pid),
      peakRssMiB: () => (lastPeak = peakRssMiB(pid) ?? lastPeak),
      async stop() {
        lastPeak = peakRssMiB(pid) ?? lastPeak;
        child.kill('SIGTERM');
        const [code] = (await exited) as [number | null];
        running.delete(child);
        return code;
      },
      async kill() {
        lastPeak = peakRssMiB(pid) ?? lastPeak;
        child.kill('SIGKILL');
        await exited;
        running.delete(child);
      },
      exitStatus: () => (child.exitCode !== null ? `exit code ${child.exitCode}` : child.signalCode !== null ? `signal ${child.signalCode}` : undefined),
      lastLines: () => [...tail],
    };
  } catch (err) {
    child.kill('SIGKILL');
    running.delete(child);
    throw err;
  }
}

/** How the /readyz polls of waitAnalyticsWarm went: the slowest answer, and polls the connection failed. */
export interface WarmPolls {
  slowestMs: number;
  failed: number;
}

/**
 * Seconds until /readyz reports the analytics projection warm (it warms up in the background
 * after the store is ready); undefined when the server does not report it or not within `timeoutMs`.
 * A poll whose connection fails (a kept-alive socket the server closed as it was reused) is counted
 * in `polls` and tried again while `alive()` holds; a dead server ends the wait with the error.
 */
export async function waitAnalyticsWarm(
  url: string,
  timeoutMs = 600_000,
  { alive = () => true, polls = { slowestMs: 0, failed: 0 } }: { alive?: () => boolean; polls?: WarmPolls } = {},
): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const asked = performance.now();
    let body: { analytics?: { state?: string } };
    try {
      body = (await (await fetch(`${url}/readyz`)).json()) as typeof body;
    } catch (err) {
      if (!alive()) throw err;
      polls.failed++;
      await new Promise((r) => setTimeout(r, 100));
      continue;
    } finally {
      polls.slowestMs = Math.max(polls.slowestMs, performance.now() - asked);
    }
    if (!body.analytics?.state) return undefined;
    if (body.analytics.state === 'warm') return secondsSince(started);
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
