/**
 * Checks on a request body's raw bytes, made before it is decoded or parsed: a body that is not
 * the UTF-8 it claims to be is refused naming the first bad byte (a decoder would quietly turn it
 * into U+FFFD and store the damage), and a JSON body nested deeper than any refnet document is
 * refused before the recursive code behind the parser (zod, merge-patch) can run out of stack.
 * An object holding the same key twice is refused too, naming where: a parser keeps the last
 * value and drops the rest unseen.
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

/** What the byte scan found wrong with a JSON body: nesting too deep, or a key twice in one object. */
export type JsonBytesFault =
  | { kind: 'too-deep'; byteOffset: number }
  /** `pointer` is the JSON pointer (RFC 6901) of the object holding `key` twice; `byteOffset` is the second key's. */
  | { kind: 'duplicate-key'; byteOffset: number; pointer: string; key: string };

/** Up to this many keys an object's keys are compared byte by byte; from there they go in a Set. */
const KEYS_COMPARED_DIRECTLY = 16;

/**
 * One pass over a JSON body's bytes, strings skipped natively, for the faults JSON.parse does not
 * report: a `[` or `{` nested deeper than `max` (before the recursive code behind the parser can run
 * out of stack), and a key that appears twice in one object (JSON.parse keeps the last value and
 * drops the others without a word: `{"people":[…],"people":[…]}` would import half a document).
 * Keys compare as JSON strings, after unescaping ("a" and "\u0061" are one key). The first fault
 * in byte order, or undefined; a body that is not well-formed JSON is left to JSON.parse.
 *
 * Cheap on a large document: a small object's keys (a record's) are compared as byte ranges in
 * place, allocating nothing; only an object with many keys keeps them as strings in a Set.
 */
export function jsonBytesFault(bytes: Uint8Array, max = MAX_JSON_DEPTH): JsonBytesFault | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const levels = new OpenContainers(max);
  const keys = new KeyStack();
  let expectKey = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === 0x22) {
      // Most of a document is string content: jump to the closing quote natively (one not
      // preceded by an odd number of backslashes) instead of stepping byte by byte.
      let end = buf.indexOf(0x22, i + 1);
      while (end !== -1 && escapedQuote(buf, end)) end = buf.indexOf(0x22, end + 1);
      if (end === -1) return undefined; // an unterminated string: JSON.parse reports it
      if (expectKey) {
        expectKey = false;
        const depth = levels.depth;
        const escaped = hasEscape(buf, i + 1, end);
        if (keys.isDuplicate(buf, levels.firstKey[depth]!, i + 1, end, escaped, levels.keySets, depth)) {
          return { kind: 'duplicate-key', byteOffset: i, pointer: levels.pointer(buf, keys), key: decodeKey(buf, i + 1, end) };
        }
        levels.member[depth] = keys.push(i + 1, end, escaped);
      }
      i = end;
    } else if (b === 0x7b) {
      if (!levels.open(true, keys.top)) return { kind: 'too-deep', byteOffset: i };
      expectKey = true;
    } else if (b === 0x5b) {
      if (!levels.open(false, keys.top)) return { kind: 'too-deep', byteOffset: i };
      expectKey = false;
    } else if (b === 0x7d || b === 0x5d) {
      if (levels.depth > 0) keys.top = levels.close();
      expectKey = false;
    } else if (b === 0x2c && levels.depth > 0) {
      if (levels.isObject[levels.depth]) expectKey = true;
      else levels.member[levels.depth]!++;
    }
  }
  return undefined;
}

/**
 * The open arrays and objects, outermost first (level 1 is the top-level value): for each, whether
 * it is an object, where its keys start on the key stack, and its current member (an array's
 * element index; an object's current key, as an index into the key stack), for the pointer.
 */
class OpenContainers {
  depth = 0;
  readonly isObject: Uint8Array;
  readonly firstKey: Int32Array;
  readonly member: Int32Array;
  /** The keys of an object with more than KEYS_COMPARED_DIRECTLY of them, by level. */
  readonly keySets = new Map<number, Set<string>>();

  constructor(private readonly max: number) {
    this.isObject = new Uint8Array(max + 1);
    this.firstKey = new Int32Array(max + 1);
    this.member = new Int32Array(max + 1);
  }

  /** False when this one would be nested deeper than the limit. */
  open(object: boolean, keyTop: number): boolean {
    if (this.depth >= this.max) return false;
    const d = ++this.depth;
    this.isObject[d] = object ? 1 : 0;
    this.firstKey[d] = keyTop;
    this.member[d] = object ? -1 : 0;
    return true;
  }

  /** Closes the innermost; returns the key stack's top without its keys. */
  close(): number {
    const d = this.depth--;
    if (this.keySets.size > 0) this.keySets.delete(d);
    return this.firstKey[d]!;
  }

