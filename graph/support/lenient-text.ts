/**
 * Text of files that are not quite UTF-8: each valid UTF-8 sequence is read as UTF-8, each byte
 * that is not part of one as Windows-1252. A whole Windows-1252 file (older Outlook and Excel
 * exports) reads as it would in Windows-1252, since its accented letters are lone bytes there;
 * and a UTF-8 file with a few Windows-1252 bytes appended (rows added in an old spreadsheet)
 * keeps its UTF-8 names, where decoding it all as Windows-1252 turned every "ü" into "Ã¼".
 * The one text that reads differently is Windows-1252 spelling out a UTF-8 sequence ("Ã¼"
 * itself), which no one writes. Streaming: a sequence cut between two chunks is completed by the
 * next one.
 */
import { TextDecoder } from 'node:util';

export class LenientDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly utf8 = new TextDecoder('utf-8');
  /** Bytes read as Windows-1252 so far. */
  foreignBytes = 0;

  /** The text of the bytes so far; with `stream`, an incomplete sequence at the end waits for the next chunk. */
  decode(chunk: Uint8Array, options: { stream?: boolean } = {}): string {
    const bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    this.carry = new Uint8Array(0);
    let out = '';
    let run = 0; // start of the current run of valid UTF-8
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      const length = sequenceLength(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      if (length === INCOMPLETE && options.stream) {
        this.carry = bytes.slice(i);
        break;
      }
      out += this.utf8.decode(bytes.subarray(run, i));
      out += CP1252[b]!;
      this.foreignBytes++;
      i++;
      run = i;
    }
    return out + this.utf8.decode(bytes.subarray(run, i));
  }
}

/** The text of all of `bytes` (decodeBytes's reading of a file that is not valid UTF-8). */
export function decodeLeniently(bytes: Uint8Array): string {
  return new LenientDecoder().decode(bytes);
}

const INCOMPLETE = -1;

/** Length of the valid UTF-8 sequence starting at i (a lead byte ≥ 0x80), INCOMPLETE when the bytes end inside one, 0 when invalid. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  // Lead bytes and the range of the byte after them (Unicode Table 3-7: no overlongs, no surrogates, ≤ U+10FFFF).
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= bytes.length) return INCOMPLETE;
    const c = bytes[i + k]!;
    if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return 0;
  }
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Windows-1252 of each byte ≥ 0x80 (the Encoding Standard's table; streaming mode: see whole-text.ts). */
const CP1252: string[] = (() => {
  const decoder = new TextDecoder('windows-1252');
  const table: string[] = [];
  for (let b = 0; b < 256; b++) table.push(decoder.decode(new Uint8Array([b]), { stream: true }));
  return table;
})();
