/**
 * Who "me" is for a request. The accounts layer (sessions, API keys, local mode's "who are you?")
 * authenticates the request and leaves the person it acts as on `res.locals.me.person`; this is
 * the one place that reads it. Without one, /api/me/... answers 401.
 */
import type { Response } from 'express';
import { HttpProblem } from './problem.js';

/** What the accounts layer leaves on res.locals (only `person` is read here). */
export interface RequestMe {
  person: string | null;
}

/** The person the request acts as; HttpProblem 401 when there is none. */
export function mePerson(res: Response): string {
  const me = (res.locals as { me?: RequestMe }).me;
  if (typeof me?.person !== 'string' || me.person === '') {
    throw new HttpProblem('unauthorized', 'no signed-in person: sign in (or choose "me" in local mode), or use /api/people/{id}/week');
  }
  return me.person;
}