  /** The JSON pointer of the innermost open container. */
  pointer(buf: Buffer, keys: KeyStack): string {
    let out = '';
    for (let d = 1; d < this.depth; d++) {
      const m = this.member[d]!;
      const token = !this.isObject[d] ? String(m) : m < 0 ? '' : decodeKey(buf, keys.starts[m]!, keys.ends[m]!);
      out += `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    }
    return out;
  }
}

/** The keys of every open object as byte ranges (an object's after its parent's), growing as needed. */
class KeyStack {
  top = 0;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** 1 when the key holds an escape, so its bytes are not its text. */
  escaped = new Uint8Array(256);

  /** Pushes the key at buf[start, end); returns its index. */
  push(start: number, end: number, escaped: boolean): number {
    if (this.top === this.starts.length) {
      this.starts = grown(this.starts, new Int32Array(this.top * 2));
      this.ends = grown(this.ends, new Int32Array(this.top * 2));
      this.escaped = grown(this.escaped, new Uint8Array(this.top * 2));
    }
    this.starts[this.top] = start;
    this.ends[this.top] = end;
    this.escaped[this.top] = escaped ? 1 : 0;
    return this.top++;
  }

  /** True when the key at buf[start, end) equals one of the keys from index `first` on (the object's at `level`). */
  isDuplicate(buf: Buffer, first: number, start: number, end: number, escaped: boolean, sets: Map<number, Set<string>>, level: number): boolean {
    if (this.top - first < KEYS_COMPARED_DIRECTLY) {
      for (let k = first; k < this.top; k++) if (this.sameKey(buf, k, start, end, escaped)) return true;
      return false;
    }
    let set = sets.get(level);
    if (set === undefined) {
      set = new Set<string>();
      for (let k = first; k < this.top; k++) set.add(decodeKey(buf, this.starts[k]!, this.ends[k]!));
      sets.set(level, set);
    }
    const key = decodeKey(buf, start, end);
    if (set.has(key)) return true;
    set.add(key);
    return false;
  }

  private sameKey(buf: Buffer, k: number, start: number, end: number, escaped: boolean): boolean {
    const s = this.starts[k]!;
    const length = end - start;
    if (!escaped && !this.escaped[k]) {
      if (this.ends[k]! - s !== length) return false;
      for (let i = 0; i < length; i++) if (buf[s + i] !== buf[start + i]) return false;
      return true;
    }
    // An escape on either side ("\u0061" is "a"): compare what the keys read as.
    return decodeKey(buf, s, this.ends[k]!) === decodeKey(buf, start, end);
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** True when buf[start, end) holds a backslash (bounded: a Buffer's indexOf would search on to the end). */
function hasEscape(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] === 0x5c) return true;
  return false;
}

/** A key's text, from the bytes between its quotes, escapes read as JSON reads them. */
function decodeKey(buf: Buffer, start: number, end: number): string {
  const raw = buf.toString('utf8', start, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw; // a bad escape: JSON.parse reports the body as malformed
  }
}

function escapedQuote(buf: Uint8Array, quote: number): boolean {
  let backslashes = 0;
  while (buf[quote - 1 - backslashes] === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** The `verify` hook of express.json: valid UTF-8, nesting within MAX_JSON_DEPTH, no key twice in an object. */
export function verifyJsonBody(_req: unknown, _res: unknown, bytes: Buffer): void {
  assertUtf8(bytes);
  const fault = jsonBytesFault(bytes);
  if (fault) throw jsonBytesProblem(fault);
}

/** The 400 for a fault of jsonBytesFault. */
export function jsonBytesProblem(fault: JsonBytesFault): HttpProblem {
  if (fault.kind === 'too-deep') {
    return new HttpProblem('validation', `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep (at byte offset ${fault.byteOffset}); no refnet document needs that`, { members: { byteOffset: fault.byteOffset, maxDepth: MAX_JSON_DEPTH } });
  }
  const message = duplicateKeyMessage(fault);
  return new HttpProblem('validation', `the JSON body ${message}`, {
    members: { byteOffset: fault.byteOffset, pointer: fault.pointer, key: fault.key, errors: [{ path: fault.pointer, message }] },
  });
}

/** "has the key "id" twice in the object at /people/3 …", for the API and the CLI alike. */
export function duplicateKeyMessage(fault: Extract<JsonBytesFault, { kind: 'duplicate-key' }>): string {
  const where = fault.pointer === '' ? 'the top-level object' : `the object at ${fault.pointer}`;
  return `has the key ${JSON.stringify(fault.key)} twice in ${where} (byte offset ${fault.byteOffset}): JSON would keep only the last value and drop the others, so nothing was read`;
}
