/**
 * One fuzz request for an operation of the document: path parameters, query parameters and a body
 * drawn from their schemas (values.ts), with the occasional malformed encoding, unknown parameter,
 * wrong content type or broken body a hostile client sends.
 */
import type { Operation } from './openapi-document.js';
import { HOSTILE_STRINGS, PROTOTYPE_NAMES, valueFor, type ValueContext } from './values.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Node refuses request heads over 16 KB with a bare 431 before the app sees them (issue #11 item
 * 5, handled at the server), so values in the URL stay under it; bodies get the huge strings.
 */
const MAX_URL_VALUE = 2_000;
/** Percent-encoded; a lone surrogate (which encodeURIComponent refuses) is sent as invalid UTF-8 bytes instead. */
const encode = (value: unknown) => {
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, MAX_URL_VALUE);
  return text.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');
};

export function requestFor(operation: Operation, ctx: ValueContext): FuzzRequest {
  const { rng } = ctx;
  const params = operation.op.parameters ?? [];
  let path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    if (rng.chance(ctx.hostility / 4)) return rng.pick(['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%FF', '%00', '..', '%2F']);
    return encode(valueFor(p?.schema ?? { type: 'string' }, ctx));
  });
  const query: string[] = [];
  for (const p of params.filter((x) => x.in === 'query')) {
    if (!(p.required || rng.chance(0.5))) continue;
    // where[DIMENSION] is a template: fill the dimension in.
    const name = p.name.replace('[DIMENSION]', `[${rng.pick(['industry', 'profession', 'location', ...PROTOTYPE_NAMES.slice(0, 3)])}]`);
    query.push(`${encode(name)}=${encode(valueFor(p.schema, ctx))}`);
  }
  if (rng.chance(ctx.hostility / 3)) query.push(`${encode(rng.pick(HOSTILE_STRINGS))}=${encode(rng.pick(HOSTILE_STRINGS))}`);
  if (rng.chance(ctx.hostility / 6)) query.push(rng.pick(['%', 'a=%zz', 'a[b][c]=1', 'a=1&a=2']));
  if (query.length) path += `?${query.join('&')}`;
  const request: FuzzRequest = { method: operation.method.toUpperCase(), path, headers: {} };
  // A forged or malformed key: the 401 (and, past the failure limit, 429) answers are checked too.
  if (rng.chance(ctx.hostility / 10)) request.headers[rng.pick(['authorization', 'x-api-key'])] = rng.pick(['Bearer rk_forged', 'Bearer ', 'Basic YTpi', 'rk_' + 'x'.repeat(300), '__proto__']);

  const content = operation.op.requestBody?.content;
  if (content) {
    const media = rng.pick(Object.keys(content));
    const type = rng.chance(ctx.hostility / 4) ? rng.pick(['text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded']) : media;
    request.headers['content-type'] = type;
    request.body = media.includes('json') ? jsonBody(content[media]?.schema, ctx) : media === 'text/csv' ? csvBody(ctx) : media === 'text/vcard' ? vcardBody(ctx) : String(valueFor(content[media]?.schema, ctx));
  }
  return request;
}

function jsonBody(schema: Parameters<typeof valueFor>[0], ctx: ValueContext): string {
  const { rng } = ctx;
  if (rng.chance(ctx.hostility / 5)) return rng.pick(['{', '[]', 'null', '"x"', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}', '\u0000', '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]']);
  return JSON.stringify(valueFor(schema, ctx));
}

const cell = (ctx: ValueContext) => {
  const v = ctx.rng.chance(ctx.hostility) ? ctx.rng.pick(HOSTILE_STRINGS) : ctx.rng.pick(['Ada Lovelace', 'ACME', 'law', 'ada@example.org', '2025-03-01', '1200', ...ctx.ids.slice(0, 20)]);
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
};

function csvBody(ctx: ValueContext): string {
  const { rng } = ctx;
  const columns = ['First Name', 'Last Name', 'Email Address', 'Company', 'Position', 'Connected On', 'id', 'name', 'industry', 'from', 'to', 'date', 'kind', 'status', 'value', `attr.${rng.pick(PROTOTYPE_NAMES)}`, rng.pick(HOSTILE_STRINGS)];
  const header = Array.from({ length: rng.int(1, 8) }, () => rng.pick(columns));
  const rows = Array.from({ length: rng.int(0, 6) }, () => header.map(() => cell(ctx)).join(','));
  return [header.map((h) => (/[",\n]/.test(h) ? `"${h.replaceAll('"', '""')}"` : h)).join(','), ...rows].join(rng.chance(0.5) ? '\r\n' : '\n');
}

function vcardBody(ctx: ValueContext): string {
  const { rng } = ctx;
  const cards = Array.from({ length: rng.int(0, 3) }, () => {
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${cell(ctx)}`];
    if (rng.chance(0.5)) lines.push(`EMAIL:${cell(ctx)}`, `ORG:${cell(ctx)}`);
    if (rng.chance(0.3)) lines.push('NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=', ' =3D', `X-${rng.pick(PROTOTYPE_NAMES)}:${cell(ctx)}`);
    if (!rng.chance(ctx.hostility / 2)) lines.push('END:VCARD');
    return lines.join('\r\n');
  });
  return cards.join('\r\n');
}
