/**
 * The security layer of the API, built once from the configuration by the composition root:
 * guards run on every /api request before the body is read (CORS preflight, authentication and
 * scopes, per-key rate limit), and a router for whoami and key administration. Building it checks
 * the bind address: a non-loopback HOST with no usable key throws ConfigError (exit 1, says why).
 */
import type { RequestHandler, Router } from 'express';
import type { StorePort } from '../../graph/store/port.js';
import type { Config } from '../config.js';
import { authGuard } from './auth-guard.js';
import { cors, parseOrigins } from './cors.js';
import { keysFilePath } from './key-file.js';
import { KeyRing } from './key-ring.js';
import { assertSafeBinding, isLoopbackHost } from './local-mode.js';
import { rateLimit } from './rate-limit.js';
import { securityRouter } from './security-router.js';

export { LOG_REDACTION } from './log-redaction.js';

export type SecurityConfig = Pick<Config, 'HOST' | 'REFNET_DATA' | 'REFNET_KEYS_FILE' | 'CORS_ORIGINS' | 'RATE_LIMIT_PER_MINUTE'>;

export interface Security {
  guards: RequestHandler[];
  router(store: StorePort): Router;
  keysFile: string;
  /** 'local' while bound to loopback and no key was ever created; 'keys' otherwise (at start; keys may be added later). */
  mode: 'local' | 'keys';
}

/** Builds the security layer; throws ConfigError for an unsafe bind or an unusable keys file. */
export function createSecurity(config: SecurityConfig): Security {
  const keysFile = keysFilePath(config);
  const ring = new KeyRing(keysFile);
  ring.refresh();
  assertSafeBinding(config.HOST, ring.activeCount, keysFile, ring.error?.message);
  const localBind = isLoopbackHost(config.HOST);
  const guards: RequestHandler[] = [];
  const corsGuard = cors(parseOrigins(config.CORS_ORIGINS));
  if (corsGuard) guards.push(corsGuard);
  guards.push(authGuard(ring, { localBind }));
  if (config.RATE_LIMIT_PER_MINUTE > 0) guards.push(rateLimit(config.RATE_LIMIT_PER_MINUTE));
  return {
    guards,
    keysFile,
    mode: localBind && ring.keyCount === 0 ? 'local' : 'keys',
    router: (store) => securityRouter({ keysFile, store }),
  };
}
