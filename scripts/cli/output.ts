/**
 * Output for people and for scripts: aligned tables whose column widths count display cells
 * (CJK and emoji are two wide; string-width), all of it fitted to the terminal's width with
 * words and ids never cut (scripts/cli/layout.ts), labelled key/value blocks, and --json that prints exactly the data, nothing else, on stdout.
 */
import { money as moneyWords } from '../../graph/support/words.js';
import { fitLine, labelled, layoutTable, type Column } from './layout.js';
import { terminalJson, visibleText } from './visible-text.js';

export type { Column } from './layout.js';
export type Cell = string | number | boolean | null | undefined;

/** Writes `data` as JSON on stdout (control and bidi characters escaped inside its strings: scripts/cli/visible-text.ts). */
export function printJson(data: unknown): void {
  process.stdout.write(`${terminalJson(JSON.stringify(data, null, 2))}\n`);
}

function show(v: Cell): string {
  if (v === null) return '—';
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? num(v) : v.toFixed(3).replace(/\.?0+$/, '');
  // One line per cell: a line break shows as ⏎, any other control character as a visible escape.
  return visibleText(String(v).replace(/\s*\n\s*/g, ' ⏎ '), true);
}

/**
 * The width output is laid out in: $COLUMNS when set (as `ls` reads it: the user's own choice
 * wins), else the terminal's, else 120 (piped to a file or a program with no width of its own).
 */
export function outputWidth(): number {
  return knownWidth() ?? 120;
}

/** $COLUMNS or the terminal's width; undefined when output goes to a file or a program with neither. */
function knownWidth(): number | undefined {
  const columns = Number(process.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return process.stdout.columns || undefined;
}

/** A column whose cells are ids (what the next command takes): shown whole, never wrapped or cut. */
export const idColumn = (header: string): Column => ({ header, id: true });

/**
 * An aligned table with a header row, as wide as the terminal at most: text cells wrap between
 * words, id columns (`idColumn`) keep their full width, and a table that cannot fit shows each
 * row as a block of "header: value" lines (scripts/cli/layout.ts).
 */
export function table(headers: (string | Column)[], rows: Cell[][], maxWidth = outputWidth()): string {
  const columns = headers.map((h) => (typeof h === 'string' ? { header: h } : h));
  return layoutTable(
    columns,
    rows.map((r) => columns.map((_, i) => show(r[i]))),
    maxWidth,
  );
}

/**
 * "label  value" lines, labels aligned, long values wrapped with a hanging indent; a null value
 * shows as "—", an undefined one is left out. `width`: the room they have (less any indent).
 */
export function keyValues(pairs: [string, Cell][], width = outputWidth()): string {
  return labelled(
    pairs.filter(([, v]) => v !== undefined).map(([k, v]) => [k, show(v)]),
    width,
  );
}

/**
 * Prints a block of text followed by a newline; control characters in it show as escapes (its
 * line breaks stay), and a line wider than the terminal ($COLUMNS) wraps between words with a
 * hanging indent. Piped with no width of its own, a line stays whole: a script reading it (grep,
 * a log) finds a message on one line.
 */
export function say(text = ''): void {
  const width = knownWidth();
  const lines = visibleText(text).split('\n');
  process.stdout.write(`${(width === undefined ? lines : lines.map((l) => fitLine(l, width))).join('\n')}\n`);
}

/** A line on stderr (what happened, beside the data on stdout), escaped as `say` is. */
export function note(text: string): void {
  process.stderr.write(`${visibleText(text)}\n`);
}

/** A list shown in full up to `max`, then "… and N more (see --json)". */
export function capped<T>(items: T[], max: number): { shown: T[]; more: string | undefined } {
  return { shown: items.slice(0, max), more: items.length > max ? `… and ${items.length - max} more (use --json for all)` : undefined };
}

// ---- values as people read them ----

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: "5,666". */
export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : GROUPED.format(n);
}

/** "2026-10-11" for a date-time at midnight UTC, else "2026-10-11 14:05 UTC"; null/undefined as "—". */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const [day, time] = d.toISOString().split('T') as [string, string];
  return time.startsWith('00:00:00') ? day : `${day} ${time.slice(0, 5)} UTC`;
}

/** Whole days: "421 days", "1 day", "today". */
export function days(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const d = Math.floor(n);
  return d === 0 ? 'today' : d === 1 ? '1 day' : `${num(d)} days`;
}

/**
 * A ratio or score to `digits` places, trailing zeros dropped: "0.412". The analytics answer null
 * where a figure is undefined (DOMAIN: "Undefined ratios are null"), so null/undefined/NaN show as "—"
 * rather than crashing the printer; callers add what the dash means where it is not obvious.
 */
export function decimal(x: number | null | undefined, digits = 3): string {
  return typeof x === 'number' && Number.isFinite(x) ? String(Number(x.toFixed(digits))) : '—';
}

/** "1 hop", "3 hops". */
export function hops(n: number): string {
  return n === 1 ? '1 hop' : `${num(n)} hops`;
}

/** "31.5%". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** A money amount in the currency of --currency / REFNET_CURRENCY / the server's setting: "€5,660". */
export function money(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '—';
  return moneyWords(amount, currency);
}

/** "2 one-to-one meetings" / "1 one-to-one meeting" / "3 people": the server's and the pages' words. */
export { count, lastContactAgo } from '../../graph/support/words.js';
