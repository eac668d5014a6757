/** Runs the `refnet` bin as a user would: a child process, real files, a temp data directory. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../scripts/refnet.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp directory with a data dir inside; copies fixtures in with `file()`. */
export async function workspace() {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-cli-'));
  // The CLI from its TypeScript sources, as every test runs the code (tests/build runs the compiled one).
  const env: NodeJS.ProcessEnv = { ...process.env, REFNET_DATA: join(dir, 'data'), LOG_LEVEL: 'silent', REFNET_URL: '', REFNET_API_KEY: '', REFNET_FROM_SOURCE: '1' };
  return {
    dir,
    env,
    /** Copies a fixture (path under tests/fixtures) into the workspace; returns its new path. */
    async file(fixture: string, as?: string): Promise<string> {
      const to = join(dir, as ?? basename(fixture));
      await copyFile(join(FIXTURES, fixture), to);
      return to;
    },
    run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
      return new Promise((resolve) => {
        execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      });
    },
    /** Starts `refnet serve` on a free port; resolves with its URL once it listens. */
    serve(): Promise<{ url: string; child: ChildProcess; stop(): Promise<number | null> }> {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: dir, env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
      return new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve({
              url: m[1]!,
              child,
              stop: () =>
                new Promise((done) => {
                  child.once('exit', (code) => done(code));
                  child.kill('SIGTERM');
                }),
            });
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export const SAMPLE = fileURLToPath(new URL('../../data/sample-network.json', import.meta.url));

/** A workspace whose data directory holds the bundled sample network (imported through the CLI). */
export async function sampleWorkspace() {
  const ws = await workspace();
  const r = await ws.run(['import', SAMPLE]);
  if (r.code !== 0) throw new Error(`importing the sample failed: ${r.stderr}`);
  return ws;
}

/** The bundled sample's people, for expectations computed from the data rather than typed in. */
export async function samplePeople(): Promise<Map<string, { id: string; name: string; company?: string; industry?: string }>> {
  const doc = JSON.parse(await readFile(SAMPLE, 'utf8')) as { people: { id: string; name: string; company?: string; industry?: string }[] };
  return new Map(doc.people.map((p) => [p.id, p]));
}

export interface SampleServer {
  /** The server's address (http://127.0.0.1:PORT). */
  url: string;
  /** Runs the CLI against the server (REFNET_URL), unless extraEnv says otherwise. */
  run(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<Run>;
  close(): Promise<void>;
}

/**
 * The bundled sample served by `refnet serve` on a free port, and the CLI talking to it: each
 * command is a thin client, so many can run in parallel and quickly, and the analytics stay warm.
 */
export async function sampleServer(): Promise<SampleServer> {
  const ws = await sampleWorkspace();
  const server = await ws.serve();
  return {
    url: server.url,
    run: (args, extraEnv = {}) => ws.run(args, { REFNET_URL: server.url, ...extraEnv }),
    async close() {
      await server.stop();
      await ws.cleanup();
    },
  };
}
