import { describe, expect, it } from 'vitest';
import { ApiError, describeError, problemWords, unknownValues } from '../../viz/src/api.js';

describe('what a failed request says on the pages', () => {
  it('when the problem has a detail, then the words are the detail as a sentence, without the HTTP status', () => {
    const words = problemWords({ type: 'urn:refnet:problem:not-found', title: 'Not found', status: 404, detail: 'unknown person "zz"' }, 'Not Found');
    expect(words).toBe('Unknown person "zz"');
    expect(words).not.toMatch(/404/);
  });
  it('when the detail begins with user data (an email, an id, a quoted name), then it is left as written; the service\'s own first word is capitalised', () => {
    expect(problemWords({ detail: 'ann@example.org is the only enabled admin account' })).toBe('ann@example.org is the only enabled admin account');
    expect(problemWords({ detail: 'p004 is not the owner' })).toBe('p004 is not the owner');
    expect(problemWords({ detail: '"bo" matches 2 people' })).toBe('"bo" matches 2 people');
    expect(problemWords({ detail: 'iPhone contacts: 2 rows refused' })).toBe('iPhone contacts: 2 rows refused');
    expect(problemWords({ detail: 'nothing to change' })).toBe('Nothing to change');
    expect(problemWords({ detail: 'from: must not be after to' })).toBe('From: must not be after to');
  });
  it('when there is no detail, then the title, else the status text, else a plain sentence', () => {
    expect(problemWords({ title: 'Too many requests', status: 429 }, 'Too Many Requests')).toBe('Too many requests');
    expect(problemWords({}, 'Bad Gateway')).toBe('Bad Gateway');
    expect(problemWords({ detail: '  ' }, '')).toBe('The request failed');
  });
  it('when an ApiError is described, then its words and each listed problem show, and its status stays on the error', () => {
    const err = new ApiError(400, problemWords({ title: 'Invalid input', status: 400, detail: '2 problems in the input' }), {
      errors: [
        { path: '/people/0/name', message: 'Required' },
        { path: '/people/1/id', message: 'duplicate id "x"' },
      ],
    });
    expect(err.status).toBe(400);
    expect(describeError(err)).toBe('2 problems in the input\n• /people/0/name: Required\n• /people/1/id: duplicate id "x"');
  });
  it('when a 400 refuses values on a parameter, then unknownValues reads them with their near misses from errors[].unknown; any other error gives undefined', () => {
    const refusal = (issue: object, status = 400) => new ApiError(status, 'No one has industry "lwa"', { errors: [{ path: '/query/dimension', message: 'x' }, issue] });
    const target = { path: '/query/target', message: 'no one has industry "lwa"', unknown: [{ value: 'lwa', didYouMean: ['law'] }, { value: 'consulting', didYouMean: [] }] };
    expect(unknownValues(refusal(target), '/query/target')).toEqual(target.unknown);
    expect(unknownValues(refusal({ path: '/query/target', message: 'x' }), '/query/target')).toEqual([]);
    expect(unknownValues(refusal({ ...target, unknown: [{ value: 'lwa', didYouMean: ['law', 7] }, { didYouMean: ['x'] }] }), '/query/target')).toEqual([{ value: 'lwa', didYouMean: ['law'] }]);
    expect(unknownValues(refusal(target), '/query/where')).toBeUndefined();
    expect(unknownValues(refusal(target, 404), '/query/target')).toBeUndefined();
    expect(unknownValues(new Error('x'), '/query/target')).toBeUndefined();
  });
  it('when a 400 detail only restates its errors[] (the same problem twice), then each problem is said once, by its field, without the raw path', () => {
    const problem = { title: 'Invalid input', status: 400, detail: '/query/from: from must not be after to', errors: [{ path: '/query/from', message: 'from must not be after to' }] };
    expect(describeError(new ApiError(400, problemWords(problem), problem))).toBe('From must not be after to');
    const snooze = { detail: "/until: must be after the dismissal's own date (2026-12-07)", errors: [{ path: '/until', message: "must be after the dismissal's own date (2026-12-07)" }, { path: '/until', message: "must be after the dismissal's own date (2026-12-07)" }] };
    expect(describeError(new ApiError(400, problemWords(snooze), snooze))).toBe("Until: must be after the dismissal's own date (2026-12-07)");
  });
});
