/**
 * Owns the port: start listening, and stop gracefully — stop accepting connections, let
 * in-flight requests finish (up to a timeout), then close what is left.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  server: Server;
  /** The actual port (useful when asked for port 0). */
  port: number;
  url: string;
  /** Stops accepting, waits for in-flight requests (at most timeoutMs), closes connections. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one). */
export async function startServer(app: Express, options: { port: number; host: string }): Promise<RunningServer> {
  const server = app.listen(options.port, options.host);
  await once(server, 'listening');
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
