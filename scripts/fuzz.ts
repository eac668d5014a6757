/**
 * npm run fuzz -- [--requests N] [--seconds S] [--seed N] [--url http://127.0.0.1:PORT] [--key KEY]
 *
 * Schema-driven fuzzing of every operation of /api/openapi.json (scripts/fuzz/): without --url a
 * throwaway server is started on 127.0.0.1 with the sample network. Prints the figures as JSON
 * and exits 1 on any 5xx or any response the document does not allow.
 */
import { Command, InvalidArgumentError } from 'commander';
import { startLocalServer } from './fuzz/local-server.js';
import { fuzz } from './fuzz/run.js';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
};

const program = new Command('fuzz')
  .option('--requests <n>', 'stop after this many requests', positive, 2000)
  .option('--seconds <s>', 'stop after this many seconds', positive, 120)
  .option('--seed <n>', 'PRNG seed (a run is repeatable from it)', positive)
  .option('--concurrency <n>', 'requests in flight at once', positive, 2)
  .option('--url <url>', 'fuzz this running refnet instead of a throwaway one (loopback only)')
  .option('--key <key>', 'API key to send (for a server with keys)')
  .parse();
const o = program.opts<{ requests: number; seconds: number; seed?: number; concurrency: number; url?: string; key?: string }>();

if (o.url !== undefined && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(o.url).hostname)) {
  console.error('fuzz: --url must be a loopback address (this tool sends hostile and destructive requests)');
  process.exit(2);
}
const server = o.url === undefined ? await startLocalServer() : undefined;
try {
  const report = await fuzz({
    baseUrl: o.url ?? server!.url,
    requests: o.requests,
    seconds: o.seconds,
    concurrency: o.concurrency,
    ...(o.seed !== undefined && { seed: o.seed }),
    ...(o.key !== undefined && { headers: { authorization: `Bearer ${o.key}` } }),
  });
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.serverErrors + report.schemaViolations > 0 ? 1 : 0;
} finally {
  await server?.close();
}
