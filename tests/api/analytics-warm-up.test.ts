import { readFileSync } from 'node:fs';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { RecordSet } from '../../graph/record-set.js';
import { errorHandler } from '../../api/problem.js';
import { startServer } from '../../api/server.js';
import { warmUpGate } from '../../api/routes/warm-up-gate.js';
import { call, isProblem, withTestApi } from './harness.js';

const karate = JSON.parse(readFileSync(new URL('../fixtures/karate.json', import.meta.url), 'utf8'));

describe('analytics warm-up', () => {
  it('when the server is ready, then /readyz reports the analytics warm-up state, and analytics reads after an import wait for it', () =>
    withTestApi(async (api) => {
      const ready = await api.call('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(['cold', 'warming', 'warm']).toContain(ready.body.analytics.state);
      expect((await api.call('POST', '/api/import', karate)).status).toBe(200);
      const metrics = await api.call('GET', '/api/metrics/network');
      expect(metrics.status).toBe(200);
      expect(metrics.body.people).toBe(karate.people.length);
      const after = await api.call('GET', '/readyz');
      expect(after.body.analytics.state).toBe('warm');
      expect(after.body.analytics.builds).toBeGreaterThanOrEqual(1);
    }));

  it('when the warm-up outlasts the bounded wait, then an analytics read gets a 503 problem with Retry-After and a warming-up detail', async () => {
    // Far more than one slice of work: the build yields to the event loop and cannot finish in 0 ms.
    const PEOPLE = 150_000;
    const records = new RecordSet();
    for (let i = 0; i < PEOPLE; i++) records.apply({ op: 'put', kind: 'person', record: { id: `p${i}`, name: `p${i}` } });
    const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
    const app = express();
    app.use(warmUpGate(engine, { waitMs: 0 }));
    app.get('/metrics/network', (_req, res) => {
      res.json({ people: engine.projection.ties.order });
    });
    app.use(errorHandler);
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const reply = await call(server.url, 'GET', '/metrics/network');
      expect(isProblem(reply, 503, 'not-ready')).toBe(true);
      expect(reply.headers.get('retry-after')).toBe('5');
      expect(reply.body.detail).toMatch(/warming up/);
      // The warm-up it started goes on in the background; once warm, the same read answers.
      expect(await engine.whenWarm(60_000)).toBe(true);
      const again = await call(server.url, 'GET', '/metrics/network');
      expect(again.status).toBe(200);
      expect(again.body.people).toBe(PEOPLE);
    } finally {
      await server.stop(1000);
    }
  });
});
