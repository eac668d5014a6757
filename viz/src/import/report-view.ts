/**
 * An import report as the dialog shows it: counts per kind, rows read/imported/skipped, every
 * skipped row with its reason, every warning, the records created and updated by name, and the
 * people merged (within the file or into someone already stored) — names, not ids. The same view
 * before writing (dry run) and after. A network document refused lists every problem by record.
 */
import { COLLECTION_NOUNS, collectionLabel } from '../../../graph/collection-labels.js';
import type { FileImportReport, RecordChange } from '../../../graph/importers/report.js';
import { fmt, h } from '../dom.js';
import { count } from '../../../graph/support/words.js';

/** What a network document import answers (graph/service/import-document.ts). */
export interface DocumentReport {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  version: number;
}

/**
 * Records listed per section before "and N more". Problems (skipped rows, warnings, a document's
 * refusals) are never cut: each is something the user must find in their file.
 */
const SHOWN = 50;

function capped<T>(items: T[], row: (item: T) => HTMLElement): HTMLElement[] {
  const out = items.slice(0, SHOWN).map(row);
  if (items.length > SHOWN) out.push(h('li', { class: 'muted', text: `… and ${fmt(items.length - SHOWN)} more` }));
  return out;
}

/** What each op of a change is called in the list of records by name. */
const OP_WORDS: Record<RecordChange['op'], { title: string; dry: string }> = {
  create: { title: 'created', dry: 'to create' },
  update: { title: 'updated', dry: 'to update' },
  unchanged: { title: 'unchanged', dry: 'unchanged' },
};
const KIND_COLLECTION: Record<RecordChange['kind'], string> = { person: 'people', interaction: 'interactions', referral: 'referrals' };

/** The records by name, per kind and op ("People created: Priya Patel (rows 5, 7), Tom Berg (row 6)"), each group folded. */
function changesByName(changes: RecordChange[], dryRun: boolean): HTMLElement | false {
  const groups = new Map<string, RecordChange[]>();
  for (const c of changes) groups.set(`${c.kind}\u0000${c.op}`, [...(groups.get(`${c.kind}\u0000${c.op}`) ?? []), c]);
  if (groups.size === 0) return false;
  return h(
    'div',
    { class: 'changes', 'data-testid': 'changes' },
    ...[...groups].map(([key, list]) => {
      const [kind, op] = key.split('\u0000') as [RecordChange['kind'], RecordChange['op']];
      const words = dryRun ? OP_WORDS[op].dry : OP_WORDS[op].title;
      return h(
        'details',
        { 'data-kind': kind, 'data-op': op, open: op !== 'unchanged' && list.length <= 10 },
        h('summary', { text: `${collectionLabel(KIND_COLLECTION[kind])[0]!.toUpperCase()}${collectionLabel(KIND_COLLECTION[kind]).slice(1)} ${words}: ${fmt(list.length)}` }),
        h('ul', {}, ...capped(list, (c) => h('li', {}, h('b', { text: c.label }), ` — ${rowsText(c.rows)}${c.fields?.length ? ` (${c.fields.join(', ')})` : ''}`))),
      );
    }),
  );
}

function countsTable(rows: [string, { created: number; updated: number; unchanged: number }][]): HTMLElement {
  return h(
    'table',
    { class: 'counts' },
    h('thead', {}, h('tr', {}, h('th', { text: '' }), h('th', { text: 'created' }), h('th', { text: 'updated' }), h('th', { text: 'unchanged' }))),
    h('tbody', {}, ...rows.map(([kind, c]) => h('tr', { 'data-kind': kind }, h('th', { text: collectionLabel(kind) }), h('td', { text: fmt(c.created) }), h('td', { text: fmt(c.updated) }), h('td', { text: fmt(c.unchanged) })))),
  );
}

