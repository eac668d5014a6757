/**
 * An import report as the dialog shows it: counts per kind, rows read/imported/skipped, every
 * skipped row with its reason, warnings, and the people merged (within the file or into someone
 * already stored) — names, not ids. The same view before writing (dry run) and after.
 */
import { collectionLabel } from '../../../graph/collection-labels.js';
import type { FileImportReport } from '../../../graph/importers/report.js';
import { fmt, h } from '../dom.js';
import { count } from '../../../graph/support/words.js';

/** What a network document import answers (graph/service/import-document.ts). */
export interface DocumentReport {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  version: number;
}

/** Rows listed per section before "and N more". */
const SHOWN = 50;

function capped<T>(items: T[], row: (item: T) => HTMLElement): HTMLElement[] {
  const out = items.slice(0, SHOWN).map(row);
  if (items.length > SHOWN) out.push(h('li', { class: 'muted', text: `… and ${fmt(items.length - SHOWN)} more` }));
  return out;
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
    r.skipped.length > 0 && h('ul', { class: 'skipped', 'data-testid': 'skipped' }, ...capped(r.skipped, (s) => h('li', { 'data-row': String(s.row) }, h('b', { text: `Row ${s.row}: ` }), s.reason))),
    r.warnings.length > 0 && h('h4', { text: 'Warnings' }),
    r.warnings.length > 0 && h('ul', { class: 'warnings' }, ...capped(r.warnings, (w) => h('li', {}, h('b', { text: `Row ${w.row}: ` }), w.message))),
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
