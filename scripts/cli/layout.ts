/**
 * Laying text out in a terminal's width, counted in display cells (CJK and emoji are two wide):
 * lines wrapped at word boundaries, tables whose id columns are never shortened, and labelled
 * values with a hanging indent. Nothing here cuts a word with "…": a word wider than the whole
 * space it can have is the only thing broken, and then across lines, so every character is shown.
 * Pure functions of their text and width; scripts/cli/output.ts chooses the width.
 *
 * The wrapping is our own rather than wrap-ansi's (7, cliui's): that one measures with its own
 * string-width 4, which counts emoji newer than 2019 (🫠, 🪴) as one cell, so lines overflow; it
 * breaks a long word between code points, splitting flags and scripts like Devanagari; and it
 * NFC-normalises its input, so an id written with combining accents would print as another id.
 * tests/cli/output.test.ts holds each case.
 */
import stringWidth from 'string-width';

/** A table column: its header, and whether its cells are ids (the next command's input: never wrapped or cut). */
export interface Column {
  header: string;
  id?: boolean;
}

const GAP = 2;
const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const words = (text: string): string[] => text.split(/\s+/u).filter(Boolean);

const longestWord = (text: string): number => Math.max(0, ...words(text).map((w) => stringWidth(w)));

const padded = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

/** A word wider than `width` in pieces of at most `width` cells (whole graphemes). */
function broken(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const { segment } of SEGMENTER.segment(word)) {
    if (piece && stringWidth(piece + segment) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * `text` as lines of at most `width` cells (the first line: `firstWidth`), broken between words. A
 * word wider than its line is broken across lines, unless `keepWords` (ids): then it stands whole
 * on a line of its own.
 */
export function wrap(text: string, width: number, keepWords = false, firstWidth = width): string[] {
  const lines: string[] = [];
  let line = '';
  const room = () => Math.max(1, lines.length ? width : firstWidth);
  for (const word of words(text)) {
    const pieces = keepWords || stringWidth(word) <= room() ? [word] : broken(word, room());
    for (const piece of pieces) {
      if (line && stringWidth(`${line} ${piece}`) <= room()) line = `${line} ${piece}`;
      else {
        if (line) lines.push(line);
        line = piece;
      }
    }
  }
  lines.push(line);
  return lines;
}

/**
 * One line of output fitted to `width`: as it is when it fits, else wrapped between words with
 * the continuation lines indented under its text (its own indent + 2, a hanging indent). Words
 * are kept whole: a line may hold ids and commands to copy.
 */
export function fitLine(line: string, width: number): string {
  if (stringWidth(line) <= width) return line;
  const indent = /^ */u.exec(line)![0];
  const hanging = `${indent}  `;
  const [head, ...rest] = wrap(line.slice(indent.length), width - hanging.length, true, width - indent.length);
  return [indent + head, ...rest.map((l) => hanging + l)].join('\n');
}

/**
 * "label  value" lines, labels aligned and each value wrapped under its own start (a hanging
 * indent). When the labels leave too little room for the values, each value goes under its label.
 */
export function labelled(pairs: [string, string][], width: number, idLabels: ReadonlySet<string> = new Set()): string {
  const labelWidth = Math.max(0, ...pairs.map(([k]) => stringWidth(k)));
  const room = width - labelWidth - GAP;
  const roomy = room >= Math.min(24, Math.floor(width / 2));
  return pairs
    .map(([k, v]) => {
      const keep = idLabels.has(k);
      if (roomy) {
        const [head = '', ...rest] = wrap(v, room, keep);
        return [`${padded(k, labelWidth)}${' '.repeat(GAP)}${head}`.trimEnd(), ...rest.map((l) => ' '.repeat(labelWidth + GAP) + l)].join('\n');
      }
      return [k, ...wrap(v, width - 4, keep).map((l) => `    ${l}`)].join('\n');
    })
    .join('\n');
}

/**
 * An aligned table with a header row and a dashed rule, at most `width` cells wide. Id columns
 * keep their full width; text columns wrap between words, never narrower than their longest
 * word. When even that does not fit, each row is printed as a block of "header: value" lines.
 */
export function layoutTable(columns: Column[], cells: string[][], width: number): string {
  const natural = columns.map((c, i) => Math.max(stringWidth(c.header), ...cells.map((r) => stringWidth(r[i]!))));
  const least = columns.map((c, i) => Math.max(longestWord(c.header), ...cells.map((r) => (c.id ? stringWidth(r[i]!) : longestWord(r[i]!)))));
  const gaps = GAP * (columns.length - 1);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(least) + gaps > width) return stacked(columns, cells, width);
  // Too wide as it is: the headers wrap first (to their longest word), then the widest column
  // that can still give a cell is narrowed, until the table fits.
  const widths = sum(natural) + gaps <= width ? natural : columns.map((c, i) => Math.max(longestWord(c.header), ...cells.map((r) => stringWidth(r[i]!))));
  while (sum(widths) + gaps > width) {
    let at = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > least[i]! && (at < 0 || widths[i]! > widths[at]!)) at = i;
    widths[at]!--;
  }
  const row = (texts: string[]) => {
    const wrapped = texts.map((t, i) => wrap(t, widths[i]!, columns[i]!.id));
    const height = Math.max(...wrapped.map((l) => l.length));
    return Array.from({ length: height }, (_, line) =>
      wrapped
        .map((l, i) => padded(l[line] ?? '', widths[i]!))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  };
  return [
    ...row(columns.map((c) => c.header)),
    widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP)),
    ...cells.flatMap(row),
  ].join('\n');
}

/** Each row as a block of "header: value" lines, blocks apart by a blank line; empty cells left out. */
function stacked(columns: Column[], cells: string[][], width: number): string {
  const ids = new Set(columns.filter((c) => c.id).map((c) => `${c.header}:`));
  return cells
    .map((r) =>
      labelled(
        columns.map((c, i) => [`${c.header}:`, r[i]!] as [string, string]).filter(([, v]) => v !== ''),
        width,
        ids,
      ),
    )
    .join('\n\n');
}
