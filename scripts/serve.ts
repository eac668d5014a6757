/**
 * `npm start` (compiled: dist/server/scripts/serve.js) and `refnet serve`: serve refnet on the
 * configured store (embedded in ./.refnet by default).
 * SIGTERM/SIGINT drain: stop accepting, finish in-flight requests, close the store, exit 0.
 * Exit codes when it cannot start: 1 in general (configuration, I/O, directory in use); 3 when
 * the data directory is damaged and needs an operator (README, "Data directory"), so a
 * supervisor can stop restarting it (systemd: RestartPreventExitStatus=3).
 */
import { tracing } from '../api/tracing.js'; // first: OpenTelemetry (when OTEL_* asks for it) must patch http and express before they load
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../api/config.js';
import { createRefnet } from '../api/compose.js';
import { tightenHeapGrowth } from '../api/heap-growth.js';
import { startServer } from '../api/server.js';
import { removeServerRecord, writeServerRecord } from '../api/server-record.js';

/** Errors of a damaged data directory: restarting cannot help, an operator must decide. */
const DAMAGED_DATA = new Set(['StoreDataLossError', 'StoreCorruptError']);
const EXIT_DAMAGED_DATA = 3;

/**
 * Starts refnet on `config` and listens; from then on SIGTERM/SIGINT drain and exit the process.
 * Resolves with the URL it listens on.
 */
export async function serve(config: Config): Promise<string> {
  const refnet = await createRefnet(config);
  tightenHeapGrowth();
  const { logger } = refnet;
  const running = await startServer(refnet.app, { port: config.PORT, host: config.HOST });
  // The CLI finds the server that holds the data directory by it (api/server-record.ts). Only the
  // embedded store is held by one process; a record is a convenience, so failing to write one
  // (a full disk) is said and serving goes on.
  const recorded = refnet.store.kind === 'embedded';
  if (recorded) {
    try {
      writeServerRecord(config.REFNET_DATA, running.url);
    } catch (err) {
      logger.warn({ err, data: config.REFNET_DATA }, 'could not record the server address in the data directory; the CLI will not find it there');
    }
  }
  logger.info({ url: running.url, store: refnet.store.kind, data: config.REFNET_DATA, version: refnet.network.version }, `refnet listening on ${running.url}`);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    try {
      await running.stop(config.SHUTDOWN_TIMEOUT_MS);
      if (recorded) removeServerRecord(config.REFNET_DATA);
      await refnet.close();
      // The batch span processor holds the last spans (those of the drained requests among them)
      // for up to its schedule delay: send them before the process ends.
      await tracing?.shutdown();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return running.url;
}

/** Says why refnet could not start and exits with the code that tells a supervisor what to do. */
export function exitOnStartFailure(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(`refnet: ${err.message}`);
  } else if (err instanceof Error && DAMAGED_DATA.has(err.name)) {
    console.error(`refnet: cannot start: ${err.message}`);
    process.exit(EXIT_DAMAGED_DATA);
  } else {
    console.error('refnet: failed to start:', err);
  }
  process.exit(1);
}

/** True when this module is the process's entry (`node dist/server/scripts/serve.js`), not imported. */
function isEntry(): boolean {
  const main = process.argv[1];
  if (main === undefined) return false;
  try {
    return pathToFileURL(realpathSync(main)).href === import.meta.url;
  } catch {
    return false; // not a file (node -e, a REPL): imported
  }
}

if (isEntry()) {
  try {
    await serve(loadConfig());
  } catch (err) {
    exitOnStartFailure(err);
  }
}
