/**
 * The security layer of the API, built once from the configuration by the composition root:
 * guards run on every /api request before the body is read (CORS preflight, authentication and
 * scopes, per-key rate limit), and a router for whoami and key administration. Building it checks
 * the bind address: a non-loopback HOST with no usable key throws ConfigError (exit 1, says why).
 */
import type { Request, RequestHandler, Router } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import type { StorePort } from '../../graph/store/port.js';
import { accountsFilePath } from './account-file.js';
import { ACT_AS_HEADER, actingAs } from './act-as.js';
import { AccountBook } from './account-book.js';
import { localMeFilePath, readLocalMe, relinkLocalMe } from './local-me.js';
import { SessionAuth } from './session-auth.js';
import { sessionRouter } from './session-router.js';
import { adminAccountsRouter } from './admin-accounts-router.js';
import { relinkAccounts } from './accounts.js';
import type { AccountHolders } from '../../graph/service/account-holders.js';
import { SessionStore } from './sessions.js';
import type { SignInLimits } from './sign-in-limit.js';
import { ConfigError, type Config } from '../config.js';
import { authGuard } from './auth-guard.js';
import { cors, parseOrigins } from './cors.js';
import { keysFilePath } from './key-file.js';
import { KeyRing } from './key-ring.js';
import { assertSafeBinding, isLoopbackHost } from './local-mode.js';
import { rateLimit } from './rate-limit.js';
import { securityRouter } from './security-router.js';

export { LOG_REDACTION } from './log-redaction.js';

export type SecurityConfig = Pick<Config, 'HOST' | 'REFNET_DATA' | 'REFNET_KEYS_FILE' | 'CORS_ORIGINS' | 'RATE_LIMIT_PER_MINUTE'> &
  Partial<Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS' | 'PASSWORD_HASH_COST'>>;

export interface SecurityOptions {
  /** The sessions' clock (tests move it instead of sleeping). */
  clock?: () => number;
  signInLimits?: SignInLimits;
}

export interface Security {
  guards: RequestHandler[];
  router(store: StorePort): Router;
  /** POST/DELETE /session, GET/PUT /me, PUT /me/password. */
  sessionRouter(service: NetworkService): Router;
  /** /admin/accounts: account administration without a shell on the server. */
  adminAccountsRouter(service: NetworkService): Router;
  /** The person a request acts as: the signed-in account's, or local mode's chosen one; null for a key or before choosing. */
  meOf: (req: Request) => string | null;
  keysFile: string;
  accountsFile: string;
  /** Who signs in as which person, for the network's writes (a delete, a merge, making someone private). */
  accountHolders: AccountHolders;
  sessions: SessionStore;
  /** 'local' while bound to loopback and no key or account was ever created; 'keys' otherwise (at start; keys may be added later). */
  mode: 'local' | 'keys';
}

/** Builds the security layer; throws ConfigError for an unsafe bind or an unusable keys file. */
export function createSecurity(config: SecurityConfig, options: SecurityOptions = {}): Security {
  const keysFile = keysFilePath(config);
  const ring = new KeyRing(keysFile);
  ring.refresh();
  const accountsFile = accountsFilePath(config);
  const book = new AccountBook(accountsFile);
  book.refresh();
  // Signed-in accounts are a way in as good as keys: either lets the server listen beyond loopback.
  if (book.error) throw new ConfigError(`refusing to start: the accounts file is unusable: ${book.error.message}`);
  assertSafeBinding(config.HOST, ring.activeCount + book.activeCount, keysFile, ring.error?.message);
  const sessions = new SessionStore({ idleMs: (config.SESSION_IDLE_MINUTES ?? 120) * 60_000, absoluteMs: (config.SESSION_ABSOLUTE_HOURS ?? 168) * 3_600_000 }, options.clock);
  const accounts = new SessionAuth(book, sessions);
  const passwordCost = config.PASSWORD_HASH_COST ?? 17;
  const localBind = isLoopbackHost(config.HOST);
  const guards: RequestHandler[] = [];
  const corsGuard = cors(parseOrigins(config.CORS_ORIGINS));
  if (corsGuard) guards.push(corsGuard);
  guards.push(authGuard(ring, { localBind, accounts }));
  if (config.RATE_LIMIT_PER_MINUTE > 0) guards.push(rateLimit(config.RATE_LIMIT_PER_MINUTE));
  // The one place that decides who a request is: every "me" route (GET /api/me included) asks it.
  const meOf = (req: Request): string | null =>
    req.headers[ACT_AS_HEADER] !== undefined ? actingAs(req) : req.auth?.mode === 'session' ? req.auth.person : req.auth?.mode === 'local' ? readLocalMe(localMeFilePath(config)) : null;
  const accountHolders: AccountHolders = {
    of: (person) => {
      book.refresh();
      return book.enabledOf(person).map((a) => a.email);
    },
    relink: async (from, to) => {
      await relinkAccounts(accountsFile, from, to);
      book.refresh();
      relinkLocalMe(localMeFilePath(config), from, to);
    },
    released: async (person) => relinkLocalMe(localMeFilePath(config), person, null),
  };
  return {
    guards,
    keysFile,
    accountsFile,
    accountHolders,
    sessions,
    mode: localBind && ring.keyCount === 0 && book.count === 0 ? 'local' : 'keys',
    router: (store) => securityRouter({ keysFile, store }),
    meOf,
    sessionRouter: (service) =>
      sessionRouter({ auth: accounts, accountsFile, service, meFile: localMeFilePath(config), meOf, passwordCost, ...(options.signInLimits && { limits: options.signInLimits }) }),
    adminAccountsRouter: (service) => adminAccountsRouter({ accountsFile, auth: accounts, service, passwordCost }),
  };
}