const rowsText = (rows: number[]) => (rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.join(', ')}`);

/** How each file format is named in a report's heading. */
const FORMAT_NAMES: Record<string, string> = { linkedin: 'LinkedIn connections', vcard: 'vCard contacts', people: 'people CSV', interactions: 'interactions CSV', referrals: 'referrals CSV' };

function fileReport(r: FileImportReport, dryRun: boolean): HTMLElement {
  const format = FORMAT_NAMES[r.format] ?? r.format;
  const merges = r.merges.filter((m) => m.rows.length > 1 || m.existing || m.conflicts.length > 0);
  return h(
    'div',
    { 'data-dry-run': String(dryRun) },
    h('h3', { text: dryRun ? `Dry run of ${format}: nothing written yet` : `Imported ${format}` }),
    countsTable([
      ['people', r.people],
      ['interactions', r.interactions],
      ['referrals', r.referrals],
    ]),
    h(
      'p',
      { class: 'rows-line' },
      `${count(r.rows.read, 'row')} read · ${fmt(r.rows.imported)} imported · ${fmt(r.rows.skipped)} skipped · ${fmt(r.duplicates.withinImport)} merged within the file · ${fmt(r.duplicates.intoExisting)} matched people already stored`,
    ),
    r.skipped.length > 0 && h('h4', { text: 'Skipped rows' }),
    r.skipped.length > 0 && h('ul', { class: 'skipped', 'data-testid': 'skipped' }, ...r.skipped.map((s) => h('li', { 'data-row': String(s.row) }, h('b', { text: `Row ${s.row}: ` }), s.reason))),
    r.warnings.length > 0 && h('h4', { text: 'Warnings' }),
    r.warnings.length > 0 && h('ul', { class: 'warnings', 'data-testid': 'warnings' }, ...r.warnings.map((w) => h('li', { 'data-row': String(w.row) }, h('b', { text: `Row ${w.row}: ` }), w.message))),
    changesByName(r.changes, dryRun),
    merges.length > 0 && h('h4', { text: 'Merged' }),
    merges.length > 0 &&
      h(
        'ul',
        { class: 'merged', 'data-testid': 'merged' },
        ...capped(merges, (m) =>
          h(
            'li',
            {},
            h('b', { text: m.name }),
            ` — ${rowsText(m.rows)} ${m.existing ? `into the person already stored (matched on ${m.matchedOn.join(', ')})` : `as one new person (matched on ${m.matchedOn.join(', ')})`}`,
            ...m.conflicts.map((c) => h('div', { class: 'muted', text: `${c.field}: keeps "${c.kept}", not "${c.ignored}" (row ${c.row})` })),
          ),
        ),
      ),
  );
}

function documentReport(r: DocumentReport): HTMLElement {
  const kinds = Object.keys(r.created).filter((k) => r.created[k]! + (r.updated[k] ?? 0) + (r.unchanged[k] ?? 0) > 0);
  return h(
    'div',
    { 'data-dry-run': 'false' },
    h('h3', { text: 'Imported (network document)' }),
    kinds.length ? countsTable(kinds.map((k) => [k, { created: r.created[k]!, updated: r.updated[k] ?? 0, unchanged: r.unchanged[k] ?? 0 }])) : h('p', { text: 'The document held no records.' }),
  );
}

export function renderReport(r: FileImportReport | DocumentReport, dryRun: boolean): HTMLElement {
  return 'rows' in r ? fileReport(r, dryRun) : documentReport(r);
}

/** A problem of a refused network document, as the server lists it (`errors[]`). */
export interface DocumentProblem {
  path: string;
  message: string;
}

/** The record a problem's path starts with, as the document holds it (to name it), when it could be read. */
export type DocumentRecords = Record<string, unknown[] | undefined>;

/** A record of the document named for people: its name, else its id, else its two ends. */
function recordName(record: unknown): string | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  const r = record as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const name = text(r.name);
  const id = text(r.id);
  if (name && id) return `${name}, id ${id}`;
  if (name ?? id) return name ?? `id ${id!}`;
  const ends = [r.person ?? r.a ?? r.from ?? r.requester, r.group ?? r.event ?? r.b ?? r.to ?? r.target].map(text);
  return ends.every(Boolean) ? `${ends[0]!} – ${ends[1]!}` : undefined;
}

/**
 * One problem in words, with the record it is about counted from 1 as people count ("Person 4
 * (Ann Lee, id p004): email — not a valid email address"), not as a path from 0 ("/people/3/email").
 */
export function documentProblemWords(p: DocumentProblem, records?: DocumentRecords): string {
  const [collection, index, ...rest] = p.path.split('/').filter((x) => x !== '');
  if (collection === undefined || index === undefined || !/^\d+$/.test(index)) return `${p.path ? `${p.path}: ` : ''}${p.message}`;
  const noun = Object.hasOwn(COLLECTION_NOUNS, collection) ? COLLECTION_NOUNS[collection as keyof typeof COLLECTION_NOUNS].one : collection;
  const name = recordName(records?.[collection]?.[Number(index)]);
  const where = rest.map((x) => (/^\d+$/.test(x) ? `#${Number(x) + 1}` : x)).join(' › ');
  return `${noun[0]!.toUpperCase()}${noun.slice(1)} ${Number(index) + 1}${name ? ` (${name})` : ''}: ${where ? `${where} — ` : ''}${p.message}`;
}

/** Every problem of a refused document, each on its line; `omitted` more the server counted but did not list. */
export function documentProblems(problems: DocumentProblem[], omitted: number, records?: DocumentRecords): HTMLElement {
  return h(
    'div',
    { 'data-testid': 'document-problems' },
    h('h3', { text: `Nothing was imported: the document has ${count(problems.length + omitted, 'problem')}` }),
    h('ul', { class: 'problems' }, ...problems.map((p) => h('li', { 'data-path': p.path, text: documentProblemWords(p, records) }))),
    omitted > 0 && h('p', { class: 'muted', text: `… and ${fmt(omitted)} more the server did not list: fix these and check again.` }),
  );
}
