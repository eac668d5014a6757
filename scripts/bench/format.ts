/** Formatting of figures for the terminal table and the Markdown docs. */
import type { Figure } from './types.js';

/** A number as people read it: thousands separators, at most 3 significant digits below 1000. */
export function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '–';
  return value.toLocaleString('en', { maximumSignificantDigits: Math.abs(value) >= 1000 ? 21 : 3 });
}

/** "≥ 50,000" / "≤ 10". */
export function formatTarget(figure: Figure): string {
  return figure.target ? `${figure.target.op === '>=' ? '≥' : '≤'} ${formatNumber(figure.target.value)}` : '';
}

/** 'met' / 'MISSED' / '' (no target or no value). */
export function verdict(figure: Figure): string {
  if (!figure.target || figure.value === null || Number.isNaN(figure.value)) return '';
  const ok = figure.target.op === '>=' ? figure.value >= figure.target.value : figure.value <= figure.target.value;
  return ok ? 'met' : 'MISSED';
}

/** Fixed-width text table. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

/** Markdown table of figures. */
export function markdownTable(figures: readonly Figure[]): string {
  const lines = ['| measurement | median | unit | target | | rounds | note |', '|---|---:|---|---|---|---|---|'];
  for (const f of figures) {
    const rounds = f.rounds && f.rounds.length > 1 ? f.rounds.map(formatNumber).join(' / ') : '';
    lines.push(`| ${f.label} | ${formatNumber(f.value)} | ${f.unit} | ${formatTarget(f)} | ${verdict(f)} | ${rounds} | ${f.note ?? ''} |`);
  }
  return lines.join('\n');
}
