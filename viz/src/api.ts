/**
 * The pages' only way to the server: JSON over fetch, problems (RFC 9457) turned into ApiError
 * with the server's detail, so every failure can be shown to the user in words.
 */
import type { UnknownValue } from '../../graph/service/errors.js';
import { asText, pick } from './dom.js';
import { issueForPeople, sentence } from './issue-words.js';

export type { MapNode, MapResponse } from '../../graph/map/schema.js';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** GET a JSON resource; query values that are undefined or empty are left out. */
export async function getJson<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return send<T>(qs ? `${path}?${qs}` : path, { method: 'GET' });
}

/** Send a JSON body with any method (POST, PUT, PATCH, DELETE) and read the JSON answer. */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(path, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** POST a body (JSON, or text with its content type) and read the JSON answer. */
export async function postBody<T>(path: string, body: unknown, contentType = 'application/json'): Promise<T> {
  // A file (Blob) goes as its bytes, undecoded: the server reads its encoding.
  const payload = contentType === 'application/json' ? JSON.stringify(body) : body instanceof Blob ? body : String(body);
  return send<T>(path, { method: 'POST', headers: { 'content-type': contentType }, body: payload });
}

/** POST a file's bytes as they are (the server decodes them: UTF-8, or Windows-1252) and read the JSON answer; `signal` stops waiting. */
export async function postFile<T>(path: string, file: Blob, contentType: string, signal?: AbortSignal): Promise<T> {
  return send<T>(path, { method: 'POST', headers: { 'content-type': contentType }, body: file, ...(signal ? { signal } : {}) });
}

const KEY_STORAGE = 'refnet.apiKey';

/**
 * A server with API keys needs one on every request: open the page as /#key=TOKEN once and the
 * key is kept for the tab's session (the fragment never reaches the server or its logs).
 */
function apiKey(): string | undefined {
  const m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(KEY_STORAGE, decodeURIComponent(m[1]!));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
}

/**
 * After a start-up or a bulk import the server answers analytics and map reads with 503 and
 * Retry-After while its graph projection warms up: reads wait and ask again (bounded) instead of
 * showing an error for something that fixes itself within seconds.
 */
const WARM_UP_RETRY_LIMIT_MS = 5 * 60_000;

/** A read waiting for the server: what it said (the 503's detail, as a sentence) and when it is asked again. */
export interface Waiting {
  url: string;
  words: string;
  retryAfterS: number;
}
const waitingListeners = new Set<(w: Waiting) => void>();

/** Hears every wait of fetchWaitingForWarmUp, so a page can say why it is still loading; returns the unsubscribe. */
export function onWaiting(listener: (w: Waiting) => void): () => void {
  waitingListeners.add(listener);
  return () => waitingListeners.delete(listener);
}

export async function fetchWaitingForWarmUp(url: string, init: RequestInit): Promise<Response> {
  const deadline = Date.now() + WARM_UP_RETRY_LIMIT_MS;
  for (;;) {
    const res = await fetch(url, init);
    const retryAfter = Number(res.headers.get('retry-after'));
    const canRetry = res.status === 503 && (init.method ?? 'GET') === 'GET' && retryAfter > 0;
    if (!canRetry || Date.now() + retryAfter * 1000 > deadline) return res;
    const wait = Math.min(retryAfter, 10);
    if (waitingListeners.size) {
      const problem = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      for (const listener of waitingListeners) listener({ url, words: problemWords(problem, res.statusText), retryAfterS: wait });
    }
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

/** Who is using the pages (GET /api/me): a signed-in account, the local user, or an API key. */
export interface Me {
  person: string | null;
  name: string | null;
  role: 'member' | 'organiser' | 'admin' | null;
  email?: string;
  csrfToken?: string;
  local?: true;
  key?: { id: string; name: string; scope: string };
}

let me: Promise<Me> | undefined;

/** GET /api/me once per page (a 401 sends the browser to the sign-in page). */
export function getMe(): Promise<Me> {
  me ??= send<Me>('/api/me', { method: 'GET' }).catch((err: unknown) => {
    me = undefined;
    throw err;
  });
  return me;
}

/** Ends the session and goes to the sign-in page. */
export async function signOut(): Promise<void> {
  await send('/api/session', { method: 'DELETE' });
  me = undefined;
  location.assign('/signin.html');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write authenticated by the session cookie must carry the session's CSRF token (X-CSRF-Token),
 * which only our pages can read, from GET /api/me. Key and local-mode writes need none.
 */
async function csrfHeader(method: string, key: string | undefined): Promise<Record<string, string>> {
  if (key || SAFE_METHODS.has(method.toUpperCase())) return {};
  const token = (await getMe()).csrfToken;
  return token ? { 'x-csrf-token': token } : {};
}

/** The sign-in page, coming back here afterwards. */
export function signInUrl(): string {
  return `/signin.html?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

async function send<T>(url: string, init: RequestInit): Promise<T> {
  const key = apiKey();
  const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  // Reading /api/me and signing in are the two requests that cannot carry a token yet.
  const csrf = url === '/api/me' || url === '/api/session' && init.method === 'POST' ? {} : await csrfHeader(init.method ?? 'GET', key);
  const res = await fetchWaitingForWarmUp(url, { ...init, headers: { accept: 'application/json', ...auth, ...csrf, ...(init.headers ?? {}) } });
  // Not signed in (or the session ended): the pages ask for sign-in instead of showing an error.
  if (res.status === 401 && !key && !location.pathname.endsWith('/signin.html')) {
    location.assign(signInUrl());
    return new Promise<T>(() => undefined);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const p = (data ?? {}) as Record<string, unknown>;
    let words = problemWords(p, res.statusText);
    if (res.status === 401 && key) words += ' — this API key is not accepted: open the page as /#key=YOUR_KEY with a valid one, or sign in at /signin.html';
    throw new ApiError(res.status, words, p);
  }
  return data as T;
}

/**
 * What a failed request says to the user: the problem's detail in words (its title when it has
 * none), as a sentence — "Unknown person \"zz\"", never "404: unknown person…". The HTTP status
 * stays on ApiError.status for the code that branches on it (and the browser's console logs it).
 */
export function problemWords(problem: Record<string, unknown>, statusText = ''): string {
  const words = [problem.detail, problem.title, statusText].find((w): w is string => typeof w === 'string' && w.trim() !== '')?.trim() ?? 'The request failed';
  return sentence(words);
}

export { sentence };

/**
 * The values a 400 refused on one parameter (`path`, e.g. "/query/target"), each with the closest
 * known spellings, as the problem lists them in `errors[].unknown` (docs/API.md "Errors"): for a
 * page to offer the fixes as buttons rather than words. Undefined when the error is no such 400.
 */
export function unknownValues(err: unknown, path: string): UnknownValue[] | undefined {
  const errors = err instanceof ApiError && err.status === 400 ? err.problem?.errors : undefined;
  const issue: unknown = Array.isArray(errors) ? errors.find((x) => pick(x, 'path') === path) : undefined;
  if (issue === undefined) return undefined;
  const listed = pick(issue, 'unknown');
  return (Array.isArray(listed) ? (listed as unknown[]) : []).flatMap((u) => {
    const value = pick(u, 'value');
    const near = pick(u, 'didYouMean');
    return typeof value === 'string' ? [{ value, didYouMean: Array.isArray(near) ? near.filter((n): n is string => typeof n === 'string') : [] }] : [];
  });
}

/**
 * One problem of a 400's errors[] in words: a single field's name leads ("From must not be after
 * to", "Until: must be after …"), a deeper path (a record of an import) stays as a path.
 */
export function issueWords(issue: unknown): string {
  const raw = pick(issue, 'path');
  const segments = (Array.isArray(raw) ? raw.map((x) => asText(x)) : asText(raw).split('/')).filter((x) => x !== '');
  const at = segments[0] === 'query' || segments[0] === 'body' ? segments.slice(1) : segments;
  const message = asText(pick(issue, 'message'), 'is not valid').trim();
  // A record of an import keeps its path: the row it names is how the user finds it.
  if (at.length > 1) return `/${segments.join('/')}: ${message}`;
  // A form's field problem the pages know how to say in the user's words is said so, without the field's API name.
  const words = issueForPeople({ path: segments.join('/'), message });
  if (words.known) return words.message;
  if (at.length === 0) return sentence(message);
  const name = at[0]!;
  const named = message.toLowerCase().startsWith(`${name.toLowerCase()} `) ? message : `${name}: ${message}`;
  return sentence(named);
}

/**
 * A failure in words, one line per problem: a 400's errors[] each once (its detail, which only
 * restates them, is left out), else the problem's detail.
 */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const errors = err.problem?.errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const lines = [...new Set(errors.map(issueWords))];
      const restated = errors.every((e) => err.message.includes(asText(pick(e, 'message'), '\u0000')));
      const shown = lines.slice(0, 12).map((l) => (restated && lines.length === 1 ? l : `• ${l}`));
      return [...(restated ? [] : [err.message]), ...shown, lines.length > 12 ? `… and ${lines.length - 12} more` : ''].filter(Boolean).join('\n');
    }
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
