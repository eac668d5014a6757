/**
 * Checks on a request body's raw bytes, made before it is decoded or parsed: a body that is not
 * the UTF-8 it claims to be is refused naming the first bad byte (a decoder would quietly turn it
 * into U+FFFD and store the damage), and a JSON body nested deeper than any refnet document is
 * refused before the recursive code behind the parser (zod, merge-patch) can run out of stack.
 */
import { isUtf8 } from 'node:buffer';
import { HttpProblem } from './problem.js';

/** Deeper than any refnet document (an import is 4 levels: document → list → record → attributes). */
export const MAX_JSON_DEPTH = 32;

/** The byte offset where the first invalid UTF-8 sequence starts, or -1 when all is valid. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // RFC 3629 §4: the allowed range of the second byte rules out overlongs, surrogates and > U+10FFFF.
    const [length, low, high] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/** Throws a 400 problem naming the offset when `bytes` is not valid UTF-8. */
export function assertUtf8(bytes: Uint8Array, what = 'the body'): void {
  const offset = firstInvalidUtf8Offset(bytes);
  if (offset < 0) return;
  const hex = Array.from(bytes.subarray(offset, offset + 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
  throw new HttpProblem('validation', `${what} is not valid UTF-8: invalid byte sequence at byte offset ${offset} (bytes ${hex})`, { members: { byteOffset: offset } });
}

/** The byte offset of the first `[` or `{` nested deeper than `max` (strings skipped), or -1. */
export function jsonDepthExceededAt(bytes: Uint8Array, max = MAX_JSON_DEPTH): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === 0x22) {
      // Most of a document is string content: jump to the closing quote natively (one not
      // preceded by an odd number of backslashes) instead of stepping byte by byte.
      let end = buf.indexOf(0x22, i + 1);
      while (end !== -1 && escapedQuote(buf, end)) end = buf.indexOf(0x22, end + 1);
      if (end === -1) return -1; // an unterminated string: JSON.parse reports it
      i = end;
    } else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return i;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return -1;
}

function escapedQuote(buf: Uint8Array, quote: number): boolean {
  let backslashes = 0;
  while (buf[quote - 1 - backslashes] === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** The `verify` hook of express.json: valid UTF-8, nesting within MAX_JSON_DEPTH. */
export function verifyJsonBody(_req: unknown, _res: unknown, bytes: Buffer): void {
  assertUtf8(bytes);
  const at = jsonDepthExceededAt(bytes);
  if (at >= 0) throw new HttpProblem('validation', `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep (at byte offset ${at}); no refnet document needs that`, { members: { byteOffset: at, maxDepth: MAX_JSON_DEPTH } });
}
