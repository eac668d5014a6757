import { describe, expect, it } from 'vitest';
import { topCategories } from '../../viz/src/report/top-categories.js';

describe('viz/report/top-categories', () => {
  it('when categories tie on weight at the cut, then the ones kept are the first by name in UTF-16 code-unit order, as the server orders them', () => {
    // 2 kept of 4 equal ones: code units keep "Beta" and "Law" ("B" and "L" before "a" and "l"); a locale would keep "alpha" and "Beta".
    const rows = ['alpha', 'law', 'Law', 'Beta'].map((category) => ({ category, share: 0.25, reference: 0.25 }));
    expect(topCategories(rows, 2).map((r) => r.category)).toEqual(['Law', 'Beta', 'other (2 categories)']);
  });
});
