/**
 * The operations of the OpenAPI document the service publishes, as request matchers: each
 * documented path as a pattern (`{id}` matches one path segment; case-insensitive, as Express
 * routes) with its methods and, per method, the query parameters it documents. The 405 and the
 * undocumented-query checks read them, so the answers and the documentation cannot disagree.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface DocumentedQuery {
  names: Set<string>;
  /** `where[DIMENSION]` documents every `where[…]`: kept as the prefix `where[`. */
  prefixes: string[];
}

export interface DocumentedPath {
  pattern: RegExp;
  /** Upper case, HEAD wherever GET is. */
  allow: string[];
  /** Per method (upper case): the query parameters it documents. */
  query: Map<string, DocumentedQuery>;
}

interface OpenApiLike {
  paths?: Record<string, Record<string, unknown>>;
}

/** The document's paths as matchers. */
export function documentedPaths(doc: OpenApiLike): DocumentedPath[] {
  return Object.entries(doc.paths ?? {}).map(([path, item]) => {
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const methods = METHODS.filter((m) => m in item);
    const allow = methods.map((m) => m.toUpperCase());
    const query = new Map(methods.map((m) => [m.toUpperCase(), documentedQuery(item[m])]));
    if (allow.includes('GET')) {
      allow.push('HEAD');
      query.set('HEAD', query.get('GET')!);
    }
    return { pattern: new RegExp(`^${source}/?$`, 'i'), allow, query };
  });
}

function documentedQuery(operation: unknown): DocumentedQuery {
  const names = ((operation as { parameters?: { in?: string; name?: string }[] }).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name ?? '');
  return { names: new Set(names), prefixes: names.filter((n) => n.endsWith(']') && n.includes('[')).map((n) => n.slice(0, n.indexOf('[') + 1)) };
}
