/**
 * Typed domain errors. The use-cases throw these; api/problem.ts is the only place that turns
 * them into HTTP statuses, so tests check the class rather than the message.
 */

/** One problem with the input: a JSON pointer into the request body and what is wrong there. */
export interface Issue {
  path: string;
  message: string;
  /** The values named there that nothing holds (an unknown dimension, a category no one has), each with its near misses: "did you mean" as data. */
  unknown?: UnknownValue[];
}

/** A value the input names that is not known (a dimension name, a category), and the known ones closest to it, best first (none: no near miss). */
export interface UnknownValue {
  value: string;
  didYouMean: string[];
}

/** The input is invalid (shape, references, duplicates). Nothing was written. → 400 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly issues: Issue[],
    message = issues.length === 1 ? oneProblem(issues[0]!) : `${issues.length} problems in the input`,
  ) {
    super(message);
  }
}

/**
 * One problem as a sentence: "/people/0/name: is required" for a field; for the input as a whole
 * (path ""), the message alone, which already says what the input should be ("/" would read as
 * the root of some path, not as "the body").
 */
function oneProblem(issue: Issue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** The addressed record does not exist. → 404 */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The write contradicts the current state (id already taken, status already final). → 409 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** The actor may not make this write (graph/service/permissions.ts). Nothing was written. → 403 */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}
