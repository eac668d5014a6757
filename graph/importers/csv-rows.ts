/**
 * CSV reading shared by every CSV format: csv-parse does the RFC 4180 work (quotes, commas and
 * newlines inside fields, CRLF); this module adds what real exports need on top: a UTF-8 BOM,
 * notes written above the header row (LinkedIn), the line number of every row so a skipped row
 * can be found in the file, rows with too many fields reported instead of misread, and progress.
 */
import { once } from 'node:events';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { TimeSlicer } from '../support/time-slices.js';
import { sniffDelimiter, splitHeaderLine } from './delimiter.js';
import { ImportFormatError, type SkippedRow } from './drafts.js';
import { dict } from '../support/prototype-names.js';

export interface CsvRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  /** Cells by header name (header names trimmed). Missing trailing cells are ''. */
  cells: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  /** Rows csv-parse could not read, or with more fields than the header. */
  skipped: SkippedRow[];
}

export interface CsvReadOptions {
  /** Recognises the header row, for exports that write notes above it. Default: the first line. */
  isHeader?: (cells: string[]) => boolean;
  /** Called with the fraction of the text parsed so far (0..1). */
  onProgress?: (fraction: number) => void;
}

/**
 * Characters handed to csv-parse at a time. The time slicer can only pause between two pieces, and
 * a piece is parsed and its rows mapped in one go: 16 Ki characters are ~250 rows, a few ms once
 * the code is warm and still well under 100 ms while it is cold (64 Ki held the loop 170 ms).
 */
const CHUNK = 16 * 1024;

/** How many times over the lines after quotes that never close are read on, at most. */
const REREAD_LIMIT = 4;

const NEVER_CLOSED = 'unreadable CSV: a quote opened in this row is never closed (close it, or remove it); the rows after it were read on their own';

/**
 * File text, whole or in the parts it arrived in (an upload decoded chunk by chunk): joining the
 * parts of a 60 MB upload into one string is a single copy that holds the event loop.
 */
export type TextParts = string | readonly string[];

/** At most the first `chars` characters of the text, whole or in parts (the parts' start joined, not all of them). */
export function textStart(text: TextParts, chars: number): string {
  if (typeof text === 'string') return text.slice(0, chars);
  let start = '';
  for (const part of text) {
    if (start.length >= chars) break;
    start += part.slice(0, chars - start.length);
  }
  return start;
}

/** What a CSV file holds besides its rows. */
export interface CsvHead {
  header: string[];
  headerLine: number;
  /** Rows handed to the row handler. */
  rowCount: number;
  /** Rows csv-parse could not read, or with more fields than the header, by line. */
  skipped: SkippedRow[];
}

/** Parses CSV text into rows keyed by header name. Throws ImportFormatError when no header is found. */
export async function readCsv(text: TextParts, options: CsvReadOptions = {}): Promise<CsvTable> {
  const rows: CsvRow[] = [];
  const head = await forEachCsvRow(text, () => (row) => void rows.push(row), options);
  return { header: head.header, headerLine: head.headerLine, rows, skipped: head.skipped };
}

/**
 * Parses CSV text and hands each row to the handler `start` returns for the header, as soon as it
 * is parsed: nothing keeps the rows, so a million-row file never has a million row objects alive
 * at once (the garbage collector's pauses grow with what is alive). Throws ImportFormatError when
 * no header is found, and whatever `start` or a row handler throws.
 */
export async function forEachCsvRow(text: TextParts, start: (header: string[]) => (row: CsvRow) => void, options: CsvReadOptions = {}): Promise<CsvHead> {
  const parts = typeof text === 'string' ? [text] : text;
  const total = parts.reduce((n, part) => n + part.length, 0);
  // The header is found, and its delimiter read off it, in the first lines only (however many parts follow).
  const head = headOf(parts);
  const headerLine = findHeaderLine(head, options.isHeader);
  const delimiter = sniffDelimiter(lineAt(head, headerLine));
  const read: CsvRead = { skipped: [], rowCount: 0, lastLine: 0 };
  let done = 0;
  let after = await parseRows(normalizedPieces(parts), { delimiter, fromLine: headerLine, lineOffset: 0 }, read, start, (chars) => {
    done += chars;
    options.onProgress?.(total === 0 ? 1 : Math.min(1, done / total));
  });
  // A quote opened and never closed makes csv-parse read the rest of the file as one cell, then
  // drop it: every row after it would be lost. That row is reported, and the lines after it read
  // on. Each reading on costs the rest of the file, so they stop once they have read it
  // REREAD_LIMIT times over: 8,000 lines of `a","` (40 KB) had each line break the next, and took
  // 150 s. The rows left are reported, in one line naming the lines.
  let reread = 0;
  while (after !== undefined) {
    const broken = firstLineWithText(normalizedPieces(parts), after);
    if (broken === undefined) break;
    if (reread > REREAD_LIMIT * total) {
      const last = lineCount(normalizedPieces(parts));
      read.skipped.push({ row: broken, reason: `unreadable CSV: quotes opened in this row and in ${read.skipped.filter((r) => r.reason === NEVER_CLOSED).length} rows before it are never closed, so lines ${broken}–${last} were not read (close the quotes and import those lines again, or check that the file is CSV)` });
      break;
    }
    read.skipped.push({ row: broken, reason: NEVER_CLOSED });
    after = await parseRows(afterLine(normalizedPieces(parts), broken), { delimiter, fromLine: 1, lineOffset: broken }, read, start, (chars) => void (reread += chars));
  }
  options.onProgress?.(1);
  if (!read.header) throw new ImportFormatError('the file has no header row');
  return { header: read.header, headerLine: read.firstLine!, rowCount: read.rowCount, skipped: read.skipped.sort((a, b) => a.row - b.row) };
}

