/**
 * A small vCard 2.1 / 3.0 / 4.0 reader (RFC 2426, RFC 6350): cards, folded lines, parameters,
 * quoted-printable with CHARSET, escapes, structured values.
 *
 * Why not an npm parser: we tried the maintained ones (Nov 2026) on an iOS/Outlook-style file
 * (tests/fixtures/import/outlook.vcf). `vcf` 2.1 and `vcard4-ts` 0.4 leave quoted-printable
 * undecoded and split a QP soft line break into a bogus property; `ical.js` 2.2 throws on the
 * soft break ("invalid line"); `vcard4` 4.0 refuses VERSION:3.0. Phone address books still
 * write QP for non-ASCII names, so each would have needed a pre-pass that re-implements the
 * line-level grammar anyway. This module is that grammar and nothing more; what the fields mean
 * is decided in vcard.ts.
 */
import { TextDecoder } from 'node:util';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import { decodeWhole } from '../support/whole-text.js';

export interface VProperty {
  /** Group prefix as written (item1.TEL → "item1"), if any. */
  group?: string;
  /** Upper-case property name: FN, N, EMAIL, X-SOCIALPROFILE … */
  name: string;
  /** Upper-case parameter names → values; bare 2.1 parameters (;WORK;PREF) go under TYPE. */
  params: Record<string, string[]>;
  /** The value after quoted-printable/charset decoding, escapes still in place. */
  raw: string;
}

export interface VCard {
  /** 1-based line of BEGIN:VCARD. */
  line: number;
  version?: string;
  properties: VProperty[];
}

export interface VCardProblem {
  line: number;
  message: string;
}

export interface VCardFile {
  cards: VCard[];
  /** Lines outside any card, unreadable lines, unterminated cards, unknown charsets. */
  problems: VCardProblem[];
}

/** Splits text into cards and properties. Never throws on bad input: problems are listed. */
export function parseVCardText(text: string): VCardFile {
  return runAtOnce(vCardSteps(text));
}

/** parseVCardText as pausable steps (graph/support/time-slices.ts), for big files on a server. */
export function* vCardSteps(text: string): Steps<VCardFile> {
  const physical = physicalLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const problems: VCardProblem[] = [];
  const cards: VCard[] = [];
  let card: VCard | undefined;
  let depth = 0; // vCard 2.1 AGENT may nest a card; its lines belong to the agent, not the outer card.
  let agentOpens = false; // the card's last property was an AGENT with no value: a card follows
  let count = 0;

  for (const next of unfold(physical)) {
    if (next === PAUSE || ++count % STEP_EVERY === 0) yield;
    if (next === PAUSE) continue;
    const { line, text: logical, cut } = next;
    if (cut) {
      problems.push({ line, message: `a line longer than ${MAX_LINE.toLocaleString('en')} characters (unfolded), left out: ${clip(logical)}` });
      continue;
    }
    if (logical.trim() === '') continue;
    const prop = parseLine(logical);
    if (!prop) {
      problems.push({ line, message: `unreadable line: ${clip(logical)}` });
      continue;
    }
    if (prop.name === 'BEGIN' && prop.raw.trim().toUpperCase() === 'VCARD') {
      if (card && (depth > 0 || agentOpens)) depth++;
      else {
        // Anywhere else a card inside a card is the next card, the open one never closed: that one
        // is reported, and the cards after it are read (they would all vanish into it otherwise).
        if (card) problems.push({ line: card.line, message: `card not closed with END:VCARD before the next BEGIN:VCARD on line ${line}; left out` });
        card = { line, properties: [] };
      }
      agentOpens = false;
      continue;
    }
    if (prop.name === 'END' && prop.raw.trim().toUpperCase() === 'VCARD') {
      if (depth > 0) depth--;
      else if (card) {
        cards.push(card);
        card = undefined;
      } else problems.push({ line, message: 'END:VCARD without BEGIN:VCARD' });
      continue;
    }
    if (!card) {
      problems.push({ line, message: `outside any card: ${clip(logical)}` });
      continue;
    }
    if (depth > 0) continue;
    agentOpens = prop.name === 'AGENT' && prop.raw.trim() === '';
    const decoded = decodeValue(prop, line, problems);
    if (prop.name === 'VERSION') card.version = decoded.raw.trim();
    else card.properties.push(decoded);
  }
  if (card) problems.push({ line: card.line, message: 'card not closed with END:VCARD' });
  return { cards, problems };
}

