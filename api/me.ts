/**
 * Who "me" is for a request: the security layer knows (a signed-in account's person, or local
 * mode's chosen one — api/security, `meOf`). A request that is let in but is nobody (an API key,
 * or local mode before "who are you?" is answered) gets 409: signing in is not what it lacks.
 */
import type { Request } from 'express';
import { ConflictError } from '../graph/service/errors.js';

export type MeOf = (req: Request) => string | null;

/**
 * The person the request acts as; ConflictError (409) when there is none, ending with `hint`: what
 * the caller can do instead on this route (each /api/me route and the intro requests give their own).
 */
export function mePerson(meOf: MeOf, req: Request, hint: string): string {
  const person = meOf(req);
  if (typeof person !== 'string' || person === '') {
    throw new ConflictError(`this request acts as no person (an API key, or local mode before choosing "me" with PUT /api/me): ${hint}`);
  }
  return person;
}
