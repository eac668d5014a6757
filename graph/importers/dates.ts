/**
 * Dates as people's files write them, turned into the ISO dates the schema stores.
 * LinkedIn writes "15 Mar 2024"; spreadsheets write ISO, "March 15, 2024", 15.03.2024 or
 * slashes. Slash dates are ambiguous (03/04/2024); unless the caller says which order the file
 * uses, an ambiguous one is refused with a reason rather than guessed.
 */

export type DateOrder = 'dmy' | 'mdy';

export type DateResult = { ok: true; value: string } | { ok: false; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? undefined : i + 1;
}

/** A year of two digits (…69 → 20…, 70… → 19…) or four; three digits are a typo, never year 202. */
function iso(y: number, m: number, d: number): string | undefined {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses one date cell; `order` settles slash dates where both day and month are ≤ 12. */
export function parseDate(raw: string, order?: DateOrder): DateResult {
  const s = raw.trim();
  const bad = (why = 'not a date'): DateResult => ({ ok: false, reason: `${why}: "${s}"` });
  if (!s) return { ok: false, reason: 'no date' };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    const v = iso(+m[1]!, +m[2]!, +m[3]!);
    return v ? { ok: true, value: v } : bad('no such day');
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s))) {
    if (!iso(+m[1]!, +m[2]!, +m[3]!)) return bad('no such day');
    // With an offset the instant is kept; without one the time's zone is unknown, so keep the day.
    if (m[8]) return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8]}` };
    return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}` };
  }
  // 15 Mar 2024, 15-Mar-2024, 15 March 2024
  if ((m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})$/.exec(s))) {
    const mo = month(m[2]!);
    const v = mo && iso(+m[3]!, mo, +m[1]!);
    return v ? { ok: true, value: v } : bad();
  }
  // Mar 15, 2024 / March 15 2024
  if ((m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{2}|\d{4})$/.exec(s))) {
    const mo = month(m[1]!);
    const v = mo && iso(+m[3]!, mo, +m[2]!);
    return v ? { ok: true, value: v } : bad();
  }
  // 15.03.2024 is day-first everywhere it is written.
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(s))) {
    const v = iso(+m[3]!, +m[2]!, +m[1]!);
    return v ? { ok: true, value: v } : bad('no such day');
  }
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s))) {
    const [p, q, y] = [+m[1]!, +m[2]!, +m[3]!];
    let use = order;
    if (!use) {
      if (p > 12 && q <= 12) use = 'dmy';
      else if (q > 12 && p <= 12) use = 'mdy';
      else if (p === q) use = 'dmy';
      else return bad('ambiguous date (day/month or month/day?), give the import a date order, dmy or mdy (dateOrder= over HTTP, --date-order on the command line)');
    }
    const v = use === 'dmy' ? iso(y, q, p) : iso(y, p, q);
    return v ? { ok: true, value: v } : bad('no such day');
  }
  return bad();
}
