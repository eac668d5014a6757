/** CLI tables measure display width: CJK and emoji take two cells, so columns stay aligned; long cells wrap, never cut. */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitLine } from '../../scripts/cli/layout.js';
import { count, days, decimal, hops, idColumn, keyValues, lastContactAgo, table } from '../../scripts/cli/output.js';

/** Display column where each cell of a line starts, found from the header's column starts. */
function starts(header: string): number[] {
  const out: number[] = [0];
  const re = / {2}(?=\S)/g;
  for (let m; (m = re.exec(header)); ) out.push(stringWidth(header.slice(0, m.index + 2)));
  return out;
}

describe('width-aware tables', () => {
  it('when cells hold CJK, accented letters and emoji, then every row starts each column at the header column', () => {
    const word = fc.constantFrom('陈伟', '山本 太郎', 'Zoë', 'Iñigo Álvarez', '🙂 ok', '娜', 'Grace Parker', '黄军🎉');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word, fc.nat(99999)), { minLength: 1, maxLength: 8 }), (rows) => {
        const lines = table(['name', 'company', 'n'], rows, 200).split('\n');
        const cols = starts(lines[0]!);
        expect(cols).toHaveLength(3);
        for (const [i, line] of lines.slice(2).entries()) {
          const [a, b, n] = rows[i]!;
          expect(stringWidth(line.slice(0, line.indexOf(b, a.length)))).toBe(cols[1]);
          expect(stringWidth(line.slice(0, line.lastIndexOf(n.toLocaleString('en-US'))))).toBe(cols[2]); // shown with thousands separators
        }
      }),
      { numRuns: 100 },
    );
  });

  it('when a cell is longer than the terminal allows, then it wraps onto more lines and every word is still there', () => {
    const why = 'credibility tie, last contact 421 days ago (keep-in-touch cadence 60 days); 1 referral exchanged';
    const out = table(['person', 'why'], [['Lucía Fernández', why]], 50);
    for (const line of out.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(50);
    for (const w of why.split(' ')) expect(out).toContain(w);
    expect(out).not.toContain('…');
  });

  it('when a table is too wide, then text cells wrap between words, no word is cut, and the id column stays whole', () => {
    const id = 'rf-ea0f3792-5b1c-4a39-9d2e-0c3a7f1b2e44';
    const rows = [[id, 'profitability tie, last contact 171 days ago (keep-in-touch cadence 30 days)', 'Physiotherapist']];
    for (const width of [80, 70, 60]) {
      const out = table([idColumn('slip'), 'why', 'profession'], rows, width);
      for (const line of out.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      expect(out).toContain(id);
      expect(out).toContain('keep-in-touch');
      expect(out).toContain('Physiotherapist');
      expect(out).not.toContain('…');
    }
  });

  it('when the id column leaves no room for the others, then each row is a block of "header: value" lines, the id whole', () => {
    const id = 'iq-a5a2fbf8-9c1d-4e6f-8a7b-3c2d1e0f9a8b';
    const out = table([idColumn('id'), 'requester', 'connector', 'target', 'status', 'asked'], [[id, 'Grace Parker', 'Melissa Martin', 'Paweł Kowalski', 'asked', '2026-12-07 17:22 UTC']], 60);
    expect(out.split('\n')[0]).toBe(`id:         ${id}`);
    expect(out).toContain('target:     Paweł Kowalski');
    for (const line of out.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(60);
  });

  it('when a single word is wider than any column could be, then it is broken across lines, every character kept', () => {
    const word = 'x'.repeat(50);
    const out = table(['a', 'b'], [['short', word]], 30);
    for (const line of out.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(30);
    expect(out.replace(/[^x]/g, '')).toHaveLength(50);
  });

  it('when a word of flags or emoji families is broken, then it breaks between whole graphemes, each line within the width', () => {
    for (const [glyph, width] of [
      ['🇯🇵', 15],
      ['👨‍👩‍👧', 15],
      ['👩🏽‍💻', 17],
      ['कि', 14],
    ] as const) {
      const out = table(['a', 'b'], [['short', glyph.repeat(20)]], width);
      for (const line of out.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
      expect(out.split(glyph).length - 1, out).toBe(20);
    }
  });

  it('when text holds emoji newer than the old width tables (🫠, 🪴, 🩷), then they count two cells and no line is wider than asked', () => {
    const line = `  ${'🫠 🪴 🩷 '.repeat(6)}done`;
    for (const width of [9, 10, 13]) for (const l of fitLine(line, width).split('\n')) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
    for (const l of table(['who', 'mood'], [['Ann', '🫠🪴🩷🫠🪴🩷 🫠🪴 ok']], 12).split('\n')) expect(stringWidth(l), l).toBeLessThanOrEqual(12);
  });

  it('when a name or id is written with combining accents (not precomposed), then it is printed exactly as written', () => {
    const id = 'zoe\u0308-ren\u0303-1';
    const name = 'Zoe\u0308 Ren\u0303o Núñez';
    for (const width of [200, 30]) {
      const out = table([idColumn('id'), 'name'], [[id, name]], width);
      expect(out).toContain(id);
      for (const w of name.split(' ')) expect(out).toContain(w);
    }
    expect(fitLine(`  refnet person show ${id}  # ${name} and more words to wrap`, 30)).toContain(id);
  });

  it('when a labelled value or a line is too long, then it wraps with a hanging indent under its own start', () => {
    const out = keyValues([['tie strength', '61.1% (stage base 60.0%, recency 99.7%, tenure bonus 2.2%, reciprocity bonus 0.0%)'], ['stage', 'credibility']], 50);
    expect(out.split('\n')).toEqual(['tie strength  61.1% (stage base 60.0%, recency', '              99.7%, tenure bonus 2.2%,', '              reciprocity bonus 0.0%)', 'stage         credibility']);
    expect(fitLine('  Chiropractor (referral potential 38): Paweł Kowalski via Zoë Scott [p278]; Daniel Clark', 40).split('\n')).toEqual([
      '  Chiropractor (referral potential 38):',
      '    Paweł Kowalski via Zoë Scott [p278];',
      '    Daniel Clark',
    ]);
  });

  it('when days and hops are shown, then days are whole and one hop is singular', () => {
    expect(days(421.61)).toBe('421 days');
    expect(days(1.2)).toBe('1 day');
    expect(hops(1)).toBe('1 hop');
    expect(hops(3)).toBe('3 hops');
  });

  it('when a count reaches the thousands, then it has thousands separators in tables, labels, counts and days', () => {
    expect(days(1178.4)).toBe('1,178 days');
    expect(count(5666, 'interaction')).toBe('5,666 interactions');
    expect(keyValues([['ties', 4718]])).toBe('ties  4,718');
    expect(table(['people'], [[12345]]).split('\n')[2]).toBe('12,345');
    expect(keyValues([['constraint', 0.0331]])).toBe('constraint  0.033');
  });
});

describe('decimal', () => {
  it('rounds, drops trailing zeros, and shows a dash for an undefined figure instead of crashing', () => {
    expect(decimal(0.41234)).toBe('0.412');
    expect(decimal(0.5, 4)).toBe('0.5');
    expect(decimal(-0.25)).toBe('-0.25');
    expect(decimal(null)).toBe('—');
    expect(decimal(undefined)).toBe('—');
    expect(decimal(Number.NaN)).toBe('—');
  });
});

describe('lastContactAgo', () => {
  it('never shows a dormant tie at or under its cadence, and floors days otherwise', () => {
    expect(lastContactAgo(30.99, 30, true)).toBe('over 30 days ago');
    expect(lastContactAgo(30 + 1e-9, 30, true)).toBe('over 30 days ago');
    expect(lastContactAgo(61.2, 60, true)).toBe('61 days ago');
    expect(lastContactAgo(30, 30, false)).toBe('30 days ago');
    expect(lastContactAgo(1.5, 30, false)).toBe('yesterday');
    expect(lastContactAgo(45.7, 45.5, true)).toBe('over 45 days ago');
  });
});
