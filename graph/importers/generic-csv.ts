/**
 * Generic CSV files: a people list, an interactions log (one-to-ones, calls…) and referral slips.
 * Columns are found by common names or by a --map mapping (column-map.ts). People rows become
 * person drafts; interaction and referral rows refer to people by id, email, LinkedIn URL or name,
 * resolved by the planner against the network and the people in the same import.
 */
import { forEachCsvRow, type CsvRow, type TextParts } from './csv-rows.js';
import { resolveMapping, type ColumnMapping, type CsvKind } from './column-map.js';
import { parseDate, type DateOrder } from './dates.js';
import { addEmails, cell, emptyParsed, ImportFormatError, type ParsedImport, type PersonDraft } from './drafts.js';
import { normalizeLinkedInUrl } from './normalize.js';
import { fullName, withoutHonorifics } from './person-name.js';
import { dict } from '../support/prototype-names.js';
import { screenRow, type ScreenedColumn } from './spreadsheet-cells.js';
import { parseKind, parseMoney, parseStatus } from './values.js';

export interface GenericCsvOptions {
  /** field → header, from parseColumnMap. */
  map?: Record<string, string>;
  dateOrder?: DateOrder;
  onProgress?: (fraction: number) => void;
}

/** Reads a people, interactions or referrals CSV into drafts, each row as soon as it is parsed. */
export async function readGenericCsv(kind: CsvKind, text: TextParts, options: GenericCsvOptions = {}): Promise<ParsedImport> {
  const out = emptyParsed(kind);
  const readRow = { people: personRow, interactions: interactionRow, referrals: referralRow }[kind];
  const head = await forEachCsvRow(
    text,
    (header) => {
      const mapping = resolveMapping(kind, header, options.map ?? {});
      requireOneColumnEach(header, mapping);
      const columns = screenedColumns(kind, mapping);
      return (row) => {
        const reason = screenRow(row, columns, out.warnings) ?? readRow(row, mapping, out, options);
        if (reason) out.skipped.push({ row: row.line, reason });
      };
    },
    { onProgress: options.onProgress },
  );
  for (const skip of head.skipped) out.skipped.push(skip);
  out.rowsRead = head.rowCount + head.skipped.length;
  out.skipped.sort((a, b) => a.row - b.row);
  return out;
}

/**
 * A column read for a field that shares its name with another: a row keeps one cell per name, so
 * the other column's values would be lost without a word. Columns nothing reads may repeat.
 */
function requireOneColumnEach(header: readonly string[], mapping: ColumnMapping): void {
  for (const name of new Set([...Object.values(mapping.fields), ...Object.values(mapping.attributes)])) {
    const at = header.flatMap((h, i) => (h === name ? [i + 1] : []));
    if (at.length > 1) throw new ImportFormatError(`columns ${at.join(' and ')} are both called "${name}": give each column its own name`);
  }
}

/** Fields whose value a row cannot do without (a formula error in them skips the row). */
const ESSENTIAL: Record<CsvKind, ReadonlySet<string>> = {
  people: new Set(['id', 'name', 'firstName', 'lastName']),
  interactions: new Set(['id', 'a', 'b', 'kind', 'at']),
  referrals: new Set(['id', 'from', 'to', 'at', 'status', 'value']),
};

/** The columns the mapping reads, as spreadsheet-cells.ts screens them. */
function screenedColumns(kind: CsvKind, mapping: ColumnMapping): ScreenedColumn[] {
  return [
    ...Object.entries(mapping.fields).map(([field, header]) => ({ header, essential: ESSENTIAL[kind].has(field) })),
    ...Object.values(mapping.attributes).map((header) => ({ header, essential: false })),
  ];
}

type RowReader = (row: CsvRow, m: ColumnMapping, out: ParsedImport, o: GenericCsvOptions) => string | undefined;

const getter = (row: CsvRow, m: ColumnMapping) => (field: string) => {
  const header = m.fields[field];
  return header === undefined ? undefined : cell(row.cells[header]);
};

