/**
 * CSV reading shared by every CSV format: csv-parse does the RFC 4180 work (quotes, commas and
 * newlines inside fields, CRLF); this module adds what real exports need on top: a UTF-8 BOM,
 * notes written above the header row (LinkedIn), the line number of every row so a skipped row
 * can be found in the file, rows with too many fields reported instead of misread, and progress.
 */
import { parse, type CsvError } from 'csv-parse';
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

const CHUNK = 64 * 1024;

/** Parses CSV text into rows keyed by header name. Throws ImportFormatError when no header is found. */
export async function readCsv(text: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const headerLine = findHeaderLine(body, options.isHeader);
  const slicer = new TimeSlicer();
  const skipped: SkippedRow[] = [];
  const parser = parse({
    delimiter: sniffDelimiter(lineAt(body, headerLine)),
    from_line: headerLine,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) skipped.push({ row: Number((err as CsvError & { lines?: number }).lines ?? 0), reason: `unreadable CSV: ${err.message}` });
      return undefined;
    },
  });
  let header: string[] | undefined;
  let firstLine = 0;
  const rows: CsvRow[] = [];
  // Each record becomes a row as soon as it is parsed (nothing else holds it), read in batches
  // from the parser's buffer: a promise per record (for await) costs more than the parsing.
  const take = (item: { record: string[]; info: { lines: number } }) => {
    const fields = item.record;
    const inner = fields.reduce((n, f) => n + countNewlines(f), 0);
    const line = item.info.lines - inner;
    if (!header) {
      header = fields.map((h) => h.trim());
      firstLine = line;
      return;
    }
    if (fields.length > header.length && fields.slice(header.length).some((f) => f.trim() !== '')) {
      skipped.push({ row: line, reason: `has ${fields.length} fields but the header has ${header.length} (a comma outside quotes?)` });
      return;
    }
    // Headers are user data: a column called "constructor" or "__proto__" is a column like any.
    const cells = dict<string>();
    for (let i = 0; i < header.length; i++) cells[header[i]!] = fields[i] ?? '';
    rows.push({ line, cells });
  };
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      for (let item = parser.read() as Parameters<typeof take>[0] | null; item !== null; item = parser.read() as typeof item) take(item);
    });
    parser.once('end', resolve);
    parser.once('error', reject);
  });
  for (let at = 0; at < body.length; ) {
    // A chunk never ends between the CR and LF of one line ending.
    let end = Math.min(body.length, at + CHUNK);
    if (body.charCodeAt(end - 1) === 0x0d && body.charCodeAt(end) === 0x0a) end++;
    let chunk = sameLineEndings(body.slice(at, end));
    if (end === body.length && !chunk.endsWith('\n')) chunk += '\n';
    at = end;
    if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    options.onProgress?.(at / body.length);
    // Let the rows be taken and timers (the progress bar's redraw) run between chunks.
    if (slicer.due()) await slicer.pause();
  }
  if (body.length === 0) parser.write('\n');
  parser.end();
  await ended;

  if (!header) throw new ImportFormatError('the file has no header row');
  return { header, headerLine: firstLine, rows, skipped: skipped.sort((a, b) => a.row - b.row) };
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
    if (line > 200) break; // a preamble is a few lines; don't scan a whole data file
  }
  throw new ImportFormatError('no header row found in the first 200 lines');
}
