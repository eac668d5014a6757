/**
 * `npm run neo4j [-- start|stop|status|fetch]`: a local Neo4j 5.26 community server for refnet,
 * fetched from Maven Central with Maven and kept running in the background (pid file in
 * <data-dir>/run). Then: REFNET_STORE=neo4j NEO4J_URI=neo4j://127.0.0.1:7687 npm start.
 */
import { Command } from 'commander';
import { integerOption } from './cli/errors.js';
import { DEFAULT_NEO4J_PASSWORD, DEFAULT_NEO4J_PORT } from '../graph/store/neo4j/connection.js';
import { boltAnswers, DEFAULT_DATA_DIR, runningServer, startNeo4j, stopNeo4jAt } from './neo4j/launcher.js';
import { DEFAULT_NEO4J_VERSION, resolveServerClasspath } from './neo4j/maven.js';

const env = process.env;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Decimal digits only, as every whole-number option and setting of refnet (scripts/cli/errors.ts): `0x10` or `1e3` is no port. */
const port = (name: string) => integerOption(name, { min: 1, max: 65535 });
const portOption = port('--port');

const program = new Command('neo4j')
  .description('Run a local Neo4j 5.26 LTS community server for refnet')
  .option('--data-dir <dir>', 'conf, data and logs directory (env REFNET_NEO4J_DIR)', env.REFNET_NEO4J_DIR || DEFAULT_DATA_DIR)
  .option('--version <version>', 'Neo4j version (env REFNET_NEO4J_VERSION)', env.REFNET_NEO4J_VERSION || DEFAULT_NEO4J_VERSION);

program
  .command('start', { isDefault: true })
  .description('fetch (first time) and start the server in the background; waits until Bolt answers')
  .option('--port <port>', `Bolt port (default: env REFNET_NEO4J_PORT, else ${DEFAULT_NEO4J_PORT})`, portOption)
  .option('--host <host>', 'listen address', '127.0.0.1')
  .option('--password <password>', 'initial password of user neo4j (env NEO4J_PASSWORD)', env.NEO4J_PASSWORD || DEFAULT_NEO4J_PASSWORD)
  .option('--no-auth', 'disable authentication')
  .option('--heap <size>', 'JVM heap (env REFNET_NEO4J_HEAP)', env.REFNET_NEO4J_HEAP || '1g')
  .option('--page-cache <size>', 'page cache size', '256m')
  .option('--transaction-memory <size>', 'memory all transactions may hold (default: 70% of the heap); raise for large imports')
  .action(async (opts: { port?: number; host: string; password: string; auth: boolean; heap: string; pageCache: string; transactionMemory?: string }) => {
    const { dataDir, version } = program.opts<{ dataDir: string; version: string }>();
    // Checked first, so a bad REFNET_NEO4J_PORT is reported whether or not a server runs.
    const boltPort = opts.port ?? (env.REFNET_NEO4J_PORT === undefined ? DEFAULT_NEO4J_PORT : port('REFNET_NEO4J_PORT')(env.REFNET_NEO4J_PORT));
    const running = runningServer(dataDir);
    if (running) {
      log(`neo4j: already running (pid ${running.pid}) on ${running.uri}`);
      return;
    }
    const started = Date.now();
    const server = await startNeo4j({
      dataDir,
      version,
      port: boltPort,
      host: opts.host,
      password: opts.auth ? opts.password : null,
      heap: opts.heap,
      pageCache: opts.pageCache,
      transactionMemory: opts.transactionMemory,
      detached: true,
      onProgress: log,
    });
    log(`neo4j: started in ${((Date.now() - started) / 1000).toFixed(1)} s; stop with: npm run neo4j -- stop`);
    log(`  REFNET_STORE=neo4j NEO4J_URI=neo4j://${opts.host}:${server.port} npm start`);
  });

program
  .command('stop')
  .description('stop the server started from --data-dir')
  .action(async () => {
    const { dataDir } = program.opts<{ dataDir: string }>();
    log((await stopNeo4jAt(dataDir)) ? 'neo4j: stopped' : 'neo4j: was not running');
  });

program
  .command('status')
  .description('is it running, and does Bolt answer? (exit 0 when it does, 1 otherwise)')
  .action(async () => {
    const { dataDir } = program.opts<{ dataDir: string }>();
    const running = runningServer(dataDir);
    if (!running) {
      log(`neo4j: not running (data dir ${dataDir})`);
      process.exitCode = 1;
      return;
    }
    const answers =
      (await boltAnswers(running.uri, env.NEO4J_PASSWORD || DEFAULT_NEO4J_PASSWORD)) || (await boltAnswers(running.uri, null));
    log(`neo4j: running (pid ${running.pid}, Neo4j ${running.version}) on ${running.uri}; Bolt ${answers ? 'answers' : 'does not answer'}`);
    if (!answers) process.exitCode = 1;
  });

program
  .command('fetch')
  .description('download the server into the Maven cache (~/.m2) without starting it (for CI)')
  .action(async () => {
    const { version } = program.opts<{ version: string }>();
    const started = Date.now();
    const classpath = await resolveServerClasspath({ version, onProgress: log });
    log(`neo4j: ${version} ready in the Maven cache (${classpath.split(':').length} jars, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  });

program.parseAsync().catch((err: Error) => {
  log(`neo4j: ${err.message}`);
  process.exit(1);
});
