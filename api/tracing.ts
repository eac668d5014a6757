/**
 * OpenTelemetry traces, off by default and configured by the standard OTEL_* variables
 * (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER…,
 * read by @opentelemetry/sdk-node itself). scripts/serve.ts imports this module first: the
 * instrumentations must patch http and express before they are loaded, so the SDK is loaded with
 * a synchronous require (an `await import` here would let the modules after it load first). When no
 * variable asks for traces, nothing of OpenTelemetry is loaded at all.
 */
import { createRequire } from 'node:module';

type Env = Record<string, string | undefined>;

/** Whether the environment asks for traces: an exporter or an OTLP endpoint named, or the SDK switched on. */
export function tracingRequested(env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  return (
    env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'false' ||
    (exporter !== undefined && exporter !== '' && exporter !== 'none') ||
    Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) ||
    Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
  );
}

export interface Tracing {
  /** Exports the spans still buffered and stops tracing. */
  shutdown(): Promise<void>;
}

/** Starts the OpenTelemetry SDK with HTTP and Express instrumentation when the environment asks for it. */
export function startTracing(env: Env = process.env): Tracing | undefined {
  if (!tracingRequested(env)) return undefined;
  const require = createRequire(import.meta.url);
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME, when set, wins over this default (the SDK reads it from the environment).
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: 'refnet' }),
    instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()],
    // Traces only: metrics are scraped from /metrics and logs go to stdout, so the SDK's default
    // OTLP metric and log exporters stay off unless their own variable names one.
    ...(env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
  });
  sdk.start();
  // The instrumentations patch modules as CommonJS loads them, but ESM `import express` (run
  // through tsx's loader) does not pass through that hook. Loaded here with require, express is
  // patched and cached, and every later import of it gets this patched instance.
  require('express');
  return sdk;
}

/** The process's tracing, started on import (scripts/serve.ts imports this module first). */
export const tracing = startTracing();
