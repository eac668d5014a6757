/**
 * The published OpenAPI document as the fuzzer and the response checks read it: its operations
 * with a path pattern each, and JSON Schemas turned into zod (z.fromJSONSchema) so a schema is
 * checked exactly as the document states it, with its component $refs resolved.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface Operation {
  method: string;
  path: string;
  pattern: RegExp;
  op: OperationObject;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document, with a pattern matching its request paths (`{id}`: one segment). */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    for (const method of METHODS) {
      const op = item[method];
      if (op) out.push({ method, path, pattern: new RegExp(`^${source}/?$`), op });
    }
  }
  return out;
}

/** The operation a request path and method fall on, if the document has it. */
export function findOperation(ops: Operation[], method: string, pathname: string): Operation | undefined {
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  // A literal path wins over a templated one (/api/map/sample over /api/map/{x}, were there one).
  const hits = ops.filter((o) => o.method === m && o.pattern.test(pathname));
  return hits.find((o) => !o.path.includes('{')) ?? hits[0];
}

/** A zod schema for a JSON Schema of the document, with #/components/schemas refs resolved. */
export function compileSchema(doc: OpenApiDocument, schema: JsonSchema): z.ZodType {
  const rewrite = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  const root = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...(rewrite(schema) as JsonSchema), $defs: rewrite(doc.components?.schemas ?? {}) };
  return z.fromJSONSchema(root as Parameters<typeof z.fromJSONSchema>[0]);
}
