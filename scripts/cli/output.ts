/**
 * Output for people and for scripts: aligned tables (truncated to the terminal), key/value
 * blocks, and --json that prints exactly the data, nothing else, on stdout.
 */
export type Cell = string | number | boolean | null | undefined;

/** Writes `data` as JSON on stdout. */
export function printJson(data: unknown): void {
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

function show(v: Cell): string {
  if (v === null) return '—';
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/\.?0+$/, '');
  return String(v).replace(/\s*\n\s*/g, ' ⏎ ');
}

/** An aligned table with a header row; long cells are cut to fit the terminal width. */
export function table(headers: string[], rows: Cell[][], maxWidth = process.stdout.columns || 120): string {
  const cells = rows.map((r) => r.map(show));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  // Shrink the widest column until the table fits.
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > maxWidth && Math.max(...widths) > 12) widths[widths.indexOf(Math.max(...widths))]!--;
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (r: string[]) => r.map((c, i) => fit(c, widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** "key  value" lines, keys aligned. */
export function keyValues(pairs: [string, Cell][]): string {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(w)}  ${show(v)}`).join('\n');
}

/** Prints a block of text followed by a newline. */
export function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** A list shown in full up to `max`, then "… and N more (see --json)". */
export function capped<T>(items: T[], max: number): { shown: T[]; more: string | undefined } {
  return { shown: items.slice(0, max), more: items.length > max ? `… and ${items.length - max} more (use --json for all)` : undefined };
}
