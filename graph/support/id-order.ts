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
