/**
 * A small client for a refnet server: JSON in and out, problem+json turned into CliErrors with
 * the right exit code, and a connection failure turned into "is the server running?".
 */
import { CliError, EXIT_RUNTIME, EXIT_USAGE } from './errors.js';

export type Query = Record<string, string | number | boolean | undefined>;

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey?: string,
  ) {}

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

  post<T>(path: string, body: string | Uint8Array, contentType: string, query: Query = {}): Promise<T> {
    return this.request<T>('POST', path, query, body, contentType);
  }

  put<T>(path: string, body: string, contentType: string): Promise<T> {
    return this.request<T>('PUT', path, {}, body, contentType);
  }

  private async request<T>(method: string, path: string, query: Query, body?: string | Uint8Array, contentType?: string): Promise<T> {
    const url = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (contentType) headers['content-type'] = contentType;
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, ...(body !== undefined && { body: body as RequestInit['body'] }) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(`cannot reach the refnet server at ${this.baseUrl} (${cause})`, EXIT_RUNTIME, 'start it with `refnet serve`, or unset REFNET_URL to use the data directory directly');
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`${method} ${url.pathname} answered ${res.status} with a body that is not JSON`, EXIT_RUNTIME, 'check that REFNET_URL points at a refnet server');
    }
    if (res.ok) return json as T;
    throw problemError(res.status, json);
  }
}

function problemError(status: number, body: unknown): CliError {
  const p = (body ?? {}) as { title?: string; detail?: string; errors?: { path: string; message: string }[] };
  const message = p.detail ?? p.title ?? `HTTP ${status}`;
  if (status === 401 || status === 403) {
    return new CliError(message, EXIT_RUNTIME, 'pass an API key with --api-key or REFNET_API_KEY (create one with `refnet keys create`)');
  }
  if (status === 404 && /no route/.test(message)) {
    return new CliError(message, EXIT_RUNTIME, 'this server does not offer that endpoint; is it an older refnet?');
  }
  if (status === 404) return new CliError(message, EXIT_USAGE, 'check the id or name: `refnet people find TEXT` lists people, `--json` shows ids', p.errors ?? [], status);
  if (status === 400 && (p.errors ?? []).some((e) => /^\/query\/(dimension|where)/.test(e.path))) {
    return new CliError(message, EXIT_USAGE, 'use one of the names listed above (values match in any case and without accents), e.g. --where industry=legal or -d industry', p.errors ?? [], status);
  }
  if (status === 400 || status === 409 || status === 413 || status === 415) {
    return new CliError(message, EXIT_USAGE, 'fix the input named above and run it again (`refnet <command> --help` lists the options)', p.errors ?? [], status);
  }
  if (status === 503) return new CliError(message, EXIT_RUNTIME, 'the store is unavailable; retry in a few seconds');
  return new CliError(message, EXIT_RUNTIME, 'the server failed; its log has the details (the request id is in the message)');
}
