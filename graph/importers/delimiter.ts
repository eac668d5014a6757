/**
 * The field delimiter of a CSV file, read off its header line: Excel writes ";" where the decimal
 * mark is a comma (German, French, Spanish… locales), "\t" for "Unicode text", "," elsewhere.
 * The delimiter is the candidate that occurs most often outside double quotes on that line;
 * with none, ",". Only the header is looked at: data cells hold commas and semicolons freely.
 */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export function sniffDelimiter(headerLine: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** A header-like line split on its own delimiter, cells unquoted and trimmed (for recognising a header). */
export function splitHeaderLine(line: string): string[] {
  return line.split(sniffDelimiter(line)).map((c) => c.trim().replace(/^"|"$/g, '').trim());
}
