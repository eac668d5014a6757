/**
 * OpenTelemetry traces: off (nothing loaded) unless an OTEL_* variable asks for them; when asked,
 * a request to the real server produces an HTTP span named by its route template.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTracing, tracingRequested } from '../../api/tracing.js';
import { startServerChild } from '../faults/server-child.js';

describe('tracing', () => {
  it('when no OTEL_* variable asks for traces, then none is requested, and a switched-off SDK stays off', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_SERVICE_NAME: 'refnet' })).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: '' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_SDK_DISABLED: 'false' })).toBe(true);
  });

  it('when tracing is not requested, then starting it loads nothing of OpenTelemetry', () => {
    expect(startTracing({})).toBeUndefined();
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('@opentelemetry'));
    expect(loaded).toEqual([]);
  });

  it('when OTEL_TRACES_EXPORTER=console, then a request to the server produces a span with its route template', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-otel-'));
    const server = await startServerChild({ REFNET_DATA: dir, LOG_FORMAT: 'json', OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'refnet-test' });
    try {
      expect((await fetch(`${server.url}/api/people/someone-not-there`)).status).toBe(404);
      // The console exporter prints each span as it ends: wait for the one of this request.
      await expect.poll(() => server.output(), { timeout: 20_000, interval: 100 }).toMatch(/name: 'GET \/api\/people\/:id'/);
      expect(server.output()).toMatch(/'http\.route': '\/api\/people\/:id'/);
      expect(server.output()).toMatch(/'service\.name': 'refnet-test'/);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('when the server stops, then the spans still buffered for export reach the collector', async () => {
    const received: string[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'refnet-otel-'));
    const server = await startServerChild({
      REFNET_DATA: dir,
      LOG_FORMAT: 'json',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // No periodic export during the test: only the shutdown can send the span.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    try {
      expect((await fetch(`${server.url}/api/people/someone-not-there`)).status).toBe(404);
      expect(received).toEqual([]);
      expect(await server.stop()).toBe(0);
      expect(received.some((r) => r.startsWith('/v1/traces ') && r.includes('/api/people/:id'))).toBe(true);
    } finally {
      await server.kill();
      await new Promise((resolve) => collector.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
