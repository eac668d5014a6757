/**
 * Who writes (graph/service/contact-visibility.ts `Writer`): the actor whose writes
 * graph/service/permissions.ts checks — a signed-in account; API keys and the local user are not
 * restricted record by record (keys keep their scopes, checked by the auth guard; the local user
 * is the only user) — and the eyes it writes with, the same viewer as its reads (viewer.ts), so a
 * key that cannot read a private contact cannot write it either.
 */
import type { Request } from 'express';
import type { Writer } from '../../graph/service/contact-visibility.js';
import { viewerOf } from './viewer.js';

export function writerOf(req: Pick<Request, 'auth'>): Writer {
  const auth = req.auth;
  return { actor: auth?.mode === 'session' ? { role: auth.role, person: auth.person } : undefined, viewer: viewerOf(req) };
}
