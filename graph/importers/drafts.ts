/**
 * What a format reader produces before deduplication: rows turned into draft people,
 * interactions and referrals, each remembering the row it came from, plus the rows it could not
 * use and why. Drafts refer to people by whatever the file used (id, email, LinkedIn URL or
 * name); the planner resolves those references.
 */
import type { InteractionKind, ReferralStatus } from '../schema.js';
import { isEmail } from './normalize.js';

/** A row left out of the import, and why. `row` is the 1-based line in the file (or card number). */
export interface SkippedRow {
  row: number;
  reason: string;
}

/** Something about a row that was imported anyway, e.g. an invalid email left out. */
export interface RowWarning {
  row: number;
  message: string;
}

export interface PersonDraft {
  row: number;
  /** An explicit id from the file (generic CSV only); otherwise the planner derives one. */
  id?: string;
  name: string;
  /** Every email found, in order; the first becomes the person's email, the rest attributes.otherEmails. */
  emails: string[];
  company?: string;
  title?: string;
  industry?: string;
  profession?: string;
  location?: string;
  tags?: string[];
  attributes: Record<string, string>;
  /** Date the owner met or connected with this person (LinkedIn "Connected On"), ISO date. */
  metOn?: string;
}

export interface InteractionDraft {
  row: number;
  id?: string;
  a: string;
  b: string;
  kind: InteractionKind;
  at: string;
  note?: string;
}

export interface ReferralDraft {
  row: number;
  id?: string;
  from: string;
  to: string;
  at: string;
  status: ReferralStatus;
  value?: number;
  prospect?: string;
  note?: string;
}

/** A format reader's output. */
export interface ParsedImport {
  /** 'linkedin', 'vcard', 'people', 'interactions', 'referrals' */
  format: string;
  /** Data rows (or cards) read, whether used or skipped. */
  rowsRead: number;
  people: PersonDraft[];
  interactions: InteractionDraft[];
  referrals: ReferralDraft[];
  skipped: SkippedRow[];
  warnings: RowWarning[];
}

/** An empty result for `format`, to be filled by a reader. */
export function emptyParsed(format: string): ParsedImport {
  return { format, rowsRead: 0, people: [], interactions: [], referrals: [], skipped: [], warnings: [] };
}

/** An import option that can be at fault (the CLI's --NAME, the API's ?NAME=). */
export type ImportOption = 'format' | 'map' | 'owner';

/**
 * Raised for a file that cannot be read at all (no header row, unknown column in a mapping);
 * `option` names the import option at fault when the file itself is not, and `hint` says what to
 * do when that is not the import's usual advice (the API appends it to the detail, the CLI prints
 * it as its hint line).
 */
export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
  constructor(
    message: string,
    readonly option?: ImportOption,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Adds each valid email to the draft; an invalid one becomes a warning, never a silent drop. */
export function addEmails(draft: PersonDraft, raws: readonly string[], warnings: RowWarning[]): void {
  const seen = new Set(draft.emails.map((e) => e.toLowerCase()));
  for (const raw of raws) {
    const email = raw.trim().replace(/^mailto:/i, '');
    if (!email) continue;
    if (!isEmail(email)) {
      warnings.push({ row: draft.row, message: `"${email}" is not a valid email address; left out` });
      continue;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    draft.emails.push(email);
  }
}

/** Trimmed value, or undefined for an empty cell. */
export function cell(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
