/**
 * The fuzz loop: reads /api/openapi.json from a running refnet, then sends requests drawn from the
 * document to its operations in turn (every operation gets its share) until the request or time
 * budget runs out. A 5xx, or a response the document does not allow, is a finding.
 */
import { operationsOf, type OpenApiDocument } from './openapi-document.js';
import { requestFor } from './requests.js';
import { responseChecker } from './response-check.js';
import { Rng, type ValueContext } from './values.js';

export interface FuzzOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  requests: number;
  seconds: number;
  seed?: number;
  /** Sent with every request (e.g. an API key). */
  headers?: Record<string, string>;
  /** Share of hostile values (0–1); default 0.3. */
  hostility?: number;
  /** Requests in flight at once; default 2. */
  concurrency?: number;
}

export interface Finding {
  request: string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  operations: number;
  operationsExercised: number;
  requests: number;
  seconds: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  schemaViolations: number;
  /** The first findings (5xx and schema violations), with the request that caused each. */
  findings: Finding[];
}

const MAX_FINDINGS = 50;

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const headers = options.headers ?? {};
  const doc = (await (await fetch(`${options.baseUrl}/api/openapi.json`, { headers })).json()) as OpenApiDocument;
  const ops = operationsOf(doc);
  const check = responseChecker(doc);
  const rng = new Rng(seed);
  const ctx: ValueContext = {
    rng,
    ids: await knownIds(options.baseUrl, headers),
    hostility: options.hostility ?? 0.3,
    resolve: (ref) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {},
  };
  const report: FuzzReport = { seed, operations: ops.length, operationsExercised: 0, requests: 0, seconds: 0, byStatus: {}, serverErrors: 0, schemaViolations: 0, findings: [] };
  const exercised = new Set<number>();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let next = 0;

  const worker = async () => {
    while (next < options.requests && performance.now() < deadline) {
      const i = next++ % ops.length;
      exercised.add(i);
      const req = requestFor(ops[i]!, ctx);
      const label = `${req.method} ${req.path.slice(0, 300)}${req.body === undefined ? '' : ` [${req.headers['content-type']}] ${req.body.slice(0, 300)}`}`;
      let status: number;
      let problem: string | undefined;
      try {
        const res = await fetch(options.baseUrl + req.path, { method: req.method, headers: { ...headers, ...req.headers }, body: req.body, signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        status = res.status;
        const type = res.headers.get('content-type');
        let body: unknown = text === '' ? undefined : text;
        if (text !== '' && type?.includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            problem = `${type} body is not JSON`;
          }
        }
        problem ??= check({ method: req.method, url: req.path, status, contentType: type, body });
      } catch (err) {
        status = 599;
        problem = `no response: ${(err as Error).message}`;
      }
      report.requests++;
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      if (status >= 500) report.serverErrors++;
      else if (problem) report.schemaViolations++;
      if (status >= 500 || problem) {
        if (report.findings.length < MAX_FINDINGS) report.findings.push({ request: label, problem: problem ?? `status ${status}` });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  report.operationsExercised = exercised.size;
  return report;
}

/** Ids in the network (people, groups, companies, events), so requests reach the handlers. */
async function knownIds(baseUrl: string, headers: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${baseUrl}/api/export`, { headers });
  if (!res.ok) return [];
  const doc = (await res.json()) as Record<string, { id?: string }[]>;
  return ['people', 'groups', 'companies', 'events'].flatMap((k) => (doc[k] ?? []).slice(0, 50).map((r) => r.id ?? '')).filter(Boolean);
}
