/**
 * What a new password must be: the one rule for `refnet users create` / `reset-password`, the
 * admin routes, a member's own change (PUT /api/me/password) and the browser's form, which checks
 * it before sending. No Node imports: the pages bundle it.
 */
import { z } from 'zod';

/** Shortest and longest password accepted (the length cap keeps one sign-in from costing more than another). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

/** The rule in a sentence, beside every form that sets a password. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} visible characters (at most ${PASSWORD_MAX}), not one to three characters repeated. A few unrelated words make a good one.`;

/** The length rule is broken (zod counts characters): said alone, one problem at a time. */
const badLength = (p: string) => {
  const n = [...p].length;
  return n < PASSWORD_MIN || n > PASSWORD_MAX;
};

/**
 * Characters that show nothing a person could read or type as a secret: control characters (NUL,
 * tab, newline: \p{Cc}), invisible format characters (zero-width space and joiners, BOM, soft
 * hyphen: \p{Cf}) and separators and white space (\p{Z}, \s). A password may hold them (a
 * passphrase's spaces), but they do not count toward its length: ten zero-width spaces are none.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

/** The characters of `p` that count toward its length (code points, INVISIBLE left out). */
export function visibleCharacters(p: string): string[] {
  return [...p].filter((c) => !INVISIBLE.test(c));
}

/** The longest repeated unit refused: "aaaa…", "abab…", "abcabc…" guard nothing, whatever their length. */
const SHORT_UNIT = 3;

/** The length (1 to SHORT_UNIT) of the unit whose repetition `chars` is, or 0 when it is none. */
function repeatedUnit(chars: readonly string[]): number {
  for (let k = 1; k <= SHORT_UNIT && k < chars.length; k++) {
    let i = k;
    while (i < chars.length && chars[i] === chars[i - k]) i++;
    if (i === chars.length) return k;
  }
  return 0;
}

/**
 * A password an account may be given. zod counts its length in characters (code points, as JSON
 * Schema's minLength does), so five emoji are five, not ten; then the characters that count
 * (visibleCharacters: not control, invisible format or space characters) must be at least
 * PASSWORD_MIN. A password of spaces alone or invisible characters alone, or of one to three
 * characters repeated ("aaaaaaaaaa", "ababababab", "abcabcabcabc"; the characters that count are
 * compared, so spaces between do not hide it) meets the length and guards nothing: refused (NIST
 * SP 800-63B §5.1.1.2 lists repetitive values among those to refuse). Each refusal says which rule.
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, { error: `a password needs at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { error: `a password has at most ${PASSWORD_MAX} characters` })
  .refine((p) => badLength(p) || p.trim() !== '', { error: 'a password cannot be spaces alone', abort: true })
  .refine((p) => badLength(p) || visibleCharacters(p).length > 0, { error: 'a password cannot be invisible characters alone (control, zero-width or other format characters)', abort: true })
  .refine((p) => badLength(p) || visibleCharacters(p).length >= PASSWORD_MIN, {
    error: `a password needs at least ${PASSWORD_MIN} visible characters: spaces, control and invisible (zero-width, format) characters do not count`,
    abort: true,
  })
  .refine((p) => badLength(p) || repeatedUnit(visibleCharacters(p)) !== 1, { error: 'a password cannot be one character repeated', abort: true })
  .refine((p) => badLength(p) || repeatedUnit(visibleCharacters(p)) === 0, { error: `a password cannot be two or three characters repeated (like "abab…" or "abcabc…")` })
  .describe(`the new password: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, at least ${PASSWORD_MIN} of them visible (spaces, control and zero-width characters do not count), not one to three characters repeated`);

/** Why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  return newPasswordSchema.safeParse(password).error?.issues[0]?.message;
}
