/**
 * Output for people and for scripts: aligned tables whose column widths count display cells
 * (CJK and emoji are two wide; cli-table3 + string-width), long cells wrapped rather than cut,
 * labelled key/value blocks, and --json that prints exactly the data, nothing else, on stdout.
 */
import { money as moneyWords } from '../../graph/support/words.js';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { terminalJson, visibleText } from './visible-text.js';

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

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
}; // prettier-ignore

const MIN_COLUMN = 12;

/** The width tables wrap at: the terminal's, else $COLUMNS (as shells and `less` set it), else 120. */
function outputWidth(): number {
  const columns = Number(process.env.COLUMNS);
  return process.stdout.columns || (Number.isInteger(columns) && columns > 0 ? columns : 120);
}

/** An aligned table with a header row; when it is wider than the terminal, the widest columns wrap. */
export function table(headers: string[], rows: Cell[][], maxWidth = outputWidth()): string {
  const cells = rows.map((r) => headers.map((_, i) => show(r[i])));
  const widths = headers.map((h, i) => Math.max(stringWidth(h), ...cells.map((r) => stringWidth(r[i]!))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > maxWidth && Math.max(...widths) > MIN_COLUMN) widths[widths.indexOf(Math.max(...widths))]!--;
  const t = new Table({
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
  });
  t.push(headers, widths.map((w) => '-'.repeat(w)), ...cells);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** "label  value" lines, labels aligned; a null value shows as "—", an undefined one is left out. */
export function keyValues(pairs: [string, Cell][]): string {
  const shown = pairs.filter(([, v]) => v !== undefined);
  const w = Math.max(0, ...shown.map(([k]) => stringWidth(k)));
  return shown.map(([k, v]) => `${k}${' '.repeat(w - stringWidth(k))}  ${show(v)}`).join('\n');
}

/** Prints a block of text followed by a newline; control characters in it show as escapes (its line breaks stay). */
export function say(text = ''): void {
  process.stdout.write(`${visibleText(text)}\n`);
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
