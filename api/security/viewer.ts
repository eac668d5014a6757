/**
 * Whose eyes an answer is for (graph/service/contact-visibility.ts decides what they see): a
 * member or organiser session is its person; an admin session, an admin key and the local user
 * see everything; a read or write key is nobody (the shared network only).
 */
import type { Request } from 'express';
import { SEES_ALL, type ContactViewer } from '../../graph/service/contact-visibility.js';

export function viewerOf(req: Pick<Request, 'auth'>): ContactViewer {
  const auth = req.auth;
  if (auth === undefined || auth.mode === 'local' || auth.scope === 'admin') return SEES_ALL;
  if (auth.mode === 'session') return auth.role === 'admin' ? SEES_ALL : { seesAll: false, person: auth.person };
  return { seesAll: false, person: undefined };
}
