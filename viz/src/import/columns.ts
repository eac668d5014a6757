/**
 * The columns of a people, interactions or referrals CSV, as the import dialog shows them: for each
 * field the column it is read from — the importer's own guess (column-map.ts guessColumns) until the
 * user picks another, or none — and, for people, the other columns the user keeps as attributes.
 * What the user changed goes to the server as the `map` option (field=Column, field= for none,
 * attr.KEY=Column), which the server resolves exactly as shown here.
 */
import { fieldsOf, guessColumns, missingFields, type CsvKind } from '../../../graph/importers/column-map.js';
import { RESERVED_ATTRIBUTE_KEYS } from '../../../graph/schema.js';
import { h } from '../dom.js';
import type { Issue } from '../form-errors.js';

/** Each field as the user knows it. */
const LABELS: Record<CsvKind, Record<string, string>> = {
  people: {
    id: 'Id',
    name: 'Name',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    company: 'Company',
    title: 'Job title',
    industry: 'Industry',
    profession: 'Profession',
    location: 'Location',
    tags: 'Tags',
    linkedin: 'LinkedIn profile',
    phone: 'Phone',
    note: 'Note',
  },
  interactions: { id: 'Id', a: 'Person', b: 'With', kind: 'Kind (met, call…)', at: 'Date', note: 'Note' },
  referrals: { id: 'Slip id', from: 'Given by', to: 'Given to', at: 'Date passed', status: 'Status', value: 'Value', prospect: 'Prospect', note: 'Note' },
};

export const CSV_KINDS: readonly string[] = ['people', 'interactions', 'referrals'] satisfies CsvKind[];
export const isCsvKind = (format: string): format is CsvKind => CSV_KINDS.includes(format);

/** The name of the select of a field (a form control name, so a problem about it is shown beside it). */
export const columnControl = (field: string) => `column:${field}`;

/** A column name the `map` option can carry as an attribute key and header (it splits on , and =). */
const attributeKeyOf = (header: string) => (/[,=]/.test(header) || RESERVED_ATTRIBUTE_KEYS.includes(header) ? undefined : header);

export interface ColumnsView {
  element: HTMLFieldSetElement;
  /** Shows the fields of `kind` over the file's `header`, the user's choices forgotten; hidden without both. */
  show(kind: string, header: readonly string[]): void;
  /** The `map` option for the user's choices; undefined when they changed nothing. */
  map(): string | undefined;
  /** A problem beside each field the file must have a column for and has none. */
  missing(): Issue[];
}

export function columnsView(): ColumnsView {
  const rows = h('div', { class: 'column-rows' });
  const attributes = h('div', { class: 'column-attributes', 'data-testid': 'attribute-columns' });
  const element = h(
    'fieldset',
    { class: 'columns', 'data-testid': 'columns', hidden: true },
    h('legend', { text: 'Columns of the file' }),
    h('p', { class: 'hint', text: 'Each field is read from the column shown, recognised by its name; choose another where the file names it differently.' }),
    rows,
    attributes,
  );
  let kind: CsvKind | undefined;
  let header: readonly string[] = [];
  /** field → the column the user chose ('' for none) */
  let chosen = new Map<string, string>();
  /** columns kept as attributes */
  let kept = new Set<string>();

  /** Every field's column as the server will resolve it: the user's choices, then the guess. */
  const resolved = (): Record<string, string> => {
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [field, column] of chosen) if (column !== '') fields[field] = column;
    const none = new Set([...chosen].filter(([, column]) => column === '').map(([field]) => field));
    return guessColumns(kind!, header, fields, new Set([...Object.values(fields), ...kept]), none);
  };

  const render = () => {
    if (!kind) return;
    const fields = resolved();
    rows.querySelectorAll<HTMLSelectElement>('select').forEach((select) => (select.value = fields[select.dataset.field!] ?? ''));
    const used = new Set(Object.values(fields));
    const others = header.filter((c) => !used.has(c) && attributeKeyOf(c) !== undefined);
    kept = new Set([...kept].filter((c) => others.includes(c)));
    attributes.replaceChildren(
      ...(kind === 'people' && others.length > 0
        ? [
            h('p', { class: 'hint', text: 'Other columns: tick those to keep on each person as an attribute (the rest are not imported).' }),
            ...others.map((c) => {
              const box = h('input', { type: 'checkbox', name: 'attribute-column', value: c, checked: kept.has(c) });
              box.addEventListener('change', () => {
                if (box.checked) kept.add(c);
                else kept.delete(c);
                render();
              });
              return h('label', { class: 'check' }, box, c);
            }),
          ]
        : []),
    );
  };

  return {
    element,
    show(format, columns) {
      kind = isCsvKind(format) && columns.length > 0 ? format : undefined;
      header = columns;
      chosen = new Map();
      kept = new Set();
      element.hidden = kind === undefined;
      rows.replaceChildren();
      attributes.replaceChildren();
      if (!kind) return;
      const labels = LABELS[kind];
      for (const field of fieldsOf(kind)) {
        const select = h('select', { name: columnControl(field), 'data-field': field }, h('option', { value: '', text: '— none' }), ...header.map((c) => h('option', { value: c, text: c })));
        select.addEventListener('change', () => {
          // A column is read for one field: choosing it here frees it elsewhere.
          for (const [other, column] of chosen) if (column === select.value && select.value !== '') chosen.delete(other);
          chosen.set(field, select.value);
          kept.delete(select.value);
          render();
        });
        rows.append(h('label', {}, labels[field] ?? field, select));
      }
      render();
    },
    map() {
      if (!kind) return undefined;
      const entries = [...chosen].map(([field, column]) => `${field}=${column}`);
      for (const c of kept) entries.push(`attr.${attributeKeyOf(c)!}=${c}`);
      return entries.length > 0 ? entries.join(',') : undefined;
    },
    missing() {
      if (!kind) return [];
      return missingFields(kind, resolved()).map((field) => ({
        path: `/${columnControl(field)}`,
        message: field === 'name' && kind === 'people' ? 'choose the column that holds the name (or the first and last names)' : `choose the column that holds the ${LABELS[kind!][field]?.toLowerCase() ?? field}`,
      }));
    },
  };
}