/**
 * Joins folded lines (CRLF + space/tab) and quoted-printable soft line breaks (trailing "=").
 * Linear in the text: a logical line is kept as its pieces and joined once, and whether it is
 * quoted-printable is decided once, when the colon that ends its parameters has been seen.
 */
function* unfold(lines: Iterable<string>): Generator<{ line: number; text: string; cut: boolean } | typeof PAUSE> {
  let pieces: string[] | undefined;
  let length = 0;
  let start = 0;
  let head: HeadScan = newHeadScan();
  let qpSoft = false;
  let i = -1;
  const logical = () => ({ line: start, text: pieces!.join(''), cut: length > MAX_LINE });
  for (let l of lines) {
    // One logical line may span every physical line of the file: offer a pause point inside it too.
    if (++i % STEP_EVERY === 0) yield PAUSE;
    if (pieces && !qpSoft && (l.startsWith(' ') || l.startsWith('\t'))) l = l.slice(1);
    else if (!pieces || !qpSoft) {
      if (pieces) yield logical();
      pieces = [];
      length = 0;
      start = i + 1;
      head = newHeadScan();
    }
    scanHead(head, l);
    // A QP line ending in "=" continues on the next physical line, whatever that line starts with.
    qpSoft = head.quotedPrintable && l.endsWith('=');
    // Past MAX_LINE the rest is only counted: the line is reported, not parsed, so no single step
    // (join, decode, unescape) ever works on more than MAX_LINE characters.
    length += l.length;
    if (length <= MAX_LINE) pieces.push(qpSoft ? l.slice(0, -1) : l);
  }
  if (pieces) yield logical();
}

/** Where unfold offers its caller a pause point. */
const PAUSE = Symbol('pause');

/** The lines of `text` (CRLF, CR or LF), one at a time. */
function* physicalLines(text: string): Generator<string> {
  const eol = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = eol.exec(text); m; m = eol.exec(text)) {
    yield text.slice(start, m.index);
    start = eol.lastIndex;
  }
  yield text.slice(start);
}

/** Progress through a logical line's name and parameters, fed one physical piece at a time. */
interface HeadScan {
  quoted: boolean;
  done: boolean;
  parts: string[];
  length: number;
  quotedPrintable: boolean;
}

const newHeadScan = (): HeadScan => ({ quoted: false, done: false, parts: [], length: 0, quotedPrintable: false });

/**
 * Longest logical (unfolded) line read, in UTF-16 units. Real properties are far shorter (a
 * photo is the largest, and PHOTO is not imported); a longer one is reported and left out.
 */
export const MAX_LINE = 1 << 20;

function scanHead(scan: HeadScan, piece: string): void {
  if (scan.done) return;
  if (scan.length > MAX_LINE) {
    scan.done = true; // no colon in MAX_LINE characters: an unreadable line, whatever follows
    return;
  }
  scan.length += piece.length;
  const colon = unquotedColon(piece, scan);
  if (colon === -1) {
    scan.parts.push(piece);
    return;
  }
  scan.parts.push(piece.slice(0, colon));
  scan.done = true;
  scan.quotedPrintable = /;\s*(ENCODING=)?QUOTED-PRINTABLE\s*(;|$)/i.test(scan.parts.join(''));
  scan.parts = [];
}

/** Index of the first colon outside quotes in `s`, carrying the quote state across pieces. */
function unquotedColon(s: string, state: { quoted: boolean }): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) state.quoted = !state.quoted;
    else if (c === 0x3a && !state.quoted) return i;
  }
  return -1;
}

