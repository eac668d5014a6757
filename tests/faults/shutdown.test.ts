/**
 * Graceful shutdown of the real server: SIGTERM while requests are in flight (one of them still
 * uploading its body) → each completes with its normal answer, new connections are refused, the
 * store is flushed and closed, the process exits 0, and a restart finds every acknowledged write.
 */
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../api/harness.js';
import { startServerChild } from './server-child.js';

function importDoc(prefix: string, n: number) {
  const people = Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `Person ${prefix}${i}`, industry: i % 2 ? 'Law' : 'Retail' }));
  const interactions = people.slice(1).map((p, i) => ({ id: `${prefix}x${i}`, a: people[i]!.id, b: p.id, kind: 'met', at: '2025-05-01' }));
  return { people, interactions };
}

/** A POST whose body is sent in two halves, the second only when `release` is called. */
function slowUpload(url: string, path: string, body: string): { release(): void; reply: Promise<{ status: number; body: string }> } {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let release!: () => void;
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.write(bytes.subarray(0, half));
    release = () => req.end(bytes.subarray(half));
  });
  return { release: () => release(), reply };
}

describe('graceful shutdown', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refnet-shutdown-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when SIGTERM arrives with requests in flight, then they complete, new connections are refused, the store is flushed and the exit code is 0', async () => {
    const server = await startServerChild({ REFNET_DATA: dir, SHUTDOWN_TIMEOUT_MS: '30000' });
    const burstAcked = new Set<string>();
    let burst: Promise<unknown>[] = [];
    try {
      // Requests surely in flight: accepted, headers parsed, body half-sent, waiting for the rest.
      const uploads = [
        slowUpload(server.url, '/api/import', JSON.stringify(importDoc('slow-', 3000))),
        slowUpload(server.url, '/api/import', JSON.stringify(importDoc('slower-', 1000))),
        slowUpload(server.url, '/api/people', JSON.stringify({ id: 'slow-person', name: 'Slow Person' })),
      ];
      await new Promise((r) => setTimeout(r, 500));
      // And a burst racing the signal: each either answers 2xx (and must survive) or fails to connect.
      burst = Array.from({ length: 20 }, (_, i) =>
        call(server.url, 'POST', '/api/people', { id: `burst-${i}`, name: `Burst ${i}` }).then(
          (r) => r.status === 201 && burstAcked.add(`burst-${i}`),
          () => undefined,
        ),
      );
      const exit = server.stop();
      const deadline = Date.now() + 20_000;
      while (!/shutting down/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      for (const u of uploads) u.release();

      for (const u of uploads) {
        const reply = await u.reply;
        expect(reply.status, reply.body).toBeGreaterThanOrEqual(200);
        expect(reply.status, reply.body).toBeLessThan(300);
      }
      await Promise.all(burst);
      expect(await exit).toBe(0);
      expect(server.output()).toMatch(/shutting down[\s\S]*"msg":"stopped"/);
    } finally {
      await server.kill();
    }

    const again = await startServerChild({ REFNET_DATA: dir });
    try {
      const { body } = await call(again.url, 'GET', '/api/export');
      const ids = new Set<string>(body.people.map((p: { id: string }) => p.id));
      expect([...Array(3000).keys()].every((i) => ids.has(`slow-${i}`))).toBe(true);
      expect([...Array(1000).keys()].every((i) => ids.has(`slower-${i}`))).toBe(true);
      expect(ids.has('slow-person')).toBe(true);
      expect(body.interactions.length).toBe(2999 + 999);
      for (const id of burstAcked) expect(ids.has(id), id).toBe(true);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 120_000);
});
