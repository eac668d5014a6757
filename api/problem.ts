/**
 * RFC 9457 problem details. Every 4xx/5xx response of the API is `application/problem+json`
 * built here, and `problemOf` is the only place where errors become HTTP statuses: typed domain,
 * analytics, import, zod and store errors map to their problem type; anything unknown is a 500
 * that carries only the request id (the stack is logged once, by pino-http, and never sent).
 * Routes throw; Express 5 forwards what an async handler rejects with to `errorHandler`.
 * Every 400 lists its problems in `errors` (JSON pointers: /query/<name> for the query, into the
 * body for a body, "" for the request as a whole).
 */
import { maxHeaderSize } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { PeriodError } from '../graph/analytics/chapter.js';
import { UnknownIdError } from '../graph/analytics/context.js';
import { DimensionInputError, DimensionInputErrors } from '../graph/analytics/dimensions.js';
import { PathLimitError } from '../graph/analytics/path-limits.js';
import { PathToSelfError } from '../graph/analytics/warm-paths.js';
import { ImportFormatError } from '../graph/importers/drafts.js';
import { MAP_LAYOUT_RETRY_AFTER_S, MapLayoutPendingError } from '../graph/map/map-view.js';
import { ProjectionFailedError } from '../graph/projection/lazy-projection.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Issue } from '../graph/service/errors.js';
import { issuesFromZod } from '../graph/service/issues.js';
import { StoreFullError, StoreUnavailableError } from '../graph/store/port.js';
import { UnknownKeyError } from './security/keys.js';
import { AccountExistsError, AccountInputError, UnknownAccountError } from './security/accounts.js';

/** The problem types refnet answers with (documented in docs/API.md). */
export const PROBLEM_TYPES = {
  validation: { status: 400, title: 'Invalid input' },
  'malformed-json': { status: 400, title: 'Malformed JSON' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'header-fields-too-large': { status: 431, title: 'Request header fields too large' },
  internal: { status: 500, title: 'Internal server error' },
  'store-unavailable': { status: 503, title: 'Store unavailable' },
  'not-ready': { status: 503, title: 'Not ready' },
  'store-full': { status: 507, title: 'Insufficient storage' },
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of a problem response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  /** Every invalid field, for validation problems. */
  errors?: Issue[];
  [extension: string]: unknown;
}

/** An error that already knows its problem type: thrown by middleware (auth, limits, routing). */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly problemType: ProblemType,
    readonly detail?: string,
    /** Extra members of the problem body, and headers to send with it (e.g. Retry-After). */
    readonly extra: { members?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? PROBLEM_TYPES[problemType].title);
  }
}

/** The URI of a problem type. */
export function problemTypeUri(type: ProblemType): string {
  return `urn:refnet:problem:${type}`;
}

/** The body of a problem of `type`; a 400 always lists its problems (the detail, for the whole request, when none is given). */
export function problemBody(type: ProblemType, detail?: string, members: Record<string, unknown> = {}): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  const errors = status === 400 && !Array.isArray(members.errors) ? { errors: [{ path: '', message: detail ?? title }] } : {};
  return { type: problemTypeUri(type), title, status, ...(detail === undefined ? {} : { detail }), ...members, ...errors };
}

/** Sends a problem response for the request. */
export function sendProblem(req: Request, res: Response, type: ProblemType, detail?: string, members: Record<string, unknown> = {}): void {
  const body = problemBody(type, detail, { instance: req.originalUrl, requestId: typeof req.id === 'string' ? req.id : '', ...members });
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** A 404 problem for any route nothing else answered. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(req, res, 'not-found', `no route for ${req.method} ${req.path}`);
};

/** The one error-to-HTTP mapping of the service. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    // Too late for a problem body: let Express close the connection.
    return next(err);
  }
  const mapped = problemOf(err);
  if (mapped.type === 'internal' || mapped.type === 'store-unavailable' || mapped.type === 'store-full') {
    // pino-http logs the response once, with this error and its stack, at completion.
    res.err = err instanceof Error ? err : new Error(String(err));
  }
  for (const [name, value] of Object.entries(mapped.headers ?? {})) res.setHeader(name, value);
  sendProblem(req, res, mapped.type, mapped.detail, mapped.members);
};

/** At most this many problems are listed in one response; `errorsOmitted` counts the rest. */
export const MAX_LISTED_ERRORS = 1000;

