import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchWaitingForWarmUp, onWaiting, type Waiting } from '../../viz/src/api.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that answers 503 + Retry-After `busyTimes` times, then 200. */
async function warmingServer(busyTimes: number, retryAfter = '1'): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_req, res) => {
    hits++;
    if (hits <= busyTimes) {
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': retryAfter });
      res.end(JSON.stringify({ status: 503, detail: 'analytics are warming up' }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/map`, hits: () => hits };
}

describe('page reads during the server warm-up', () => {
  it('when a read gets 503 with Retry-After, then it waits and asks again until the answer is ready', async () => {
    const s = await warmingServer(2);
    const res = await fetchWaitingForWarmUp(s.url, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(s.hits()).toBe(3);
  });

  it('when a read waits, then listeners hear why (the problem\'s detail as a sentence) and when it is asked again, until they unsubscribe', async () => {
    const s = await warmingServer(2);
    const heard: Waiting[] = [];
    const stop = onWaiting((w) => heard.push(w));
    try {
      expect((await fetchWaitingForWarmUp(s.url, { method: 'GET' })).status).toBe(200);
    } finally {
      stop();
    }
    expect(heard).toEqual([1, 2].map(() => ({ url: s.url, words: 'Analytics are warming up', retryAfterS: 1 })));
    await new Promise((resolve) => server!.close(resolve));
    const again = await warmingServer(1);
    await fetchWaitingForWarmUp(again.url, { method: 'GET' });
    expect(heard).toHaveLength(2);
  });

  it('when a write gets 503, then it is not repeated', async () => {
    const s = await warmingServer(1);
    const res = await fetchWaitingForWarmUp(s.url, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(s.hits()).toBe(1);
  });

  it('when a 503 has no Retry-After, then the error is returned at once', async () => {
    const s = await warmingServer(1, '');
    const res = await fetchWaitingForWarmUp(s.url, { method: 'GET' });
    expect(res.status).toBe(503);
  });
});
