import { describe, expect, it } from 'vitest';
import { parseDate } from '../../graph/importers/dates.js';
import { parseKind, parseMoney, parseStatus } from '../../graph/importers/values.js';

describe('parseDate', () => {
  it.each([
    ['15 Mar 2024', '2024-03-15'],
    ['02 Feb 2024', '2024-02-02'],
    ['5 September 2023', '2023-09-05'],
    ['15-Mar-24', '2024-03-15'],
    ['Mar 15, 2024', '2024-03-15'],
    ['2024-03-15', '2024-03-15'],
    ['2024-03-15 10:30', '2024-03-15'],
    ['2024-03-15T10:30:00Z', '2024-03-15T10:30:00Z'],
    ['2024-03-15T10:30:00+0100', '2024-03-15T10:30:00+01:00'],
    ['15.03.2024', '2024-03-15'],
    ['21/03/2024', '2024-03-21'],
    ['03/21/2024', '2024-03-21'],
  ])('when the cell says %s, then the date is %s', (raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: iso });
  });
  it('when a slash date could be either day or month first, then it is refused unless an order is given', () => {
    const r = parseDate('03/04/2024');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/ambiguous.*--date-order/);
    expect(parseDate('03/04/2024', 'dmy')).toEqual({ ok: true, value: '2024-04-03' });
    expect(parseDate('03/04/2024', 'mdy')).toEqual({ ok: true, value: '2024-03-04' });
  });
  it('when the year has three digits (a digit dropped), then the date is refused, in every format', () => {
    for (const raw of ['15 Mar 202', 'Mar 15, 202', '15.03.202', '21/03/202']) expect(parseDate(raw).ok, raw).toBe(false);
    expect(parseDate('21/03/24')).toEqual({ ok: true, value: '2024-03-21' });
  });
  it('when the day does not exist, then the date is refused with the text quoted', () => {
    expect(parseDate('31 Feb 2024')).toEqual({ ok: false, reason: 'not a date: "31 Feb 2024"' });
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('soon').ok).toBe(false);
    expect(parseDate('').ok).toBe(false);
  });
});

describe('parseKind and parseStatus', () => {
  it('when kinds are written the way chapters write them, then they map to the domain kinds', () => {
    expect(parseKind('1-2-1')).toEqual({ ok: true, value: 'one_to_one' });
    expect(parseKind('One to One')).toEqual({ ok: true, value: 'one_to_one' });
    expect(parseKind('Follow-up')).toEqual({ ok: true, value: 'follow_up' });
    expect(parseKind('Intro')).toEqual({ ok: true, value: 'introduction' });
    expect(parseKind('coffee').ok).toBe(false);
  });
  it('when a status is empty or an everyday name, then it maps; an unknown one is refused', () => {
    expect(parseStatus('')).toEqual({ ok: true, value: 'passed' });
    expect(parseStatus('Closed Won')).toEqual({ ok: true, value: 'won' });
    expect(parseStatus('closed-lost')).toEqual({ ok: true, value: 'lost' });
    const bad = parseStatus('maybe');
    expect(!bad.ok && bad.reason).toMatch(/passed, contacted, won, lost/);
  });
});

describe('parseMoney', () => {
  it.each([
    ['$1,250.00', 1250],
    ['1.250,50 €', 1250.5],
    ['£900', 900],
    ['1 250', 1250],
    ['12,5', 12.5],
    ['1,250', 1250],
    ['0.250', 0.25],
    ['USD 3000', 3000],
    ['2,500,000', 2500000],
  ])('when the cell says %s, then the amount is %d', (raw, value) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value });
  });
  it('when the cell is not an amount or is negative, then it is refused', () => {
    expect(parseMoney('abc').ok).toBe(false);
    expect(parseMoney('-5').ok).toBe(false);
    for (const negative of ['(500)', '($1,250.00)', '500-', '€ -12,50', '-$900', 'USD -3']) expect(parseMoney(negative), negative).toEqual({ ok: false, reason: expect.stringMatching(/^a negative amount/) });
    expect(parseMoney('100-200')).toEqual({ ok: false, reason: 'not an amount: "100-200"' });
    expect(parseMoney('').ok).toBe(false);
  });
});
