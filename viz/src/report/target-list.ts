/**
 * The Target categories field: comma-separated categories, read as the server reads `target=`
 * (api/routes/analytics.ts: split on commas, trimmed, empty entries dropped).
 */

/** The field's text with the entry `value` replaced by `by` (a suggested spelling), each entry once. */
export function replaceTarget(list: string, value: string, by: string): string {
  const entries = list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s === value ? by : s));
  return [...new Set(entries)].join(', ');
}
