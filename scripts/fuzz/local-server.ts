/**
 * A throwaway refnet for a fuzz run: a fresh data dir under the OS temp dir, bound to 127.0.0.1
 * on an ephemeral port, loaded with the bundled sample network so requests reach real data, with
 * no rate limit (a fuzz run is one client sending as fast as it can; limits are tested elsewhere).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';

const SAMPLE = new URL('../../data/sample-network.json', import.meta.url);

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

export async function startLocalServer(env: Record<string, string> = {}): Promise<LocalServer> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-fuzz-'));
  const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', ...env }), { logger: pino({ level: 'silent' }) });
  const running = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
  const sample = await readFile(SAMPLE, 'utf8').catch(() => undefined);
  if (sample !== undefined) {
    const res = await fetch(`${running.url}/api/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sample });
    if (!res.ok) throw new Error(`loading the sample network failed: ${res.status} ${await res.text()}`);
    await refnet.analytics.whenWarm(60_000);
  }
  return {
    url: running.url,
    async close() {
      await running.stop(1000);
      await refnet.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
