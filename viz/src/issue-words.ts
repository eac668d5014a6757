/**
 * The one place where a problem with a field — a zod issue checked in the page, or an entry of a
 * 400 problem's errors[] — becomes words for the person filling in the form. The API's messages
 * are written for programs and the CLI ("Too small: expected number to be >=0", "must be an ISO
 * 8601 date…", parameter names like toCompany); each rule here recognises one kind of problem, by
 * its message and the field's path, and says it the way the form asks. A message no rule knows is
 * shown as written, as a sentence.
 */
import { DATE_FORMATS } from '../../graph/schema.js';

export interface FieldIssue {
  path: string;
  message: string;
}

/** Body and query fields that hold a date (a refused one is almost always an empty date picker). */
const DATE_FIELDS = new Set(['at', 'date', 'until', 'asOf', 'since']);

type Rule = (message: string, field: string) => string | undefined;

const number = (n: string) => {
  const v = Number(n);
  return Number.isFinite(v) ? v.toLocaleString('en-GB') : n;
};

const RULES: Rule[] = [
  (m, f) => (m === DATE_FORMATS || (DATE_FIELDS.has(f) && /^is required$|expected string, received undefined/.test(m)) ? 'Pick a date.' : undefined),
  (m) => (/^is required$|^must not be empty$|expected string, received undefined|^Too small: expected string to have >=1 characters?$/.test(m) ? 'Fill this in.' : undefined),
  (m) => {
    const min = /^Too small: expected number to be (>=?)(-?[\d.e+]+)$/.exec(m);
    if (!min) return undefined;
    if (min[2] === '0') return min[1] === '>=' ? "A value can't be negative." : 'A value must be more than 0.';
    return `Must be ${min[1] === '>=' ? 'at least' : 'more than'} ${number(min[2]!)}.`;
  },
  (m) => {
    const max = /^(?:Too big: expected number to be <=?|at most )(-?[\d.e+,]+)(?:$|: a referral's value)/.exec(m);
    return max ? `That is more than the most a value can be (${number(max[1]!.replace(/,/g, ''))}).` : undefined;
  },
  (m) => (/expected (number|int), received (NaN|string)/.test(m) ? 'Type a number.' : undefined),
  (m) => (/^Invalid option: expected one of/.test(m) ? 'Choose one of the options.' : undefined),
  (m) => (/^is the person the paths start from/.test(m) ? 'Choose someone other than the person the paths start from.' : undefined),
];

/** The last segment of a JSON pointer ("/query/to" → "to", "/attributes/phone" → "phone"). */
const fieldOf = (path: string) => path.split('/').filter(Boolean).at(-1) ?? '';

/** The issue's words for people: a rule's when one knows the problem, else the message as a sentence. */
export function issueForPeople(issue: FieldIssue): { message: string; known: boolean } {
  const message = issue.message.trim();
  const field = fieldOf(issue.path);
  for (const rule of RULES) {
    const words = rule(message, field);
    if (words !== undefined) return { message: words, known: true };
  }
  return { message: sentence(message), known: false };
}

/**
 * Text as a sentence: a leading word of the service's own (plain lowercase letters: "unknown
 * person …") capitalised; one that is user data — an email, an id, a quoted value — left as written.
 */
export function sentence(text: string): string {
  return /^[a-z]+(?=[\s,:;]|$)/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
