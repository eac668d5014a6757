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
  const physical = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const problems: VCardProblem[] = [];
  const cards: VCard[] = [];
  let card: VCard | undefined;
  let depth = 0; // vCard 2.1 AGENT may nest a card; its lines belong to the agent, not the outer card.

  for (const { line, text: logical } of unfold(physical)) {
    if (logical.trim() === '') continue;
    const prop = parseLine(logical);
    if (!prop) {
      problems.push({ line, message: `unreadable line: ${clip(logical)}` });
      continue;
    }
    if (prop.name === 'BEGIN' && prop.raw.trim().toUpperCase() === 'VCARD') {
      if (card) depth++;
      else card = { line, properties: [] };
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
    const decoded = decodeValue(prop, line, problems);
    if (prop.name === 'VERSION') card.version = decoded.raw.trim();
    else card.properties.push(decoded);
  }
  if (card) problems.push({ line: card.line, message: 'card not closed with END:VCARD' });
  return { cards, problems };
}

/** Joins folded lines (CRLF + space/tab) and quoted-printable soft line breaks (trailing "="). */
function* unfold(lines: string[]): Generator<{ line: number; text: string }> {
  let current: string | undefined;
  let start = 0;
  let qpSoft = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (current !== undefined && qpSoft) {
      current += l;
    } else if (current !== undefined && (l.startsWith(' ') || l.startsWith('\t'))) {
      current += l.slice(1);
    } else {
      if (current !== undefined) yield { line: start, text: current };
      current = l;
      start = i + 1;
    }
    // A QP line ending in "=" continues on the next physical line, whatever that line starts with.
    qpSoft = isQuotedPrintable(current) && current.endsWith('=');
    if (qpSoft) current = current.slice(0, -1);
  }
  if (current !== undefined) yield { line: start, text: current };
}

function isQuotedPrintable(line: string): boolean {
  const colon = valueStart(line);
  const head = colon === -1 ? line : line.slice(0, colon);
  return /;\s*(ENCODING=)?QUOTED-PRINTABLE\s*(;|$)/i.test(head);
}

/** Index of the colon that separates name and parameters from the value (quotes respected). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
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
    (prop.params[key] ??= []).push(...clean.map((v) => v.trim()).filter(Boolean));
  }
  // vCard 2.1 writes ;QUOTED-PRINTABLE and ;CHARSET bare; file them under their real names.
  const types = prop.params.TYPE;
  if (types) {
    for (const t of [...types]) {
      if (/^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(t)) {
        prop.params.ENCODING = [t];
        types.splice(types.indexOf(t), 1);
      }
    }
  }
  return prop;
}

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
  return { ...prop, raw: decoder.decode(quotedPrintableBytes(prop.raw)) };
}

/** RFC 2045 quoted-printable → bytes (soft line breaks were already joined by unfold). */
export function quotedPrintableBytes(s: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  return Uint8Array.from(bytes);
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
