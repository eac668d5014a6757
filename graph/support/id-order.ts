/**
 * The one order of ids, keys, names and categories wherever an answer lists them or breaks a tie
 * between them: plain UTF-16 code-unit order ("B" < "_" < "a" < "â") — total, locale-independent
 * and the same in every process, store and browser, so the same records give the same answer
 * whatever order they were written in and whatever ICU locale the process runs with
 * (`localeCompare` would not: eslint.config.js forbids it).
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `ids` are in that order already (one pass: a sort can then be skipped). */
export function inIdOrder(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (compareIds(ids[i - 1]!, ids[i]!) > 0) return false;
  return true;
}
