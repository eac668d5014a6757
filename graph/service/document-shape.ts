/**
 * The schema's verdict on a network document, as pausable steps: a million-record document takes
 * the schema about two seconds, which a file import (a dry run included) must not spend in one
 * turn of the event loop. A large document is checked a chunk of records at a time; the verdict —
 * its parsed form, or every problem at the same path with the same message — is the one the whole
 * schema gives (tests/unit/service/document-shape.test.ts).
 */
import { z } from 'zod';
import { networkDocumentSchema, type NetworkDocument } from '../schema.js';
import type { Issue } from './errors.js';
import { issuesFromZod, safeParseReporting } from './issues.js';
import type { Steps } from '../support/time-slices.js';
import { readArrayMembers } from '../support/json-array-members.js';

/** The schema's verdict on a document: its parsed form, or every shape problem. */
export type DocumentShape = { success: true; data: NetworkDocument } | { success: false; issues: Issue[] };

/** Records checked between two pause points. */
const CHUNK = 2_000;
/** Below this many records the whole schema runs at once (well under a slice). */
const LARGE = 20_000;

/**
 * Checks `input` against the document schema only (no store needed), so that a large document
 * can be checked on a worker thread and the verdict handed to planDocumentImport.
 */
export function checkDocumentShape(input: unknown): DocumentShape {
  const parsed = safeParseReporting(networkDocumentSchema, input);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: issuesFromZod(parsed.error) };
}

type Collection = keyof typeof networkDocumentSchema.shape;
const COLLECTIONS = Object.keys(networkDocumentSchema.shape) as Collection[];
/** The document's fields with every collection's records left unchecked: the keys and types of the document itself. */
const outline = z.strictObject(Object.fromEntries(COLLECTIONS.map((c) => [c, z.array(z.unknown()).default([])])) as Record<Collection, z.ZodDefault<z.ZodArray<z.ZodUnknown>>>);
const RECORDS_OF = new Map(COLLECTIONS.map((c) => [c as string, z.array(networkDocumentSchema.shape[c].unwrap().element as z.ZodType)]));
const recordsOf = (c: Collection) => RECORDS_OF.get(c)!;

/** checkDocumentShape in steps (`large`: from how many records a document is checked in chunks). */
export function* checkDocumentShapeSteps(input: unknown, large = LARGE): Steps<DocumentShape> {
  const top = safeParseReporting(outline, input);
  const size = top.success ? COLLECTIONS.reduce((n, c) => n + top.data[c].length, 0) : 0;
  if (!top.success || size < large) return checkDocumentShape(input);
  const issues: Issue[] = [];
  const data: Record<string, unknown[]> = {};
  for (const c of COLLECTIONS) {
    const records = top.data[c];
    const parsed: unknown[] = [];
    for (let offset = 0; offset < records.length; offset += CHUNK) {
      yield;
      const chunk = safeParseReporting(recordsOf(c), records.slice(offset, offset + CHUNK));
      if (chunk.success) {
        for (const r of chunk.data) parsed.push(r);
        continue;
      }
      // Paths as the whole schema gives them: under the collection, at the record's own index.
      const rebased = chunk.error.issues.map((issue) => ({ ...issue, path: [c, (issue.path[0] as number) + offset, ...issue.path.slice(1)] }));
      issues.push(...issuesFromZod(new z.ZodError(rebased)));
    }
    data[c] = parsed;
  }
  return issues.length ? { success: false, issues } : { success: true, data: data as NetworkDocument };
}

/**
 * The schema's verdict on a document's JSON text when it is valid, read a batch of records at a
 * time (graph/support/json-array-members.ts) so that each batch's raw objects die young; undefined
 * when the text is anything else (malformed, not an object of collections, or failing the schema),
 * for the caller to parse whole and check with checkDocumentShape (its messages and paths).
 */
export function checkDocumentText(text: string, batch = CHUNK): DocumentShape | undefined {
  const lists = new Map<string, unknown[]>();
  const read = readArrayMembers(text, batch, (key, elements) => {
    const schema = RECORDS_OF.get(key);
    const parsed = schema?.safeParse(elements);
    if (!parsed?.success) return false;
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    for (const r of parsed.data) list.push(r);
    return true;
  });
  if (!read) return undefined;
  // In the schema's order, absent collections defaulted, as the whole schema's output has them.
  return { success: true, data: Object.fromEntries(COLLECTIONS.map((c) => [c, lists.get(c) ?? []])) as NetworkDocument };
}
