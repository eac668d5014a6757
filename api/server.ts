/**
 * Owns the port: start listening, and stop gracefully — stop accepting connections, let
 * in-flight requests finish (up to a timeout), then close what is left.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
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
  return {
    server,
    port,
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`,
    stop(timeoutMs = 10_000) {
      stopping ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Keep-alive connections with no request in flight would hold close() open.
        server.closeIdleConnections();
      });
      return stopping;
    },
  };
}
