/** The response schema of a CSV or vCard POST /api/import (graph/importers/report.ts). */
import { z } from 'zod';
import { KEY_TYPES } from '../../graph/importers/person-keys.js';
import type { FileImportReport } from '../../graph/importers/report.js';
import type { Assignable } from './assignable.js';

const count = z.number().int().nonnegative();
const counts = z.object({ created: count, updated: count, unchanged: count });

export const importReportResponse = z.object({
  format: z.string(),
  dryRun: z.boolean(),
  rows: z.object({ read: count, imported: count, skipped: count }),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  warnings: z.array(z.object({ row: z.number().int(), message: z.string() })),
  people: counts,
  interactions: counts,
  referrals: counts,
  duplicates: z.object({ withinImport: count, intoExisting: count }),
  merges: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      rows: z.array(z.number().int()),
      existing: z.boolean(),
      matchedOn: z.array(z.enum(KEY_TYPES)),
      conflicts: z.array(z.object({ field: z.string(), kept: z.string(), ignored: z.string(), row: z.number().int() })),
    }),
  ),
  ambiguous: z
    .array(
      z.object({
        name: z.string().describe('the name the rows give'),
        rows: z.array(z.number().int()),
        matchedOn: z.enum(KEY_TYPES).describe('the strongest key type that matched anyone; every candidate matched on it'),
        candidates: z.array(
          z.object({
            id: z.string().describe("the stored person's id, or the id the earlier rows' new person gets"),
            name: z.string(),
            existing: z.boolean().describe('true for a person already in the network, false for earlier rows of this file'),
            rows: z.array(z.number().int()).describe('rows of this file that are (or became) this person'),
            key: z.string().describe('the normalised key value shared with this person: an email, a profile URL, "name|company", an id'),
          }),
        ),
      }),
    )
    .describe('rows that matched two or more people equally well: not imported (each row is in skipped too), in a dry run as in a real import'),
  changes: z.array(
    z.object({
      op: z.enum(['create', 'update', 'unchanged']),
      kind: z.enum(['person', 'interaction', 'referral']),
      id: z.string(),
      label: z.string(),
      rows: z.array(z.number().int()),
      fields: z.array(z.string()).optional(),
    }),
  ),
  version: z.number().int().optional().describe('store version after the write; absent in a dry run or when nothing changed'),
});

const agree = true satisfies Assignable<FileImportReport, z.infer<typeof importReportResponse>>;
void agree;
