import { describe, expect, it } from 'vitest';
import { count, money, num, percent, plural } from '../../../graph/support/words.js';

describe('support/words', () => {
  it('when a number is written, then its thousands are grouped', () => {
    expect([0, 7, 1000, 10140, 1234567].map(num)).toEqual(['0', '7', '1,000', '10,140', '1,234,567']);
  });
  it('when a count is written with its noun, then exactly one is singular and an irregular plural is used when given', () => {
    expect(count(1, 'referral')).toBe('1 referral');
    expect(count(0, 'referral')).toBe('0 referrals');
    expect(count(5, 'referral')).toBe('5 referrals');
    expect(count(12400, 'day')).toBe('12,400 days');
    expect(count(2, 'category', 'categories')).toBe('2 categories');
  });
  it('when a noun has an irregular plural, then the count uses it unasked, and a noun named like an object property is no exception', () => {
    expect(count(1, 'person')).toBe('1 person');
    expect(count(2400, 'person')).toBe('2,400 people');
    expect(plural('one-to-one')).toBe('one-to-ones');
    expect(plural('constructor')).toBe('constructors');
    expect(count(2, 'toString')).toBe('2 toStrings');
  });
  it('when money is written, then it carries the currency and grouped whole units', () => {
    expect(money(10140, 'EUR')).toBe('€10,140');
    expect(money(10140, 'USD')).toBe('$10,140');
    expect(money(2000, 'GBP')).toBe('£2,000');
  });
  it('when an amount has cents, then they show (as in the CLI), never rounded to a whole unit', () => {
    expect(money(123_456_789.5, 'EUR')).toBe('€123,456,789.50');
    expect(money(0.05, 'USD')).toBe('$0.05');
    expect(money(5660.000000001, 'EUR')).toBe('€5,660');
  });
  it('when a strength or a chance is written, then it is a whole percentage, a tiny one "<1%"', () => {
    expect(percent(0.493)).toBe('49%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(0.001)).toBe('<1%');
  });
});