/** What an error is answered with. */
export interface Mapped {
  type: ProblemType;
  detail?: string;
  members?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The one error-to-problem mapping: each error type to its problem type, detail and members. */
export function problemOf(err: unknown): Mapped {
  if (err instanceof ValidationError) return invalid(err.issues, err.message);
  // A schema parsed outside parseQuery (a body, a setting): its paths as they are.
  if (err instanceof ZodError) return invalid(issuesFromZod(err));
  if (err instanceof PathToSelfError) return invalid([{ path: `/query/${err.parameter}`, message: err.message }]);
  if (err instanceof PathLimitError) {
    return invalid([{ path: `/query/${err.field}`, message: `must be at most ${err.cap} (the service's paths.${err.field}Cap setting)` }]);
  }
  // An unknown dimension or a category no one holds: a 400 on the parameter that named it.
  if (err instanceof DimensionInputError) return invalid([dimensionIssue(err)], err.message);
  if (err instanceof DimensionInputErrors) return invalid(err.errors.map(dimensionIssue));
  if (err instanceof PeriodError) return invalid([{ path: '/query/from', message: err.message }]);
  // An option at fault is named as this API spells it, in the detail too ("/query/owner: …"): the
  // message leaves that to each surface (the CLI says --owner).
  if (err instanceof ImportFormatError) {
    const message = err.hint === undefined ? err.message : `${err.message}; ${err.hint}`;
    const issue = { path: err.option === undefined ? '' : `/query/${err.option}`, message };
    return invalid([issue], err.option === undefined ? message : undefined);
  }
  if (err instanceof NotFoundError || err instanceof UnknownKeyError || err instanceof UnknownAccountError) return { type: 'not-found', detail: err.message };
  if (err instanceof AccountExistsError) return { type: 'conflict', detail: err.message };
  // Bad account input the request schema let through (an email that is not one): on its field.
  if (err instanceof AccountInputError) return invalid([{ path: err.field === undefined ? '' : `/${err.field}`, message: err.message }]);
  if (err instanceof UnknownIdError) return { type: 'not-found', detail: `unknown ${err.kind} ${JSON.stringify(err.id)}` };
  if (err instanceof ConflictError) return { type: 'conflict', detail: err.message };
  if (err instanceof ForbiddenError) return { type: 'forbidden', detail: err.message };
  if (err instanceof HttpProblem) return { type: err.problemType, detail: err.detail, members: err.extra.members, headers: err.extra.headers };
  if (err instanceof StoreUnavailableError) return { type: 'store-unavailable', detail: 'the store cannot be reached; retry later', headers: { 'Retry-After': '5' } };
  if (err instanceof MapLayoutPendingError) return { type: 'not-ready', detail: err.message, members: { layingOut: true }, headers: { 'Retry-After': String(MAP_LAYOUT_RETRY_AFTER_S) } };
  if (err instanceof ProjectionFailedError) return { type: 'not-ready', detail: 'the analytics projection failed to build; it is retried after the next change', headers: { 'Retry-After': '5' } };
  // The router's decoding of a path parameter (a request-line check refuses these first).
  if (err instanceof URIError) return { type: 'validation', detail: 'the request path has malformed percent-encoding' };
  if (err instanceof StoreFullError) return { type: 'store-full', detail: 'the store is out of space; nothing was written' };
  const bodyError = classifyBodyParserError(err);
  if (bodyError) return bodyError;
  return { type: 'internal', detail: 'an unexpected error occurred; quote the request id when reporting it' };
}

/** The issue of an unknown dimension or category: on its parameter, each value with its near misses (`unknown`) for programs to offer. */
function dimensionIssue(err: DimensionInputError): Issue {
  return { path: `/query/${err.parameter}`, message: err.message, unknown: err.unknown };
}

/** A validation problem listing its issues (the first MAX_LISTED_ERRORS). */
function invalid(issues: Issue[], detail = new ValidationError(issues).message): Mapped {
  // A million-record import with a systematic mistake must not answer with a million entries.
  const shown = issues.slice(0, MAX_LISTED_ERRORS);
  const omitted = issues.length - shown.length;
  return { type: 'validation', detail, members: omitted > 0 ? { errors: shown, errorsOmitted: omitted } : { errors: shown } };
}

/** A request Node's HTTP parser refused before Express saw it (server.ts answers it on the socket). */
export function clientErrorProblem(err: NodeJS.ErrnoException): Mapped {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return { type: 'header-fields-too-large', detail: `the request line and headers are larger than the server accepts (${maxHeaderSize} bytes); shorten the URL or the headers` };
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { type: 'request-timeout', detail: 'the request was not received in time' };
  return { type: 'validation', detail: 'the request is not valid HTTP/1.1' };
}

/** Errors raised by express.json (body-parser) carry a `type`; their messages are safe to show. */
function classifyBodyParserError(err: unknown): Mapped | undefined {
  if (!err || typeof err !== 'object') return undefined;
  // A body whose Content-Encoding (gzip, deflate, br) does not decode: zlib's error, given a 400 by
  // body-parser but no `type`.
  if ((err as { status?: unknown }).status === 400 && typeof (err as { errno?: unknown }).errno === 'number' && typeof (err as { code?: unknown }).code === 'string') {
    return { type: 'validation', detail: 'the body does not decode as its Content-Encoding says; send it encoded that way, or without Content-Encoding' };
  }
  if (!('type' in err)) return undefined;
  const e = err as { type?: unknown; message?: string; limit?: number; length?: number };
  switch (e.type) {
    case 'entity.too.large':
      // No length when the body is compressed: it passed the limit while it was being inflated.
      return { type: 'payload-too-large', detail: e.length === undefined ? `the body is larger, decompressed, than the limit here (${e.limit} bytes)` : `the body is ${e.length} bytes; the limit here is ${e.limit} bytes` };
    case 'entity.parse.failed':
      return { type: 'malformed-json', detail: `the body is not valid JSON: ${e.message ?? ''}`.trim() };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { type: 'unsupported-media-type', detail: e.message };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'entity.verify.failed':
      return { type: 'validation', detail: e.message };
    default:
      return undefined;
  }
}
