/**
 * The section and ids of a week row's key ("dormant:p030", "intro:p1:p2"), as the API makes them
 * (rowKey in graph/service/this-week.ts: the section, then each id percent-encoded, joined by ':'),
 * read back to say in words what a hidden row was. Undefined for a key of no known section.
 */
const SECTIONS = ['followUp', 'dormant', 'owed', 'intro', 'slip'] as const;
export type RowSection = (typeof SECTIONS)[number];

export function parseRowKey(key: string): { section: RowSection; ids: string[] } | undefined {
  const [section, ...parts] = key.split(':');
  if (!(SECTIONS as readonly string[]).includes(section ?? '') || parts.length === 0 || parts.includes('')) return undefined;
  try {
    return { section: section as RowSection, ids: parts.map(decodeURIComponent) };
  } catch {
    return undefined;
  }
}
