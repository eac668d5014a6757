/**
 * Durability end to end: the real server as a child process takes a stream of small writes and
 * large imports, is killed with SIGKILL mid-stream, and restarted on the same data directory.
 * Every write that was acknowledged with a 2xx must be there; every import must be all or nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IMPORT_PEOPLE = 1000;
/** Acknowledged writes of each kind to wait for before each kill. */
const SMALL_BEFORE_KILL = 60;
const IMPORTS_BEFORE_KILL = 2;

interface Server {
  child: ChildProcess;
  url: string;
}

/** Starts scripts/serve.ts on a free port and resolves with its URL once it listens. */
async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REFNET_DATA: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<Server>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in time: ${stderr}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderr}`));
    });
  });
}

function importDoc(round: number, k: number) {
  const prefix = `imp${round}-${k}-`;
  const people = Array.from({ length: IMPORT_PEOPLE }, (_, i) => ({ id: `${prefix}${i}`, name: `Imported ${round}/${k} #${i}`, industry: 'Imports' }));
  const interactions = people.slice(1).map((p, i) => ({ id: `${prefix}x${i}`, a: people[i]!.id, b: p.id, kind: 'met', at: '2024-01-01' }));
  return { prefix, doc: { people, interactions } };
}

describe('crash safety of the real server', () => {
  let dataDir: string;
  const acked = new Set<string>();
  const importsAcked = new Set<string>();
  const importsTried = new Set<string>();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'refnet-crash-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Streams writes until told to stop; failures after the kill are expected and ignored. */
  async function streamWrites(url: string, round: number, stop: { now: boolean }): Promise<void> {
    const smallWriter = async (w: number) => {
      for (let n = 0; !stop.now; n++) {
        const id = `w${round}-${w}-${n}`;
        try {
          const r = await call(url, 'POST', '/api/people', { id, name: `Writer ${w} item ${n}` });
          if (r.status === 201) acked.add(id);
          else if (!stop.now) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
        } catch (err) {
          if (!stop.now) throw err;
        }
      }
    };
    const importer = async () => {
      for (let k = 0; !stop.now; k++) {
        const { prefix, doc } = importDoc(round, k);
        importsTried.add(prefix);
        try {
          const r = await call(url, 'POST', '/api/import', doc);
          if (r.status === 200) importsAcked.add(prefix);
          else if (!stop.now) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
        } catch (err) {
          if (!stop.now) throw err;
        }
      }
    };
    await Promise.all([smallWriter(0), smallWriter(1), smallWriter(2), importer()]);
  }

  it('when the server is SIGKILLed mid-stream twice, then after restart every acknowledged write is present and no import is half-applied', async () => {
    for (let round = 0; round < 2; round++) {
      const server = await startServer(dataDir);
      const stop = { now: false };
      const before = { small: acked.size, imports: importsAcked.size };
      const streaming = streamWrites(server.url, round, stop);
      // Kill once this round has acknowledged a fair number of both kinds of write, while more are in flight.
      const deadline = Date.now() + 90_000;
      while ((acked.size - before.small < SMALL_BEFORE_KILL || importsAcked.size - before.imports < IMPORTS_BEFORE_KILL) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const exited = once(server.child, 'exit');
      server.child.kill('SIGKILL');
      stop.now = true;
      await exited;
      await streaming;
      expect(acked.size - before.small).toBeGreaterThanOrEqual(SMALL_BEFORE_KILL);
      expect(importsAcked.size - before.imports).toBeGreaterThanOrEqual(IMPORTS_BEFORE_KILL);
    }

    const server = await startServer(dataDir);
    try {
      const { status, body } = await call(server.url, 'GET', '/api/export');
      expect(status).toBe(200);
      const people = new Set<string>(body.people.map((p: { id: string }) => p.id));
      const interactions = new Set<string>(body.interactions.map((i: { id: string }) => i.id));

      const missing = [...acked].filter((id) => !people.has(id));
      expect(missing).toEqual([]);

      for (const prefix of importsTried) {
        let peoplePresent = 0;
        let linksPresent = 0;
        for (let i = 0; i < IMPORT_PEOPLE; i++) if (people.has(`${prefix}${i}`)) peoplePresent++;
        for (let i = 0; i < IMPORT_PEOPLE - 1; i++) if (interactions.has(`${prefix}x${i}`)) linksPresent++;
        const whole = peoplePresent === IMPORT_PEOPLE && linksPresent === IMPORT_PEOPLE - 1;
        const absent = peoplePresent === 0 && linksPresent === 0;
        expect({ prefix, peoplePresent, linksPresent, allOrNothing: whole || absent }).toMatchObject({ prefix, allOrNothing: true });
        if (importsAcked.has(prefix)) expect(whole).toBe(true);
      }
    } finally {
      // A graceful stop on SIGTERM drains and exits 0.
      const exited = once(server.child, 'exit');
      server.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    }
  }, 300_000);

  it('when SIGTERM arrives while an import is in flight, then the import completes, the process exits 0, and the import is there after restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-drain-'));
    try {
      const server = await startServer(dir);
      const { prefix, doc } = importDoc(9, 0);
      const exited = once(server.child, 'exit');
      const pending = call(server.url, 'POST', '/api/import', doc);
      // Signal once the request is on its way; the server must still answer it.
      await new Promise((r) => setTimeout(r, 30));
      server.child.kill('SIGTERM');
      const reply = await pending;
      const [code] = await exited;
      expect(reply.status).toBe(200);
      expect(code).toBe(0);

      const again = await startServer(dir);
      try {
        const r = await call(again.url, 'GET', `/api/people/${prefix}${IMPORT_PEOPLE - 1}`);
        expect(r.status).toBe(200);
      } finally {
        const done = once(again.child, 'exit');
        again.child.kill('SIGTERM');
        await done;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
