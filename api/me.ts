/**
 * Who "me" is for a request: the security layer knows (a signed-in account's person, or local
 * mode's chosen one — api/security, `meOf`). A request that is let in but is nobody (an API key,
 * or local mode before "who are you?" is answered) gets 409: signing in is not what it lacks.
 */
import type { Request } from 'express';
import { ConflictError } from '../graph/service/errors.js';

export type MeOf = (req: Request) => string | null;

/** The person the request acts as; ConflictError (409) when there is none. */
export function mePerson(meOf: MeOf, req: Request): string {
  const person = meOf(req);
  if (typeof person !== 'string' || person === '') {
    throw new ConflictError('this request acts as no person (an API key, or local mode before choosing "me" with PUT /api/me): use /api/people/{id}/week');
  }
  return person;
}