/** What the parses of one file found so far (a file is parsed again after a quote that never closes). */
interface CsvRead {
  header?: string[];
  firstLine?: number;
  onRow?: (row: CsvRow) => void;
  rowCount: number;
  skipped: SkippedRow[];
  /** the file line where the last record taken (header included) ends */
  lastLine: number;
}

/**
 * Parses pieces of normalized text (line `lineOffset` + 1 of the file first) into `read`, handing
 * each row to its handler. Returns the file line of a row whose quote never closes (csv-parse then
 * drops everything from it to the end), or undefined.
 */
async function parseRows(
  pieces: Iterable<string>,
  at: { delimiter: string; fromLine: number; lineOffset: number },
  read: CsvRead,
  start: (header: string[]) => (row: CsvRow) => void,
  progress: (chars: number) => void,
): Promise<number | undefined> {
  const slicer = new TimeSlicer();
  let unclosed = false;
  const parser = parse({
    delimiter: at.delimiter,
    from_line: at.fromLine,
    skip_empty_lines: true,
    relax_column_count: true,
    // A quote inside a cell that does not start with one is a character of it (Mid "Jo" Name), as
    // spreadsheets read it, not an error that drops the row.
    relax_quotes: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return undefined;
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
      else read.skipped.push({ row: at.lineOffset + Number((err as CsvError & { lines?: number }).lines ?? 0), reason: `unreadable CSV: ${err.message}` });
      return undefined;
    },
  });
  const take = (item: { record: string[]; info: { lines: number } }) => {
    const fields = item.record;
    const inner = fields.reduce((n, f) => n + countNewlines(f), 0);
    const line = at.lineOffset + item.info.lines - inner;
    read.lastLine = at.lineOffset + item.info.lines;
    if (!read.header) {
      read.header = fields.map((h) => h.trim());
      read.firstLine = line;
      read.onRow = start(read.header);
      return;
    }
    const header = read.header;
    if (fields.length > header.length && fields.slice(header.length).some((f) => f.trim() !== '')) {
      read.skipped.push({ row: line, reason: `has ${fields.length} fields but the header has ${header.length} (a comma outside quotes?)` });
      return;
    }
    // Headers are user data: a column called "constructor" or "__proto__" is a column like any.
    const cells = dict<string>();
    for (let i = 0; i < header.length; i++) cells[header[i]!] = fields[i] ?? '';
    read.rowCount++;
    read.onRow!({ line, cells });
  };
  // Records are taken in batches from the parser's buffer (a promise per record, for await, costs
  // more than the parsing). A handler's error is kept and ends the parse, not thrown into the
  // stream's event, where nothing could catch it.
  let failure: { err: unknown } | undefined;
  parser.on('readable', () => {
    try {
      for (let item = parser.read() as Parameters<typeof take>[0] | null; item !== null && !failure; item = parser.read() as typeof item) take(item);
    } catch (err) {
      failure = { err };
      parser.destroy(); // nothing reads on: a write waiting for 'drain' must not wait forever
    }
  });
  // 'close' alone when a failing handler destroyed the parser.
  const ended = Promise.race([once(parser, 'end'), once(parser, 'close')]);
  ended.catch(() => undefined); // awaited below; an early error must not count as unhandled meanwhile
  let last = '';
  for (const chunk of pieces) {
    if (failure) break;
    last = chunk;
    if (!parser.write(chunk)) await drainedOrClosed(parser);
    progress(chunk.length);
    // Let the rows be taken and timers (the progress bar's redraw) run between chunks.
    if (slicer.due()) await slicer.pause();
  }
  if (failure) throw failure.err;
  if (!last.endsWith('\n')) parser.write('\n');
  parser.end();
  await ended;
  // A handler can still fail on the rows the end flushes.
  if (failure) throw (failure as { err: unknown }).err;
  // Every record before the broken one has been taken by now.
  return unclosed ? Math.max(read.lastLine, at.lineOffset + at.fromLine - 1) : undefined;
}

