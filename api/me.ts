/**
 * Who "me" is for a request: the security layer knows (a signed-in account's person, or local
 * mode's chosen one — api/security, `meOf`); this turns "nobody" into the API's 401.
 */
import type { Request } from 'express';
import { HttpProblem } from './problem.js';

export type MeOf = (req: Request) => string | null;

/** The person the request acts as; HttpProblem 401 when there is none. */
export function mePerson(meOf: MeOf, req: Request): string {
  const person = meOf(req);
  if (typeof person !== 'string' || person === '') {
    throw new HttpProblem('unauthorized', 'no signed-in person: sign in (or choose "me" in local mode: PUT /api/me), or use /api/people/{id}/week');
  }
  return person;
}
