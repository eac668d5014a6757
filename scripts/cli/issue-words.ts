/**
 * A validation problem (the API's `errors[]`, or the same check run by the CLI before sending) in
 * the CLI's words: zod's "Invalid option: expected one of "met"|"call"" becomes "must be one of
 * met, call (got "lunch")", with the value typed when the CLI knows it. The one place such
 * wording is decided; http-client.ts applies it to every problem it reports.
 */

const ENUM = /^Invalid option: expected one of (.+)$/;

/** The allowed values of an enum problem ("met", "one_to_one", …), or undefined for any other problem. */
export function allowedValues(message: string): string[] | undefined {
  const list = ENUM.exec(message)?.[1];
  if (list === undefined) return undefined;
  return list.split('|').map((v) => {
    try {
      return String(JSON.parse(v));
    } catch {
      return v;
    }
  });
}

/** The problem's message as the CLI says it; `given` is what was typed for that option, when known. */
export function inCliWords(message: string, given?: unknown): string {
  const allowed = allowedValues(message);
  if (allowed === undefined) return message;
  const got = typeof given === 'string' || typeof given === 'number' ? ` (got ${JSON.stringify(String(given))})` : '';
  return `must be one of ${allowed.join(', ')}${got}`;
}
