import { describe, expect, it } from 'vitest';
import { replaceTarget } from '../../viz/src/report/target-list.js';

describe('the report page\'s Target categories field', () => {
  it('when a suggested spelling is used, then it replaces the misspelt entry where it stood, read as the server reads target=', () => {
    expect(replaceTarget('lwa, tax, consulting', 'lwa', 'law')).toBe('law, tax, consulting');
    expect(replaceTarget(' tax ,lwa,, ', 'lwa', 'law')).toBe('tax, law');
    expect(replaceTarget('lwa', 'lwa', 'Café Services')).toBe('Café Services');
  });

  it('when the suggestion is already listed or the entry is no longer there, then each category stays once and nothing else changes', () => {
    expect(replaceTarget('law, lwa', 'lwa', 'law')).toBe('law');
    expect(replaceTarget('tax', 'lwa', 'law')).toBe('tax');
  });
});
