/**
 * A small client for a refnet server: JSON in and out, problem+json turned into CliErrors with
 * the right exit code, and a connection failure turned into "is the server running?".
 */
import { ACT_AS_HEADER } from '../../api/security/act-as.js';
import type { z } from 'zod';
import { parseQuery } from '../../api/parse.js';
import { ValidationError, type Issue } from '../../graph/service/errors.js';
import { parseInput } from '../../graph/service/issues.js';
import { CliError, EXIT_RUNTIME, EXIT_USAGE } from './errors.js';
import { allowedValues, inCliWords } from './issue-words.js';
import { suggestedOption } from './suggested-fix.js';

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * The URL of an API path ("/api/paths") on a server that may be served under a base path (behind
 * a reverse proxy at /refnet/): `<base>/api/paths`, never the host's root. The one place request
 * URLs are made.
 */
export function apiUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(path.replace(/^\/+/, ''), base);
}

export class HttpClient {
  /** The person an admin key acts as (the Refnet-Act-As header, api/security/act-as.ts), once `--as` chose one. */
  private actingAs: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly apiKey?: string,
  ) {}

  /** True when requests carry an API key (so "me" is chosen per request with actAs, not with PUT /api/me). */
  get hasKey(): boolean {
    return Boolean(this.apiKey);
  }

  /** Acts as this person on every later request (an admin key: the server refuses it for any other). */
  actAs(person: string): void {
    this.actingAs = person;
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', path, query);
  }

  /** GET that answers undefined for a 404 "no such record" (a missing route is still an error). */
  async find<T>(path: string, query: Query = {}): Promise<T | undefined> {
    try {
      return await this.request<T>('GET', path, query);
    } catch (err) {
      if (err instanceof CliError && err.status === 404 && err.exitCode === EXIT_USAGE) return undefined;
      throw err;
    }
  }

  /** `onUpload` is told the bytes of the body sent so far, of the total (for an upload progress bar). */
  post<T>(path: string, body: string | Uint8Array, contentType: string, query: Query = {}, onUpload?: (sent: number, total: number) => void): Promise<T> {
    return this.request<T>('POST', path, query, body, contentType, onUpload);
  }

  put<T>(path: string, body: string, contentType: string): Promise<T> {
    return this.request<T>('PUT', path, {}, body, contentType);
  }

  /** A JSON Merge Patch (RFC 7396) of the record at `path`. */
  patch<T>(path: string, body: string): Promise<T> {
    return this.request<T>('PATCH', path, {}, body, 'application/merge-patch+json');
  }

  private async request<T>(method: string, path: string, query: Query, body?: string | Uint8Array, contentType?: string, onUpload?: (sent: number, total: number) => void): Promise<T> {
    const url = apiUrl(this.baseUrl, path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (contentType) headers['content-type'] = contentType;
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    if (this.actingAs !== undefined) headers[ACT_AS_HEADER] = this.actingAs;
    let res: Response;
    try {
      const sent = body !== undefined && onUpload ? uploadBody(body, onUpload) : body;
      res = await fetch(url, { method, headers, ...(sent !== undefined && { body: sent as RequestInit['body'] }), ...(sent instanceof ReadableStream && { duplex: 'half' }) });
    } catch (err) {
      // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, "bad port"…).
      const reason = (err as { cause?: { code?: string; message?: string } }).cause;
      const cause = reason?.code ?? reason?.message ?? (err as Error).message;
      throw new CliError(`cannot reach the refnet server at ${this.baseUrl} (${cause})`, EXIT_RUNTIME, 'start it with `refnet serve`, or unset REFNET_URL to use the data directory directly');
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`${method} ${url.pathname} answered ${res.status} with a body that is not JSON`, EXIT_RUNTIME, 'check that REFNET_URL points at a refnet server (with the path it is served under, e.g. http://host/refnet)');
    }
    if (res.ok) return json as T;
    throw problemError(res.status, json, path, query);
  }
}

/** Bytes handed to fetch at a time: small enough for a bar that moves, large enough to cost nothing. */
const UPLOAD_CHUNK = 64 * 1024;

/**
 * The body as a stream fetch pulls chunk by chunk (as the socket takes them: no read-ahead), each
 * chunk reported as sent. Without it fetch sends the body in one go and nothing can say how far it got.
 */
function uploadBody(body: string | Uint8Array, onUpload: (sent: number, total: number) => void): ReadableStream<Uint8Array> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let at = 0;
  onUpload(0, bytes.length);
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        const chunk = bytes.subarray(at, at + UPLOAD_CHUNK);
        at += chunk.length;
        controller.enqueue(chunk);
        onUpload(at, bytes.length);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Checks the option values a command will send to `path` with the schema the server reads that
 * query with (only the parameters given; ids come later, from names), before any store is opened:
 * a bad --as-of or --limit reads exactly as the server's 400 would, and is reported before a
 * missing data directory.
 */