/** Resolves when the parser takes more input, or was destroyed by a failing handler. */
function drainedOrClosed(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}

/**
 * The text in pieces of at most CHUNK characters, a UTF-8 BOM dropped, never split between the
 * CR and LF of one line ending (each would count as a line) nor between the two halves of a
 * surrogate pair (csv-parse encodes each piece as UTF-8, which would turn each half into U+FFFD).
 */
function* csvPieces(parts: readonly string[]): Generator<string, void, undefined> {
  let carry = '';
  let first = true;
  for (const part of parts) {
    for (let at = 0; at < part.length; at += CHUNK) {
      let piece = carry + part.slice(at, at + CHUNK);
      carry = '';
      if (first && piece.length > 0) {
        if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
        first = false;
      }
      const last = piece.charCodeAt(piece.length - 1);
      if (last === 0x0d || (last >= 0xd800 && last <= 0xdbff)) {
        carry = piece.slice(-1);
        piece = piece.slice(0, -1);
      }
      if (piece.length > 0) yield piece;
    }
  }
  if (carry) yield carry;
}

/** The text's pieces with one line ending everywhere (what csv-parse is handed). */
function* normalizedPieces(parts: readonly string[]): Generator<string, void, undefined> {
  for (const piece of csvPieces(parts)) yield sameLineEndings(piece);
}

/** The normalized text after its first `n` lines. */
function* afterLine(pieces: Iterable<string>, n: number): Generator<string, void, undefined> {
  let seen = 0;
  for (const piece of pieces) {
    if (seen >= n) {
      yield piece;
      continue;
    }
    let at = -1;
    while (seen < n && (at = piece.indexOf('\n', at + 1)) !== -1) seen++;
    if (seen >= n && at + 1 < piece.length) yield piece.slice(at + 1);
  }
}

/** The 1-based number of the first line after line `after` with any character on it, if there is one. */
function firstLineWithText(pieces: Iterable<string>, after: number): number | undefined {
  let line = 1;
  let empty = true;
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i++) {
      if (piece.charCodeAt(i) === 0x0a) {
        if (line > after && !empty) return line;
        line++;
        empty = true;
      } else empty = false;
    }
  }
  return line > after && !empty ? line : undefined;
}

/** The number of lines of the normalized text (a last line without a line ending counted). */
function lineCount(pieces: Iterable<string>): number {
  let lines = 0;
  let open = false;
  for (const piece of pieces) {
    lines += countNewlines(piece);
    if (piece.length > 0) open = !piece.endsWith('\n');
  }
  return lines + (open ? 1 : 0);
}

/**
 * One line ending everywhere: csv-parse counts lines differently for CRLF and LF input, and line
 * breaks inside quoted cells are stored as \n anyway.
 */
function sameLineEndings(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The text of the 1-based line `n` (a header line: no line breaks inside quotes expected there). */
function lineAt(body: string, n: number): string {
  const eol = /\r\n|\r|\n/g;
  let start = 0;
  for (let i = 1; i < n && eol.exec(body); i++) start = eol.lastIndex;
  eol.lastIndex = start;
  const m = eol.exec(body);
  return body.slice(start, m ? m.index : body.length);
}

/** The 1-based line of the header row: the first line `isHeader` accepts, each line split naively on its delimiter. */
function findHeaderLine(body: string, isHeader?: (cells: string[]) => boolean): number {
  if (!isHeader) return 1;
  let line = 1;
  let start = 0;
  const eol = /\r\n|\r|\n/g;
  while (start < body.length) {
    eol.lastIndex = start;
    const m = eol.exec(body);
    const end = m ? m.index : body.length;
    if (isHeader(splitHeaderLine(body.slice(start, end)))) return line;
    start = m ? eol.lastIndex : body.length;
    line++;
    if (line > MAX_PREAMBLE) break; // a preamble is a few lines; don't scan a whole data file
  }
  throw new ImportFormatError(`no header row found in the first ${MAX_PREAMBLE} lines`);
}

/** Lines scanned for the header row. */
const MAX_PREAMBLE = 200;

/** The start of the text, BOM dropped: whole parts until it holds MAX_PREAMBLE line breaks (or all of it). */
function headOf(parts: readonly string[]): string {
  let head = '';
  let lines = 0;
  for (const part of parts) {
    head += part;
    lines += countNewlines(part);
    if (lines > MAX_PREAMBLE) break;
  }
  return head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
}
