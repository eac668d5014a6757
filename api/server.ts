/**
 * Owns the port: start listening, and stop gracefully — stop accepting connections, let
 * in-flight requests finish (up to a timeout), then close what is left.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { PROBLEM_CONTENT_TYPE, clientErrorProblem, problemBody } from './problem.js';

export interface RunningServer {
  server: Server;
  /** The actual port (useful when asked for port 0). */
  port: number;
  url: string;
  /** Stops accepting, waits for in-flight requests (at most timeoutMs), closes connections. */
  stop(timeoutMs?: number): Promise<void>;
}

/** How long an idle keep-alive connection is kept open. */
export const KEEP_ALIVE_MS = 65_000;

/** Listens on host:port (port 0 picks a free one). */
export async function startServer(app: Express, options: { port: number; host: string }): Promise<RunningServer> {
  const server = app.listen(options.port, options.host);
  await once(server, 'listening');
  // Node closes a keep-alive connection after 5 s idle: a client that sends on it at that instant
  // (a POST is never retried) sees ECONNRESET. Idle connections stay open longer than clients and
  // proxies keep theirs (undici 4 s, load balancers 60 s), so it is always the client that closes.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let stopping: Promise<void> | undefined;
  let draining = false;
  // While draining, every answer closes its connection, so no client reuses a socket being shut.
  server.on('request', (_req, res) => {
    if (draining) res.setHeader('Connection', 'close');
  });
  return {
    server,
    port,
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`,
    stop(timeoutMs = 10_000) {
      stopping ??= new Promise<void>((resolve) => {
        draining = true;
        const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
        timer.unref();
        // http.Server#close would also close "idle" connections at once — including accepted ones
        // whose request bytes have arrived but are not parsed yet (the loop was busy), dropping
        // requests the client already sent. So stop only the listener here, and sweep idle
        // connections after pending reads had a chance to be parsed (setImmediate runs after the
        // loop's poll phase has read the sockets), until all are gone.
        const sweep = setInterval(() => setImmediate(() => server.closeIdleConnections()), 250);
        net.Server.prototype.close.call(server, () => {
          clearTimeout(timer);
          clearInterval(sweep);
          resolve();
        });
      });
      return stopping;
    },
  };
}

/**
 * Requests Node's HTTP parser refuses never reach Express (a request line or headers past the
 * header size limit, a malformed request). Node would answer with a bare status line; the same
 * status is answered here as problem+json, like every other error of the API.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own default: no answer on a dead socket, nor in the middle of a response already
  // being sent on this connection (a status line there would corrupt it).
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { type, detail } = clientErrorProblem(err);
  const requestId = randomUUID();
  const problem = problemBody(type, detail, { requestId });
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