export function checkQuery(schema: z.ZodObject, path: string, query: Query): void {
  const given = Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  const mask: Record<string, true> & Record<number, never> = {};
  for (const k of Object.keys(given)) mask[k] = true;
  const picked = schema.pick(mask);
  asServerWould(path, query, () => parseQuery(picked, { query: given }));
}

/**
 * Checks a request body the command will send to `path` with the schema the server reads it with,
 * before any store is opened. `flags` names the option each body field came from (`{kind:
 * '--kind'}`), so a problem names what was typed (`--kind: Invalid option…`), not `/kind`.
 */
export function checkBody(schema: z.ZodType, path: string, body: unknown, flags: Record<string, string> = {}): void {
  try {
    parseInput(schema, body);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const field = (pointer: string) => /^\/([^/]+)/.exec(pointer)?.[1] ?? '';
    const flag = (pointer: string) => flags[field(pointer)] ?? pointer;
    // What was typed for each flag, so an enum problem can say `(got "lunch")`.
    const typed = new Map(err.issues.map((i) => [flag(i.path), body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[field(i.path)] : undefined]));
    throw invalidInput(path, {}, err.issues.map((i) => ({ ...i, path: flag(i.path) })), (at) => typed.get(at));
  }
}

/** Problems found in a command's own input, worded as the server's 400 listing them would be. */
export function invalidInput(path: string, query: Query, issues: Issue[], given?: (at: string) => unknown): CliError {
  return problemError(400, { detail: new ValidationError(issues).message, errors: issues }, path, query, given);
}

/** A ValidationError read as the server's 400 answer to it would be (one wording from either side). */
function asServerWould(path: string, query: Query, check: () => unknown): void {
  try {
    check();
  } catch (err) {
    if (err instanceof ValidationError) throw invalidInput(path, query, err.issues);
    throw err;
  }
}

/**
 * The command-line spelling of a query parameter, so an error names what the user typed
 * ("--as-of", not "/query/asOf"). Parameters the CLI fills in itself keep the API's name.
 */
const OPTION_OF_QUERY: Record<string, string> = {
  asOf: '--as-of',
  maxHops: '--max-hops',
  limit: '--limit',
  k: '-k',
  dimension: '--dimension',
  target: '--target',
  allowAbsent: '--allow-absent',
  from: '--from',
  to: '--to',
  toCompany: '--to-company',
  where: '--where',
  q: 'TEXT',
  status: '--status',
  format: '--format',
  map: '--map',
  owner: '--owner',
};

function inCliTerms(text: string): string {
  return text.replace(/\/query\/(\w+)(?:\/[^\s:]*)?/g, (whole, param: string) => OPTION_OF_QUERY[param] ?? whole);
}

/** The value typed for a query parameter a problem names (`/query/status` → query.status), if any. */
function givenIn(query: Query, pointer: string): unknown {
  const param = /^\/query\/(\w+)/.exec(pointer)?.[1];
  return param === undefined ? undefined : query[param];
}

/** The hint for a problem listing the values an option takes: those values, ready to pick from. */
function allowedHint(problems: { path: string; message: string }[], rawErrors: Issue[]): string | undefined {
  for (const [i, e] of rawErrors.entries()) {
    const allowed = allowedValues(e.message);
    if (allowed !== undefined) return `give ${problems[i]!.path || 'it'} one of: ${allowed.join(', ')}`;
  }
  return undefined;
}

/**
 * A 403 says either that the key (or role) lacks a scope — the server names it, `requiredScope` —
 * or that the person acting may not make this change (only a request's connector accepts it): a
 * key cannot help with the second, acting as the right person can.
 */
function forbiddenHint(body: { requiredScope?: unknown }, path: string): string {
  if (typeof body.requiredScope === 'string') return `use a key with scope "${body.requiredScope}" or more (\`refnet keys create --scope ${body.requiredScope}\`)`;
  if (path.startsWith('/api/intro-requests')) {
    return 'this is about who acts, not the key: the connector accepts, declines and marks an introduction made, the requester reports its outcome; run it again with --as CONNECTOR (or --as REQUESTER), as `refnet intro list --as PERSON` shows them';
  }
  return 'this is about who acts, not the key: act as the person allowed to make this change with --as PERSON where the command takes it (with an admin API key, or in local mode)';
}

