/**
 * Values drawn from a JSON Schema of the OpenAPI document: mostly valid ones (so requests get past
 * validation into the handlers), mixed with the hostile ones an attacker sends — names of
 * Object.prototype members, unicode edge cases, boundary and out-of-range numbers, huge strings.
 */
import type { JsonSchema } from './openapi-document.js';
import { DAY_MS } from '../../graph/analytics/time.js';

/** A seeded PRNG (mulberry32): a fuzz run is repeatable from its seed. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

export const HOSTILE_STRINGS = [
  '',
  ' ',
  ...PROTOTYPE_NAMES,
  'prototype',
  '__proto__.polluted',
  '😀',
  'e\u0301',
  '\u202eevil',
  '\u0000',
  '\ud800',
  '\uffff',
  'Ａｄｍｉｎ',
  '../../etc/passwd',
  '%',
  '%zz',
  '<script>alert(1)</script>',
  "'; DROP TABLE people; --",
  '1e309',
  '-0',
  'NaN',
  'null',
  'true',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01',
];

const HOSTILE_NUMBERS = [0, -1, 1, 1.5, -0.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 53) - 1, 1e308, -1e308, Number.MIN_VALUE];

export interface ValueContext {
  rng: Rng;
  /** Ids that exist in the network, so requests reach the handlers. */
  ids: string[];
  resolve(ref: string): JsonSchema;
  /** Probability of a hostile value where a valid one could go. */
  hostility: number;
}

/** A value for `schema` (valid most of the time, hostile with probability ctx.hostility). */
export function valueFor(schema: JsonSchema | undefined, ctx: ValueContext, depth = 0): unknown {
  const { rng } = ctx;
  if (!schema) return rng.pick(HOSTILE_STRINGS);
  if (typeof schema.$ref === 'string') return valueFor(ctx.resolve(schema.$ref), ctx, depth);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as JsonSchema[] | undefined;
    if (options?.length) return valueFor(rng.pick(options), ctx, depth);
  }
  if (schema.allOf) return valueFor((schema.allOf as JsonSchema[])[0], ctx, depth);
  if ('const' in schema) return rng.chance(ctx.hostility) ? rng.pick(HOSTILE_STRINGS) : schema.const;
  if (Array.isArray(schema.enum)) return rng.chance(ctx.hostility) ? rng.pick(HOSTILE_STRINGS) : rng.pick(schema.enum);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : ['string', 'object'];
  const type = rng.pick(types);
  if (rng.chance(ctx.hostility / 3)) return rng.pick<unknown>([null, true, 42, 'x', [], {}, ...HOSTILE_STRINGS.slice(0, 8)]);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rng.chance(0.5);
    case 'integer':
    case 'number':
      return numberFor(schema, type === 'integer', ctx);
    case 'array': {
      if (depth > 4) return [];
      const n = rng.int((schema.minItems as number | undefined) ?? 0, Math.min((schema.maxItems as number | undefined) ?? 3, 3));
      const prefix = schema.prefixItems as JsonSchema[] | undefined;
      if (prefix) return prefix.map((s) => valueFor(s, ctx, depth + 1));
      return Array.from({ length: n }, () => valueFor(schema.items as JsonSchema | undefined, ctx, depth + 1));
    }
    case 'object':
      return objectFor(schema, ctx, depth);
    default:
      return stringFor(schema, ctx);
  }
}

function numberFor(schema: JsonSchema, integer: boolean, ctx: ValueContext): number {
  const { rng } = ctx;
  const min = (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined);
  const max = (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum as number | undefined);
  if (rng.chance(ctx.hostility)) return rng.pick([...HOSTILE_NUMBERS, ...(min === undefined ? [] : [min - 1]), ...(max === undefined ? [] : [max + 1])]);
  const lo = min ?? 0;
  const hi = max ?? lo + 100;
  const v = lo + rng.next() * (Math.min(hi, lo + 1e6) - lo);
  return integer ? Math.round(v) : v;
}

function stringFor(schema: JsonSchema, ctx: ValueContext): string {
  const { rng } = ctx;
  if (rng.chance(ctx.hostility)) return rng.chance(0.05) ? 'x'.repeat(rng.int(5_000, 70_000)) : rng.pick(HOSTILE_STRINGS);
  const format = schema.format as string | undefined;
  const description = typeof schema.description === 'string' ? schema.description : '';
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
  if (format === 'date' || /date/i.test(description) || pattern.includes('\\d{4}')) {
    return rng.chance(0.5) ? `20${rng.int(10, 30)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` : new Date(Date.UTC(2020, 0, 1) + rng.int(0, 2_500) * DAY_MS).toISOString();
  }
  if (format === 'date-time') return new Date(Date.UTC(2020, 0, 1) + rng.int(0, 2_500) * DAY_MS).toISOString();
  if (format === 'email') return `p${rng.int(0, 999)}@example.org`;
  if (format === 'uri') return `https://example.org/${rng.int(0, 999)}`;
  if (ctx.ids.length && rng.chance(0.6)) return rng.pick(ctx.ids);
  const min = (schema.minLength as number | undefined) ?? 1;
  const max = Math.min((schema.maxLength as number | undefined) ?? 12, 24);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_ éß';
  return Array.from({ length: rng.int(min, Math.max(min, max)) }, () => rng.pick([...alphabet])).join('');
}

function objectFor(schema: JsonSchema, ctx: ValueContext, depth: number): Record<string, unknown> {
  const { rng } = ctx;
  const out = Object.create(null) as Record<string, unknown>;
  if (depth > 4) return out;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, s] of Object.entries(properties)) {
    if (required.has(name) ? !rng.chance(ctx.hostility / 4) : rng.chance(0.5)) out[name] = valueFor(s, ctx, depth + 1);
  }
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object' && rng.chance(0.5)) out[rng.chance(0.3) ? rng.pick(PROTOTYPE_NAMES) : stringFor({}, ctx)] = valueFor(extra as JsonSchema, ctx, depth + 1);
  if (rng.chance(ctx.hostility / 2)) out[rng.pick(PROTOTYPE_NAMES)] = valueFor(undefined, ctx, depth + 1);
  return out;
}
