/**
 * The one order of ids and keys wherever an answer lists them without a better one: plain UTF-16
 * code-unit order — total, locale-independent and the same in every process and store, so the
 * same records give the same answer whatever order they were written in.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
