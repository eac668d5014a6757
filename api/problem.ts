/**
 * RFC 9457 problem details. Every 4xx/5xx response of the API is `application/problem+json`
 * built here, and `errorHandler` is the only place where errors become HTTP statuses: typed
 * domain and store errors map to their status; anything unknown is a 500 that carries only the
 * request id (the stack is logged once, by pino-http, and never sent).
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Issue } from '../graph/service/errors.js';
import { ProjectionFailedError } from '../graph/projection/lazy-projection.js';
import { StoreFullError, StoreUnavailableError } from '../graph/store/port.js';

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

/** Sends a problem response for the request. */
export function sendProblem(req: Request, res: Response, type: ProblemType, detail?: string, members: Record<string, unknown> = {}): void {
  const { status, title } = PROBLEM_TYPES[type];
  const body: Problem = {
    type: problemTypeUri(type),
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    instance: req.originalUrl,
    requestId: typeof req.id === 'string' ? req.id : '',
    ...members,
  };
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
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
  const mapped = classify(err);
  if (mapped.type === 'internal' || mapped.type === 'store-unavailable' || mapped.type === 'store-full') {
    // pino-http logs the response once, with this error and its stack, at completion.
    res.err = err instanceof Error ? err : new Error(String(err));
  }
  for (const [name, value] of Object.entries(mapped.headers ?? {})) res.setHeader(name, value);
  sendProblem(req, res, mapped.type, mapped.detail, mapped.members);
};

/** At most this many problems are listed in one response; `errorsOmitted` counts the rest. */
export const MAX_LISTED_ERRORS = 1000;

interface Mapped {
  type: ProblemType;
  detail?: string;
  members?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function classify(err: unknown): Mapped {
  if (err instanceof ValidationError) {
    // A million-record import with a systematic mistake must not answer with a million entries.
    const shown = err.issues.slice(0, MAX_LISTED_ERRORS);
    const omitted = err.issues.length - shown.length;
    return { type: 'validation', detail: err.message, members: omitted > 0 ? { errors: shown, errorsOmitted: omitted } : { errors: shown } };
  }
  if (err instanceof NotFoundError) return { type: 'not-found', detail: err.message };
  if (err instanceof ConflictError) return { type: 'conflict', detail: err.message };
  if (err instanceof ForbiddenError) return { type: 'forbidden', detail: err.message };
  if (err instanceof HttpProblem) return { type: err.problemType, detail: err.detail, members: err.extra.members, headers: err.extra.headers };
  if (err instanceof StoreUnavailableError) return { type: 'store-unavailable', detail: 'the store cannot be reached; retry later', headers: { 'Retry-After': '5' } };
  if (err instanceof ProjectionFailedError) return { type: 'not-ready', detail: 'the analytics projection failed to build; it is retried after the next change', headers: { 'Retry-After': '5' } };
  // The router's decoding of a path parameter (a request-line check refuses these first).
  if (err instanceof URIError) return { type: 'validation', detail: 'the request path has malformed percent-encoding' };
  if (err instanceof StoreFullError) return { type: 'store-full', detail: 'the store is out of space; nothing was written' };
  const bodyError = classifyBodyParserError(err);
  if (bodyError) return bodyError;
  return { type: 'internal', detail: 'an unexpected error occurred; quote the request id when reporting it' };
}

/** Errors raised by express.json (body-parser) carry a `type`; their messages are safe to show. */
function classifyBodyParserError(err: unknown): Mapped | undefined {
  if (!err || typeof err !== 'object' || !('type' in err)) return undefined;
  const e = err as { type?: unknown; message?: string; limit?: number; length?: number };
  switch (e.type) {
    case 'entity.too.large':
      return { type: 'payload-too-large', detail: `the body is ${e.length ?? 'more than'} bytes; the limit here is ${e.limit} bytes` };
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
