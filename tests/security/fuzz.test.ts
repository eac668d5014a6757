/**
 * CI's small-budget run of the schema-driven fuzzer (npm run fuzz): every operation of the
 * published document gets requests drawn from its schemas, hostile values included, against a
 * real server on 127.0.0.1 with the sample network; no 5xx and no response the document does not
 * allow. docs/SECURITY.md records a longer run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../scripts/fuzz/local-server.js';
import { fuzz } from '../../scripts/fuzz/run.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('schema-driven fuzzing', () => {
  it('when every documented operation gets fuzzed requests, then no 5xx and every response matches the document', async () => {
    // A fixed seed keeps CI repeatable; FUZZ_SEED explores other request streams.
    const seed = Number(process.env.FUZZ_SEED ?? 20261204);
    const report = await fuzz({ baseUrl: server.url, requests: 900, seconds: 45, seed });
    const summary = `seed ${seed}: ${JSON.stringify(report.findings.slice(0, 10), null, 1)}`;
    expect(report.operationsExercised, summary).toBe(report.operations);
    expect(report.requests).toBeGreaterThanOrEqual(report.operations);
    expect(report.serverErrors, summary).toBe(0);
    expect(report.schemaViolations, summary).toBe(0);
    // The run reached the handlers, not only the validators.
    expect((report.byStatus['200'] ?? 0) + (report.byStatus['201'] ?? 0)).toBeGreaterThan(report.requests / 10);
  }, 120_000);
});

describe('the fuzzer itself', () => {
  it('when a server answers 500 or a body its document does not allow, then the run counts and reports them', async () => {
    const { createServer } = await import('node:http');
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/api/boom': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } } } } } } },
        '/api/drift': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } } } } } } },
      },
    };
    const fake = createServer((req, res) => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/api/openapi.json') return send(200, doc);
      if (req.url?.startsWith('/api/boom')) return send(500, { n: 1 });
      if (req.url?.startsWith('/api/drift')) return send(200, { n: 'one' });
      send(404, {});
    });
    await new Promise<void>((ok) => fake.listen(0, '127.0.0.1', ok));
    try {
      const { port } = fake.address() as { port: number };
      const report = await fuzz({ baseUrl: `http://127.0.0.1:${port}`, requests: 10, seconds: 10, seed: 1 });
      expect(report.requests).toBe(10);
      expect(report.serverErrors).toBe(5);
      expect(report.schemaViolations).toBe(5);
      expect(report.findings.map((f) => f.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/\/api\/boom → 500/), expect.stringMatching(/\/api\/drift → 200: body does not match.*\/n/)]));
    } finally {
      fake.close();
    }
  });
});
