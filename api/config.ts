/**
 * The service configuration: one declarative schema over the environment, validated once at
 * start. A bad value stops the process with a message naming the variable, never a late surprise.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { analyticsConfigSchema, type AnalyticsSettings } from '../graph/analytics/config.js';
import { queryInteger } from '../graph/service/query-number.js';

/** The whole-number settings' schemas: an empty value of one of them is refused, not taken as unset. */
const WHOLE_NUMBERS = new WeakSet<z.ZodType>();

/**
 * A whole-number setting, read by the query parameters' rule (graph/service/query-number.ts):
 * decimal digits only. `z.coerce.number()` read `PORT=0x10` as 16, `1e3` as 1000 and `" 80"` as
 * 80, and an empty `PORT=` fell back to the default: each a typo the service guessed at.
 */
function wholeNumber(bounds: { min: number; max?: number }, fallback: number) {
  const schema = z.preprocess((v) => v ?? String(fallback), queryInteger({ ...bounds, example: fallback }));
  WHOLE_NUMBERS.add(schema);
  return schema;
}

const bytes = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'must be a size such as 512kb, 50mb or 1048576');

export const configSchema = z.object({
  PORT: wholeNumber({ min: 0, max: 65535 }, 3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REFNET_DATA: z.string().min(1).default('./.refnet'),
  REFNET_STORE: z.enum(['embedded', 'neo4j']).default('embedded'),
  /**
   * Embedded store: start even though acknowledged writes are missing, keeping exactly this version
   * (the refusal to start names it). Set once, then remove: a different loss later refuses again.
   */
  REFNET_ACCEPT_DATA_LOSS: z.preprocess(
    (v) => (v === '' ? undefined : v), // set but empty (VAR= in a unit file) means unset, never version 0
    z
      .string()
      .regex(/^\d{1,15}$/, 'must be the version to keep, as named by the message that refused to start')
      .transform(Number)
      .optional(),
  ),
  NEO4J_URI: z.string().optional(),
  NEO4J_USER: z.string().optional(),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  /** Largest accepted body for POST /api/import. */
  BODY_LIMIT: bytes.default('50mb'),
  /** Largest accepted body for every other write. */
  JSON_BODY_LIMIT: bytes.default('1mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: human-readable lines when stdout is a terminal, JSON lines otherwise (api/logger.ts). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** How long SIGTERM waits for in-flight requests before closing connections anyway. */
  SHUTDOWN_TIMEOUT_MS: wholeNumber({ min: 0 }, 10_000),
  // ---- security and privacy (api/security, graph/privacy; see docs/SECURITY.md) ----
  /** API keys file; default <REFNET_DATA>/keys.json. */
  REFNET_KEYS_FILE: z.string().min(1).optional(),
  /** Origins allowed to call the API from a browser (comma-separated, or *); CORS is off when unset. */
  CORS_ORIGINS: z.string().optional(),
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address (X-Forwarded-For),
   * as Express's "trust proxy": a hop count, or comma-separated addresses / subnets / loopback,
   * linklocal, uniquelocal. Off by default, so a client cannot choose its own address; without it,
   * every client behind a proxy shares the proxy's address in the per-address limits.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be a hop count, or addresses, subnets or loopback/linklocal/uniquelocal, comma-separated')
    .optional()
    .transform((v): number | string[] | false => (v === undefined || v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((x) => x.trim()))),
  /** Browser sessions end after this many minutes without a request (api/security/sessions.ts). */
  SESSION_IDLE_MINUTES: wholeNumber({ min: 1, max: 7 * 24 * 60 }, 120),
  /** …and this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: wholeNumber({ min: 1, max: 90 * 24 }, 7 * 24),
  /** log2 of scrypt's N for new password hashes (api/security/password.ts); 17 is OWASP's advice (128 MiB). */
  PASSWORD_HASH_COST: wholeNumber({ min: 12, max: 20 }, 17),
  /** Requests per minute per API key (per address in local mode); 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: wholeNumber({ min: 0 }, 6000),
  /** Person attribute keys (or dimensions) holding sensitive data, comma-separated (health,religion). */
  SENSITIVE_ATTRIBUTES: z.string().default(''),
  /** The currency of referral values (ISO 4217), configured once: the browser shows every value in it ("€5,660"). */
  CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code (EUR, USD, GBP)')
    .transform((c) => c.toUpperCase())
    .default('EUR'),
  /** Smallest count shown for a category of a sensitive attribute (k); smaller cells are merged or hidden. */
  PRIVACY_MIN_COUNT: wholeNumber({ min: 2 }, 5),
  /**
   * A JSON file of analytics settings (VCP thresholds, cadences, half-life, paths, betweenness;
   * graph/analytics/config.ts, docs/ANALYTICS.md). Read and validated at start; holds the
   * resolved settings after parsing.
   */
  ANALYTICS_CONFIG: z
    .string()
    .min(1)
    .optional()
    .transform((path, ctx): AnalyticsSettings => {
      if (path === undefined) return analyticsConfigSchema.parse({});
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `cannot read ${path}: ${(err as Error).message}` });
        return z.NEVER;
      }
      const settings = analyticsConfigSchema.safeParse(json);
      if (!settings.success) {
        for (const issue of settings.error.issues) ctx.addIssue({ code: 'custom', message: `${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}` });
        return z.NEVER;
      }
      return settings.data;
    }),
});

export type Config = z.infer<typeof configSchema>;

/** Thrown with every invalid variable listed; the entry point prints it and exits 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`; but not for a whole number,
  // where `PORT=` is far likelier a value lost on the way (`PORT=$UNSET_VAR`) than a wish for 3000.
  const shape: Record<string, z.ZodType> = configSchema.shape;
  const isWholeNumber = (name: string) => Object.hasOwn(shape, name) && WHOLE_NUMBERS.has(shape[name]!);
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && (v !== '' || isWholeNumber(k))));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    // A whole number's refusal shows what was given: `PORT= 80` and `PORT=80` look alike in a unit file.
    const given = (name: string) => (isWholeNumber(name) ? ` (got ${JSON.stringify(present[name])})` : '');
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}${given(i.path.join('.'))}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (config.REFNET_STORE === 'neo4j' && !config.NEO4J_URI) {
    throw new ConfigError('invalid configuration:\n  NEO4J_URI: is required when REFNET_STORE=neo4j');
  }
  return config;
}
