/**
 * Checks a response against the OpenAPI document: the status must be one the operation documents,
 * the content type one it documents for that status, and the body must match that schema. Errors
 * anywhere must be RFC 9457 problems. Returns what is wrong, or undefined.
 */
import type { z } from 'zod';
import { compileSchema, findOperation, operationsOf, type OpenApiDocument } from './openapi-document.js';

export interface SeenResponse {
  method: string;
  /** The request URL or path (a query string is ignored). */
  url: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body, or the text when it is not JSON; undefined for no body. */
  body: unknown;
}

export type ResponseCheck = (response: SeenResponse) => string | undefined;

/** A checker for one document (schemas are compiled once, on first use). */
export function responseChecker(doc: OpenApiDocument): ResponseCheck {
  const ops = operationsOf(doc);
  const compiled = new Map<string, z.ZodType>();
  const schemaFor = (key: string, schema: Record<string, unknown>) => {
    let s = compiled.get(key);
    if (!s) compiled.set(key, (s = compileSchema(doc, schema)));
    return s;
  };
  const problem = doc.components?.schemas?.Problem;

  return ({ method, url, status, contentType, body }) => {
    const pathname = new URL(url, 'http://x').pathname;
    const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const where = `${method} ${pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname} → ${status}`;
    const op = findOperation(ops, method, pathname);
    if (!op) {
      // Not a documented operation (404, 405, a static file): errors must still be problems.
      if (status < 400 || !problem || method.toUpperCase() === 'HEAD') return undefined;
      if (media !== 'application/problem+json') return `${where}: error with content type "${media}", not application/problem+json`;
      return explain(where, schemaFor('#Problem', problem).safeParse(body));
    }
    const documented = op.op.responses[String(status)] ?? op.op.responses.default;
    if (!documented) return `${where}: status not documented for ${op.method.toUpperCase()} ${op.path} (documented: ${Object.keys(op.op.responses).join(', ')})`;
    if (method.toUpperCase() === 'HEAD') return undefined;
    const content = documented.content;
    if (!content) return body === undefined || body === '' ? undefined : `${where}: a body where the document says none`;
    const entry = content[media];
    if (!entry) return `${where}: content type "${media}" not documented (documented: ${Object.keys(content).join(', ')})`;
    if (!entry.schema) return undefined;
    return explain(where, schemaFor(`${op.method} ${op.path} ${status} ${media}`, entry.schema).safeParse(body));
  };
}

function explain(where: string, result: z.ZodSafeParseResult<unknown>): string | undefined {
  if (result.success) return undefined;
  const issues = result.error.issues.slice(0, 5).map((i) => `/${i.path.join('/')}: ${i.message}`);
  return `${where}: body does not match the documented schema: ${issues.join('; ')}`;
}
