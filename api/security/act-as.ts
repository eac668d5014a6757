/**
 * An admin key acting as a person: with the `Refnet-Act-As: <person id>` header, "me" is that
 * person on the routes that act as one (/api/me/…, intro requests). This is what the CLI's
 * `--as PERSON` sends with a key, so `refnet intro …` and the week work once accounts exist (a
 * key is otherwise nobody, and PUT /api/me is local mode's). Only an admin key may: it may already
 * write every record, intro requests included, so acting as a person gives it nothing it lacked
 * (local mode, an admin too, may send it as well). A narrower key or a signed-in session sending the header is refused (403), never silently
 * ignored; without the header a key is nobody, as before.
 */
import type { Request } from 'express';
import { ForbiddenError } from '../../graph/service/errors.js';
import { HttpProblem } from '../problem.js';

export const ACT_AS_HEADER = 'refnet-act-as';
/** The header as the messages spell it. */
const HEADER = 'Refnet-Act-As';

/**
 * The person an admin key (or local mode) acts as: the header's value, null without it;
 * ForbiddenError for anyone else sending it; a 400 naming the header when it is empty or sent more
 * than once (Node joins repeated headers with ", ", which would read as one unknown person).
 */
export function actingAs(req: Request): string | null {
  const values = req.headersDistinct[ACT_AS_HEADER];
  if (values === undefined) return null;
  if (req.auth?.mode !== 'local' && (req.auth?.mode !== 'key' || req.auth.scope !== 'admin')) {
    throw new ForbiddenError(`only an admin API key acts as a person (the ${HEADER} header); ${req.auth?.mode === 'key' ? `this key has scope "${req.auth.scope}"` : 'a signed-in account is its own person'}`);
  }
  if (values.length !== 1) {
    throw new HttpProblem('validation', `give one ${HEADER} header, not ${values.length}: it names the one person the request acts as (send the request once per person)`);
  }
  const person = values[0]!.trim();
  if (person === '') throw new HttpProblem('validation', `the ${HEADER} header is empty: give the id of the person to act as, or leave the header out`);
  return person;
}
