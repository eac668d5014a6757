import { describe, expect, it } from 'vitest';
import { interactionSchema, referralSchema } from '../../graph/schema.js';
import { ApiError, describeError, issueWords } from '../../viz/src/api.js';
import { issueForPeople } from '../../viz/src/issue-words.js';
import { zodIssues } from '../../viz/src/form-errors.js';

const words = (path: string, message: string) => issueForPeople({ path, message }).message;

describe('a field problem in the words of the person filling in the form', () => {
  it('when a form is checked in the page with the API schema, then a negative value and an empty date are said in plain words', () => {
    const slip = referralSchema.safeParse({ id: 'r', from: 'a', to: 'b', at: '2026-01-01', status: 'won', value: -5 });
    const log = interactionSchema.safeParse({ a: 'a', b: 'b', kind: 'met', at: '' });
    const said = [...zodIssues(slip.error!), ...zodIssues(log.error!)].map(issueForPeople).map((w) => w.message);
    expect(said).toContain("A value can't be negative.");
    expect(said).toContain('Pick a date.');
    expect(said.join(' ')).not.toMatch(/Too small|ISO 8601|>=/);
  });

  it('when the API refuses the same problems (errors[] of a 400), then the words are the same', () => {
    expect(words('/value', 'Too small: expected number to be >=0')).toBe("A value can't be negative.");
    expect(words('/at', 'must be an ISO 8601 date (YYYY-MM-DD) or date-time with offset')).toBe('Pick a date.');
    expect(words('/at', 'is required')).toBe('Pick a date.');
    expect(words('/b', 'is required')).toBe('Fill this in.');
    expect(words('/value', "at most 1,000,000,000,000: a referral's value is an amount in the network's currency")).toBe('That is more than the most a value can be (1,000,000,000,000).');
    expect(words('/value', 'Invalid input: expected number, received NaN')).toBe('Type a number.');
  });

  it('when a path is asked from a person to themselves, then the map says to choose someone else, without the API parameter names', () => {
    const problem = {
      title: 'Invalid input',
      detail: '/query/to: is the person the paths start from (from): give someone else as to, or toCompany or where[DIMENSION] (the person asking is left out of those)',
      errors: [{ path: '/query/to', message: 'is the person the paths start from (from): give someone else as to, or toCompany or where[DIMENSION] (the person asking is left out of those)' }],
    };
    const said = describeError(new ApiError(400, problem.detail, problem));
    expect(said).toBe('Choose someone other than the person the paths start from.');
    expect(said).not.toMatch(/toCompany|where\[/);
  });

  it('when no rule knows a problem, then it is shown as written, as a sentence, its field named', () => {
    expect(words('/name', 'duplicate id "x"')).toBe('Duplicate id "x"');
    expect(words('/until', "must be after the dismissal's own date (2026-12-07)")).toBe("Must be after the dismissal's own date (2026-12-07)");
    expect(issueWords({ path: '/query/from', message: 'from must not be after to' })).toBe('From must not be after to');
  });
});
