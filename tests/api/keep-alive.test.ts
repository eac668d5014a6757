/**
 * A keep-alive connection is closed by the client, never by the server under it: Node's own 5 s
 * idle timeout let a request sent on a connection at that instant fail with ECONNRESET (seen as a
 * flaky upload in CI). api/server.ts keeps idle connections open past what clients keep theirs.
 */
import { once } from 'node:events';
import net from 'node:net';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MS, startServer, type RunningServer } from '../../api/server.js';

let running: RunningServer | undefined;
afterAll(() => running?.stop());

/** One GET on `socket`, resolved with the raw response once it is complete (Content-Length). */
async function get(socket: net.Socket, path: string): Promise<string> {
  socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n`);
  let text = '';
  for (;;) {
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    text += chunk.toString('latin1');
    const head = text.indexOf('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(text);
    if (head >= 0 && length && text.length >= head + 4 + Number(length[1])) return text;
  }
}

describe('keep-alive connections', () => {
  it('when a connection has been idle past Node’s default 5 s, then it is still open and serves the next request', async () => {
    expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
    const app = express().get('/ping', (_req, res) => void res.json({ ok: true }));
    running = await startServer(app, { port: 0, host: '127.0.0.1' });
    const socket = net.connect(running.port, '127.0.0.1');
    await once(socket, 'connect');
    let closed = false;
    socket.on('close', () => (closed = true));
    expect(await get(socket, '/ping')).toMatch(/^HTTP\/1\.1 200[\s\S]*Keep-Alive: timeout=65/i);
    // The idle time is what is under test, so it is waited out.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(closed).toBe(false);
    expect(await get(socket, '/ping')).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  }, 15_000);
});
