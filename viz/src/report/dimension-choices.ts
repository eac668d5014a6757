/**
 * The report's dimension picker and how the page words a dimension. The page lists the built-in
 * dimensions itself (report.html) and adds the attribute keys the API offers on the data
 * (GET /api/dimensions: those of the people the caller sees), each by the name the API takes,
 * read by the API's own naming rule (graph/analytics/dimension-names.ts): an attribute named like a
 * built-in field is `attributes.KEY` and labelled "KEY (attribute)", any other by its key as written.
 */
import { attributeDimension, parseDimension } from '../../../graph/analytics/dimension-names.js';
import { h } from '../dom.js';

/** The dimension in a sentence: a built-in name as it is ("industry"), an attribute by its key as written. */
export function dimensionWord(name: string): string {
  const d = parseDimension(name);
  if (d.kind !== 'attribute') return name;
  return attributeDimension(d.key) === d.key ? d.key : `${d.key} (attribute)`;
}

/** The dimension as a label or heading starts: a built-in name capitalised, an attribute's key never changed. */
export function dimensionLabel(name: string): string {
  return parseDimension(name).kind === 'attribute' ? dimensionWord(name) : `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

/**
 * Adds to the picker each dimension of `names` it does not offer yet (attribute keys, in the order
 * given), under "Attributes"; a built-in one is in the page already.
 */
export function offerDimensions(select: HTMLSelectElement, names: readonly string[]): void {
  const known = new Set(Array.from(select.options, (o) => o.value));
  const added = names.filter((n) => !known.has(n));
  if (added.length === 0) return;
  let group = select.querySelector<HTMLOptGroupElement>('optgroup[data-attributes]');
  if (!group) {
    group = h('optgroup', { label: 'Attributes', 'data-attributes': true });
    select.append(group);
  }
  group.append(...added.map((n) => h('option', { value: n, text: dimensionLabel(n) })));
}
