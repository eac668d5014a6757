/**
 * What a new password must be: the one rule for `refnet users create` / `reset-password`, the
 * admin routes, a member's own change (PUT /api/me/password) and the browser's form, which checks
 * it before sending. No Node imports: the pages bundle it.
 */
import { z } from 'zod';

/** Shortest and longest password accepted (the length cap keeps one sign-in from costing more than another). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

/** The length rule is broken (zod counts characters): said alone, one problem at a time. */
const badLength = (p: string) => {
  const n = [...p].length;
  return n < PASSWORD_MIN || n > PASSWORD_MAX;
};

/**
 * A password an account may be given. zod counts its length in characters (code points, as JSON
 * Schema's minLength does), so five emoji are five, not ten. A password of spaces alone or of one
 * character repeated (ten spaces, "aaaaaaaaaa") meets the length and guards nothing: refused
 * (NIST SP 800-63B §5.1.1.2 lists repetitive values among those to refuse).
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, { error: `a password needs at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { error: `a password has at most ${PASSWORD_MAX} characters` })
  .refine((p) => badLength(p) || p.trim() !== '', { error: 'a password cannot be spaces alone', abort: true })
  .refine((p) => badLength(p) || new Set(p).size > 1, { error: 'a password cannot be one character repeated' })
  .describe(`the new password: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);

/** Why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  return newPasswordSchema.safeParse(password).error?.issues[0]?.message;
}