/** Index of the colon that separates name and parameters from the value (quotes respected). */
function valueStart(line: string): number {
  return unquotedColon(line, { quoted: false });
}

function parseLine(line: string): VProperty | undefined {
  const colon = valueStart(line);
  if (colon <= 0) return undefined;
  const head = splitUnquoted(line.slice(0, colon), ';');
  const fullName = head.shift()!.trim();
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?$/.test(fullName)) return undefined;
  const dot = fullName.indexOf('.');
  const prop: VProperty = {
    name: (dot === -1 ? fullName : fullName.slice(dot + 1)).toUpperCase(),
    params: {},
    raw: line.slice(colon + 1),
  };
  if (dot !== -1) prop.group = fullName.slice(0, dot);
  for (const p of head) {
    const eq = p.indexOf('=');
    const key = (eq === -1 ? 'TYPE' : p.slice(0, eq)).trim().toUpperCase();
    const values = eq === -1 ? [p] : splitUnquoted(p.slice(eq + 1), ',');
    let clean = values.map((v) => v.trim().replace(/^"|"$/g, ''));
    // RFC 6350 writes type lists quoted (TYPE="voice,cell"); other quoted values may hold commas.
    if (key === 'TYPE') clean = clean.flatMap((v) => v.split(','));
    // A loop, not push(...values): a hostile line may carry more values than the stack holds arguments.
    const list = (prop.params[key] ??= []);
    for (const v of clean) {
      const t = v.trim();
      if (t) list.push(t);
    }
  }
  // vCard 2.1 writes ;QUOTED-PRINTABLE and ;CHARSET bare; file them under their real names.
  const types = prop.params.TYPE;
  if (types) {
    const encodings = types.filter((t) => ENCODING_NAME.test(t));
    if (encodings.length) {
      prop.params.ENCODING = [encodings.at(-1)!];
      prop.params.TYPE = types.filter((t) => !ENCODING_NAME.test(t));
    }
  }
  return prop;
}

const ENCODING_NAME = /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i;

function splitUnquoted(s: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let cur = '';
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function decodeValue(prop: VProperty, line: number, problems: VCardProblem[]): VProperty {
  const encoding = prop.params.ENCODING?.[0]?.toUpperCase();
  if (encoding !== 'QUOTED-PRINTABLE') return prop;
  const charset = prop.params.CHARSET?.[0] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    problems.push({ line, message: `unknown charset "${charset}" on ${prop.name}; read as UTF-8` });
    decoder = new TextDecoder('utf-8');
  }
  return { ...prop, raw: decodeWhole(decoder, quotedPrintableBytes(prop.raw)) };
}

/** RFC 2045 quoted-printable → bytes (soft line breaks were already joined by unfold). */
export function quotedPrintableBytes(s: string): Uint8Array {
  // Each UTF-16 unit is at most 3 UTF-8 bytes; an "=XX" escape is 1 byte for 3 units.
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  let run = 0; // start of the literal text not yet written
  const flush = (end: number) => {
    if (end > run) n += encoder.encodeInto(s.slice(run, end), out.subarray(n)).written;
  };
  for (let i = s.indexOf('='); i !== -1; i = s.indexOf('=', i + 1)) {
    if (i + 2 < s.length && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      flush(i);
      out[n++] = parseInt(s.slice(i + 1, i + 3), 16);
      i += 2;
      run = i + 1;
    }
  }
  flush(s.length);
  return out.slice(0, n);
}

const encoder = new TextEncoder();

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A text value with vCard escapes resolved (\n, \, \; \\). */
export function unescapeText(raw: string): string {
  return raw.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The components of a structured value (N, ADR, ORG), split on unescaped ";" and unescaped. */
export function components(raw: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      cur += c + raw[++i];
    } else if (c === ';') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.map(unescapeText);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