/** The attributes of every row that has none (shared, never written: a row that gets one gets its own). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(dict<string>());

const personRow: RowReader = (row, m, out) => {
  const get = getter(row, m);
  const whole = get('name');
  const first = get('firstName');
  const last = get('lastName');
  // A name over several lines is rows swallowed by a quote left open, never a name.
  const lines = Math.max(...[whole, first, last].map((n) => (n === undefined ? 0 : n.split('\n').length - 1)));
  if (lines > 0) return `the name runs over lines ${row.line}–${row.line + lines}: a quote left open in this row?`;
  const name = whole ? withoutHonorifics(whole) : fullName(first, last);
  if (!name) return 'no name';
  const draft: PersonDraft = { row: row.line, name, emails: [], attributes: NO_ATTRIBUTES };
  const id = get('id');
  if (id) draft.id = id;
  // A cell may hold several emails ("a@x.com; b@y.com", Google's " ::: " separator).
  addEmails(draft, (get('email') ?? '').split(/\s*(?:;|,|:::)\s*/), out.warnings);
  for (const f of ['company', 'title', 'industry', 'profession', 'location'] as const) {
    const v = get(f);
    if (v) draft[f] = v;
  }
  const tags = get('tags');
  if (tags) draft.tags = [...new Set(tags.split(/\s*[;,|]\s*|\s*:::\s*/).filter(Boolean))];
  // The row's own attributes object only when it has one: a million rows of empty null-prototype
  // objects (about 190 bytes each) made the collector's pauses longer for nothing.
  const attributes = () => (draft.attributes === NO_ATTRIBUTES ? (draft.attributes = dict()) : draft.attributes);
  const linkedin = get('linkedin');
  if (linkedin) {
    const url = normalizeLinkedInUrl(linkedin);
    if (url) attributes().linkedin = url;
    else out.warnings.push({ row: row.line, message: `"${linkedin}" is not a LinkedIn profile URL; left out` });
  }
  const phone = get('phone');
  if (phone) attributes().phone = phone;
  const note = get('note');
  if (note) attributes().note = note;
  for (const [key, header] of Object.entries(m.attributes)) {
    const v = cell(row.cells[header]);
    if (v) attributes()[key] = v;
  }
  out.people.push(draft);
  return undefined;
};

const interactionRow: RowReader = (row, m, out, o) => {
  const get = getter(row, m);
  const a = get('a');
  const b = get('b');
  if (!a || !b) return `needs both people (${!a ? m.fields.a : m.fields.b} is empty)`;
  const kind = parseKind(get('kind') ?? '');
  if (!kind.ok) return kind.reason;
  const at = parseDate(get('at') ?? '', o.dateOrder);
  if (!at.ok) return `${m.fields.at}: ${at.reason}`;
  const id = get('id');
  const note = get('note');
  out.interactions.push({ row: row.line, a, b, kind: kind.value, at: at.value, ...(id && { id }), ...(note && { note }) });
  return undefined;
};

const referralRow: RowReader = (row, m, out, o) => {
  const get = getter(row, m);
  const from = get('from');
  const to = get('to');
  if (!from || !to) return `needs both giver and receiver (${!from ? m.fields.from : m.fields.to} is empty)`;
  const at = parseDate(get('at') ?? '', o.dateOrder);
  if (!at.ok) return `${m.fields.at}: ${at.reason}`;
  const status = parseStatus(get('status') ?? '');
  if (!status.ok) return status.reason;
  const rawValue = get('value');
  let value: number | undefined;
  if (rawValue) {
    const v = parseMoney(rawValue);
    if (!v.ok) return `${m.fields.value}: ${v.reason}`;
    value = v.value;
  }
  const id = get('id');
  const prospect = get('prospect');
  const note = get('note');
  out.referrals.push({
    row: row.line, from, to, at: at.value, status: status.value,
    ...(value !== undefined && { value }), ...(id && { id }), ...(prospect && { prospect }), ...(note && { note }),
  });
  return undefined;
};