/** `given` tells the value typed for a problem's path (default: the query parameter it names). */
function problemError(status: number, body: unknown, path: string, query: Query, given: (at: string) => unknown = (at) => givenIn(query, at)): CliError {
  const p = (body ?? {}) as { title?: string; detail?: string; errors?: Issue[]; requiredScope?: unknown };
  const rawErrors = p.errors ?? [];
  const problems = rawErrors.map((e) => ({ path: inCliTerms(e.path), message: inCliWords(e.message, given(e.path)) }));
  // One problem whose detail only repeats it ("/query/status: Invalid option…"): said in the CLI's words.
  const only = rawErrors.length === 1 ? rawErrors[0]! : undefined;
  const repeatsIt = only !== undefined && p.detail === (only.path === '' ? only.message : `${only.path}: ${only.message}`);
  const message = repeatsIt ? (problems[0]!.path === '' ? problems[0]!.message : `${problems[0]!.path}: ${problems[0]!.message}`) : inCliTerms(p.detail ?? p.title ?? `HTTP ${status}`);
  if (status === 401) return new CliError(message, EXIT_RUNTIME, 'pass an API key with --api-key or REFNET_API_KEY (create one with `refnet keys create`)', [], status);
  if (status === 403) return new CliError(message, EXIT_RUNTIME, forbiddenHint(p, path), [], status);
  if (status === 404 && /no route/.test(message)) {
    return new CliError(message, EXIT_RUNTIME, 'this server does not offer that endpoint; is it an older refnet?');
  }
  if (status === 404) {
    const hint = path.startsWith('/api/intro-requests')
      ? 'check the request id: `refnet intro list` shows them'
      : path.startsWith('/api/referrals/')
        ? 'check the slip id: `refnet slip list PERSON` and `refnet week PERSON` show them'
        : 'check the id or name: `refnet people find TEXT` lists people, `--json` shows ids';
    return new CliError(message, EXIT_USAGE, hint, problems, status);
  }
  // Intro requests are made and answered as "me": the CLI chooses "me" with --as.
  if (status === 409 && /acts as no person/.test(message)) {
    return new CliError('this command acts as "me", and no person is chosen', EXIT_USAGE, 'add --as PERSON (your id or name): in local mode it chooses "me"; with an admin API key each request acts as that person', [], status);
  }
  if (status === 409 && path.startsWith('/api/intro-requests')) {
    return new CliError(message, EXIT_USAGE, 'see your requests and their status with `refnet intro list`', problems, status);
  }
  // A slip moves passed → contacted → won | lost (graph/service/referral-status.ts): the server says which move it refused.
  if (status === 409 && path.startsWith('/api/referrals/')) {
    return new CliError(message, EXIT_USAGE, 'a slip moves on, never back (passed → contacted → won or lost), and a won or lost slip is final: `refnet slip list PERSON` shows where each stands', problems, status);
  }
  // A near miss is offered as the option to type again; "…" stands for the rest of the command.
  const fix = status === 400 ? (p.errors ?? []).map((e) => suggestedOption(e, query)).find((f) => f !== undefined) : undefined;
  const tryFix = fix === undefined ? '' : `try … ${fix} (as suggested above); or `;
  const onTarget = status === 400 ? (p.errors ?? []).filter((e) => e.path === '/query/target') : [];
  // An empty list or item is no category to look up: the categories listed above would be none.
  if (onTarget.length && onTarget.every((e) => e.unknown === undefined)) {
    return new CliError(message, EXIT_USAGE, 'give the categories separated by commas, e.g. --target law,tech; or leave --target out to compare with the whole network', problems, status);
  }
  if (onTarget.length) {
    return new CliError(message, EXIT_USAGE, `${tryFix}use the categories listed above (any case, accents optional); to take categories no one holds yet as targets, add --allow-absent`, problems, status);
  }
  if (status === 400 && (p.errors ?? []).some((e) => /^\/query\/(dimension|where)/.test(e.path))) {
    return new CliError(message, EXIT_USAGE, `${tryFix}use one of the names listed above (values match in any case and without accents), e.g. --where industry=legal or -d industry`, problems, status);
  }
  const allowed = status === 400 ? allowedHint(problems, rawErrors) : undefined;
  if (allowed !== undefined) return new CliError(message, EXIT_USAGE, allowed, problems, status);
  if (status === 400 || status === 409 || status === 413 || status === 415) {
    return new CliError(message, EXIT_USAGE, 'fix the input named above and run it again (`refnet <command> --help` lists the options)', problems, status);
  }
  if (status === 503) return new CliError(message, EXIT_RUNTIME, 'the store is unavailable; retry in a few seconds');
  return new CliError(message, EXIT_RUNTIME, 'the server failed; its log has the details (the request id is in the message)');
}
