import { describe, expect, it } from 'vitest';
import { toCsv } from '../../viz/src/chapter/csv.js';

describe('chapter CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = toCsv(['Member', 'Score'], [['Smith, Ann', 5], ['Bob "B" Lee', 0], ['=HYPERLINK("x")', null], ['-1', -1], ['line\nbreak', 2.5]]);
    expect(csv.split('\r\n')).toEqual(['Member,Score', '"Smith, Ann",5', '"Bob ""B"" Lee",0', `"'=HYPERLINK(""x"")",`, "'-1,-1", '"line\nbreak",2.5', '']);
  });
});
