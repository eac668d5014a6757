/**
 * The actor whose writes graph/service/permissions.ts checks: a signed-in account. API keys and
 * the local user are not restricted record by record (keys keep their scopes, checked by the auth
 * guard; the local user is the only user).
 */
import type { Request } from 'express';
import type { Actor } from '../../graph/service/permissions.js';

export function writerOf(req: Pick<Request, 'auth'>): Actor | undefined {
  const auth = req.auth;
  return auth?.mode === 'session' ? { role: auth.role, person: auth.person } : undefined;
}
