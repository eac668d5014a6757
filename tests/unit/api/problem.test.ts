/**
 * api/problem.ts is the one place errors become HTTP: each error type the code throws maps to
 * its problem type and status (asserted by type, never by message), every 400 lists `errors`
 * with JSON-pointer paths, and an async route that throws reaches the handler (Express 5).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnknownIdError } from '../../../graph/analytics/context.js';
import { DimensionInputError, DimensionInputErrors } from '../../../graph/analytics/dimensions.js';
import { PathLimitError } from '../../../graph/analytics/path-limits.js';
import { ImportFormatError } from '../../../graph/importers/drafts.js';
import { ProjectionFailedError } from '../../../graph/projection/lazy-projection.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../graph/service/errors.js';
import { StoreFullError, StoreUnavailableError } from '../../../graph/store/port.js';
import { parseQuery } from '../../../api/parse.js';
import { HttpProblem, PROBLEM_TYPES, clientErrorProblem, errorHandler, problemBody, problemOf, type ProblemType } from '../../../api/problem.js';
import { UnknownKeyError } from '../../../api/security/keys.js';

const zodError = z.strictObject({ limit: z.number() }).safeParse({ limit: 'ten', extra: 1 }).error!;

const lwa = new DimensionInputError('no one has industry "lwa" (did you mean "Law"?)', [{ value: 'lwa', didYouMean: ['Law'] }], 'industry');
const vp = new DimensionInputError('no one has tag "vp" (did you mean "vip"?)', [{ value: 'vp', didYouMean: ['vip'] }], 'tag');

const CASES: [string, unknown, ProblemType][] = [
  ['DimensionInputError', lwa, 'validation'],
  ['DimensionInputErrors', new DimensionInputErrors([lwa, vp]), 'validation'],
  ['ValidationError', new ValidationError([{ path: '/people/0/name', message: 'is required' }]), 'validation'],
  ['ZodError', zodError, 'validation'],
  ['PathLimitError', new PathLimitError('maxHops', 8, 9), 'validation'],
  ['ImportFormatError (an option at fault)', new ImportFormatError('bad column mapping', 'map'), 'validation'],
  ['ImportFormatError (the file at fault)', new ImportFormatError('the file has no header row'), 'validation'],
  ['URIError', new URIError('URI malformed'), 'validation'],
  ['NotFoundError', new NotFoundError('no person with id "x"'), 'not-found'],
  ['UnknownIdError', new UnknownIdError('group', 'g9'), 'not-found'],
  ['UnknownKeyError', new UnknownKeyError('no key k1'), 'not-found'],
  ['ConflictError', new ConflictError('id taken'), 'conflict'],
  ['HttpProblem', new HttpProblem('too-many-requests', 'slow down', { headers: { 'Retry-After': '3' } }), 'too-many-requests'],
  ['StoreUnavailableError', new StoreUnavailableError('connection refused'), 'store-unavailable'],
  ['StoreFullError', new StoreFullError('ENOSPC'), 'store-full'],
  ['ProjectionFailedError', new ProjectionFailedError('boom'), 'not-ready'],
  ['a body-parser error', Object.assign(new Error('too large'), { type: 'entity.too.large', limit: 10, length: 20 }), 'payload-too-large'],
  ['an unknown error', new Error('secret detail'), 'internal'],
  ['a thrown non-error', 'a string', 'internal'],
];

describe('problemOf', () => {
  it.each(CASES)('when the error is %s, then its problem type is the one mapped', (_name, err, type) => {
    expect(problemOf(err).type).toBe(type);
  });

  it('when an error is mapped to a 400, then the body lists errors with paths', () => {
    for (const [, err, type] of CASES) {
      const mapped = problemOf(err);
      const body = problemBody(mapped.type, mapped.detail, mapped.members);
      expect(body.status).toBe(PROBLEM_TYPES[type].status);
      if (body.status !== 400) continue;
      expect(Array.isArray(body.errors) && body.errors.length > 0).toBe(true);
      for (const issue of body.errors!) expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
    }
  });

  it('when the error names its field, then the issue points at it: query options under /query, zod paths as they are', () => {
    expect(problemOf(new PathLimitError('k', 10, 11)).members?.errors).toEqual([expect.objectContaining({ path: '/query/k' })]);
    expect(problemOf(new ImportFormatError('unknown owner', 'owner')).members?.errors).toEqual([expect.objectContaining({ path: '/query/owner' })]);
    expect(problemOf(new ImportFormatError('no header row')).members?.errors).toEqual([expect.objectContaining({ path: '' })]);
    expect((problemOf(zodError).members?.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['', '/limit']);
  });

  it('when a dimension or category is unknown, then its issue carries each value with its near misses (`unknown`), one issue per parameter', () => {
    expect(problemOf(lwa)).toEqual({ type: 'validation', detail: lwa.message, members: { errors: [{ path: '/query/industry', message: lwa.message, unknown: [{ value: 'lwa', didYouMean: ['Law'] }] }] } });
    const both = problemOf(new DimensionInputErrors([lwa, vp]));
    expect(both.detail).toBe('2 problems in the input');
    expect(both.members?.errors).toEqual([
      { path: '/query/industry', message: lwa.message, unknown: [{ value: 'lwa', didYouMean: ['Law'] }] },
      { path: '/query/tag', message: vp.message, unknown: [{ value: 'vp', didYouMean: ['vip'] }] },
    ]);
  });

  it('when the error is unknown, then nothing of its message is shown', () => {
    expect(problemOf(new Error('secret detail')).detail).not.toContain('secret');
  });

  it('when Node refuses a request before Express, then it maps here too (431, 408, else a 400 with errors)', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(clientErrorProblem(err('HPE_HEADER_OVERFLOW')).type).toBe('header-fields-too-large');
    expect(clientErrorProblem(err('ERR_HTTP_REQUEST_TIMEOUT')).type).toBe('request-timeout');
    const other = clientErrorProblem(err('HPE_INVALID_METHOD'));
    expect(other.type).toBe('validation');
    expect(problemBody(other.type, other.detail).errors).toHaveLength(1);
  });
});

describe('errorHandler over HTTP', () => {
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    const app = express();
    app.set('query parser', 'simple');
    // Async handlers that throw: Express 5 forwards the rejection to the error handler.
    app.get('/unknown-id', async () => {
      await Promise.resolve();
      throw new UnknownIdError('person', 'p1');
    });
    app.get('/query', async (req) => {
      await Promise.resolve();
      parseQuery(z.strictObject({ limit: z.coerce.number().int().max(5) }), req);
    });
    app.use(errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  it('when an async route throws a domain error, then the answer is its problem+json', async () => {
    const r = await fetch(`${url}/unknown-id`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await r.json()).toMatchObject({ type: 'urn:refnet:problem:not-found', status: 404, instance: '/unknown-id' });
  });

  it('when parseQuery refuses a query, then a 400 lists every field under /query', async () => {
    const r = await fetch(`${url}/query?limit=9&colour=red`);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { type: string; errors: { path: string }[] };
    expect(body.type).toBe('urn:refnet:problem:validation');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['/query', '/query/limit']);
  });
});

describe('a problem with the whole body', () => {
  it('when the one problem is the body itself (path ""), then the detail is its message, with no "/:" before it', () => {
    const whole = problemOf(new ValidationError([{ path: '', message: 'a patch must be a JSON object' }]));
    expect(whole.detail).toBe('a patch must be a JSON object');
    const parsed = z.strictObject({ name: z.string() }).safeParse([]);
    const fromZod = problemOf(parsed.error);
    expect(fromZod.detail).not.toMatch(/^\/?:/);
    expect(fromZod.detail).toMatch(/expected object, received array/);
    expect(fromZod.members?.errors).toEqual([{ path: '', message: fromZod.detail }]);
    // a field keeps its path
    expect(problemOf(new ValidationError([{ path: '/name', message: 'is required' }])).detail).toBe('/name: is required');
  });
});
