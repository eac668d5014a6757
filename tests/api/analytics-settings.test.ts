import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.js';
import { runServerExpectingExit, startServerChild } from '../faults/server-child.js';
import { call } from './harness.js';

const karate = JSON.parse(readFileSync(new URL('../fixtures/karate.json', import.meta.url), 'utf8'));
const expected = JSON.parse(readFileSync(new URL('../fixtures/expected/karate.json', import.meta.url), 'utf8')) as { betweenness: Record<string, number> };

async function withSettingsFile<T>(settings: unknown, run: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-settings-'));
  try {
    const path = join(dir, 'analytics.json');
    await writeFile(path, typeof settings === 'string' ? settings : JSON.stringify(settings));
    return await run(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('analytics settings (ANALYTICS_CONFIG)', () => {
  it('when a settings file is given, then its values apply over the DOMAIN.md defaults', () =>
    withSettingsFile({ strength: { halfLifeDays: 90 }, backgroundThreads: 2 }, async (path) => {
      const c = loadConfig({ ANALYTICS_CONFIG: path });
      expect(c.ANALYTICS_CONFIG.strength.halfLifeDays).toBe(90);
      expect(c.ANALYTICS_CONFIG).toMatchObject({ backgroundThreads: 2, betweenness: { samples: 200 } });
      expect(loadConfig({}).ANALYTICS_CONFIG.strength.halfLifeDays).toBe(180);
    }));

  it('when the settings file is missing, not JSON, or has a bad or unknown setting, then loading fails naming the file and the setting', async () => {
    expect(() => loadConfig({ ANALYTICS_CONFIG: '/nonexistent/analytics.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ ANALYTICS_CONFIG: '/nonexistent/analytics.json' })).toThrow(/ANALYTICS_CONFIG: cannot read \/nonexistent\/analytics\.json/);
    await withSettingsFile('{ not json', async (path) => {
      expect(() => loadConfig({ ANALYTICS_CONFIG: path })).toThrow(ConfigError);
    });
    await withSettingsFile({ strength: { halfLifeDays: -3 }, backgroundThreads: 'many', colour: 'blue' }, async (path) => {
      let message = '';
      try {
        loadConfig({ ANALYTICS_CONFIG: path });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/strength\.halfLifeDays/);
      expect(message).toMatch(/backgroundThreads/);
      expect(message).toMatch(/colour/);
    });
  });

  it('when the real server starts with a bad settings file, then it exits 1 with the message and serves nothing', () =>
    withSettingsFile({ halfLifeDays: 'soon' }, async (path, dir) => {
      const { code, output } = await runServerExpectingExit({ REFNET_DATA: join(dir, 'data'), ANALYTICS_CONFIG: path });
      expect(code).toBe(1);
      expect(output).toMatch(/halfLifeDays/);
    }));

  it('when betweenness is sampled on a worker thread in the real server, then the network metrics serve it once fresh, equal to networkx on karate (every person a source)', () =>
    withSettingsFile({ betweenness: { exactMaxPeople: 3, samples: 1000 }, backgroundThreads: 1 }, async (path, dir) => {
      const server = await startServerChild({ REFNET_DATA: join(dir, 'data'), ANALYTICS_CONFIG: path });
      try {
        expect((await call(server.url, 'POST', '/api/import', karate)).status).toBe(200);
        let body: { betweennessInfo: { status: string; exact: boolean | null; threads: number | null }; topBrokers: { person: string; betweenness: number }[] } | undefined;
        for (let i = 0; i < 200; i++) {
          const reply = await call(server.url, 'GET', '/api/metrics/network');
          expect(reply.status).toBe(200);
          body = reply.body;
          if (body!.betweennessInfo.status === 'fresh') break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(body!.betweennessInfo).toMatchObject({ status: 'fresh', exact: false, threads: 1 });
        expect(body!.topBrokers.length).toBe(10);
        for (const { person, betweenness } of body!.topBrokers) expect(betweenness).toBeCloseTo(expected.betweenness[person]!, 9);
      } finally {
        await server.stop();
      }
    }));
});
