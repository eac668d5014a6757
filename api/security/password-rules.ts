/**
 * What a new password must be: the one rule for `refnet users create` / `reset-password`, the
 * admin routes, a member's own change (PUT /api/me/password) and the browser's form, which checks
 * it before sending. No Node imports: the pages bundle it.
 */
import { z } from 'zod';

/** Shortest and longest password accepted (the length cap keeps one sign-in from costing more than another). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

/** A password an account may be given (length in UTF-16 code units, as JavaScript counts). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, { error: `a password needs at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { error: `a password has at most ${PASSWORD_MAX} characters` })
  .describe(`the new password: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);

/** Why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  return newPasswordSchema.safeParse(password).error?.issues[0]?.message;
}
