/**
 * Test harness: a real refnet (embedded store in a temp dir) served over real HTTP on port 0,
 * and a small fetch wrapper that returns status, headers and the parsed body, having checked the
 * response against the OpenAPI document (tests/support/openapi-check.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { problemTypeUri, type ProblemType } from '../../api/problem.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { assertDocumented } from '../support/openapi-check.js';
import type { Clock } from '../../graph/support/clock.js';

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface TestApi {
  url: string;
  dir: string;
  refnet: Refnet;
  /** JSON request; a string body is sent as is (for malformed JSON). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

/** Starts a refnet over a fresh temp data dir; env overrides the config (e.g. BODY_LIMIT); `clock` sets the server's now. */
export async function startTestApi(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestApi> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-api-'));
  const config = loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent', ...env });
  const refnet = await createRefnet(config, { logger: pino({ level: 'silent' }), ...options });
  let running: RunningServer;
  try {
    running = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
  } catch (err) {
    await refnet.close();
    throw err;
  }
  return {
    url: running.url,
    dir,
    refnet,
    call: (method, path, body, headers) => call(running.url, method, path, body, headers),
    async close() {
      await running.stop(1000);
      await refnet.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn against a fresh test API and always closes it. */
export async function withTestApi<T>(fn: (api: TestApi) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const api = await startTestApi(env);
  try {
    return await fn(api);
  } finally {
    await api.close();
  }
}

/** One HTTP request against a base URL. */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const reply = { status: res.status, headers: res.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
  assertDocumented({ method, url: path, status: reply.status, contentType: type, body: text === '' ? undefined : reply.body });
  return reply;
}

/**
 * Asserts the shape every error response shares (RFC 9457) and, when given, the problem type: the
 * kind of error, which tests check instead of the wording of `detail`.
 */
export function isProblem(reply: Reply, status: number, type?: ProblemType): boolean {
  return (
    reply.status === status &&
    (type === undefined || reply.body?.type === problemTypeUri(type)) &&
    (reply.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
    reply.body?.status === status &&
    typeof reply.body?.type === 'string' &&
    typeof reply.body?.title === 'string' &&
    typeof reply.body?.requestId === 'string'
  );
}
