/**
 * Text from the network (names, notes, ids: user data, from a CSV or vCard as much as typed) made
 * safe to print on a terminal: every C0 and C1 control character (ESC starts the sequences that
 * recolour, clear or retitle a terminal; BEL rings) and the bidi embedding, override and isolate
 * characters (U+202A–U+202E, U+2066–U+2069, which reorder what follows them on the line) are shown
 * as visible escapes (\x1B, \u202E). Everything else, accents, CJK and emoji included, is left as it is.
 */

/** The characters shown escaped: C0 but line feed, DEL, C1, and the bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex}`;
}

/** `text` with its unsafe characters escaped; line feeds are kept (a block of lines) unless `oneLine`. */
export function visibleText(text: string, oneLine = false): string {
  return text.replace(oneLine ? UNSAFE_OR_NEWLINE : UNSAFE, escaped);
}

/** Characters JSON.stringify leaves raw (it escapes C0 itself): DEL, C1, the bidi controls. */
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * JSON text for a terminal: the characters above written as \uXXXX escapes inside their strings.
 * The JSON reads back to exactly the same values (they can only occur inside strings).
 */
export function terminalJson(json: string): string {
  return json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
