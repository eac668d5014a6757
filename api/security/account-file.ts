/**
 * The accounts file, `accounts.json` beside the keys file (default <REFNET_DATA>/accounts.json):
 * email, the person of the network the account is, role and password hash. Like the keys file it
 * lives outside the store — it never travels with an export or backup, works the same for the
 * embedded and the Neo4j store, and the CLI can change it while the server runs (the server
 * re-reads it when it changes). Written atomically, mode 0600, under the same kind of lock file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import { keysFilePath } from './key-file.js';
import { PASSWORD_HASH_PATTERN } from './password.js';
import { ROLES } from './roles.js';

export { DEFAULT_ROLE, ROLES, type Role } from './roles.js';

/** How an email is looked up and stored: trimmed and lower-cased, so letter case never makes a second account. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export const emailSchema = z.email().max(254).transform(emailKey);

export const accountRecordSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{12}$/),
  email: z.string().min(3).max(254),
  person: z.string().min(1).max(256),
  role: z.enum(ROLES),
  hash: z.string().regex(PASSWORD_HASH_PATTERN),
  createdAt: z.string(),
  /** Sessions started before this are ended (a reset password signs the account out everywhere). */
  passwordChangedAt: z.string(),
  disabledAt: z.string().optional(),
});
export type AccountRecord = z.infer<typeof accountRecordSchema>;

const accountFileSchema = z.strictObject({ version: z.literal(1), accounts: z.array(accountRecordSchema) });

/** Raised for an unreadable or malformed accounts file; the message names the file, never a hash. */
export class AccountFileError extends Error {
  override readonly name = 'AccountFileError';
}

/** Where the accounts file is: beside the keys file. */
export function accountsFilePath(config: { REFNET_DATA: string; REFNET_KEYS_FILE?: string | undefined }): string {
  return join(dirname(keysFilePath(config)), 'accounts.json');
}

export function parseAccountFile(text: string, path: string): AccountRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AccountFileError(`${path}: not valid JSON`);
  }
  const parsed = accountFileSchema.safeParse(json);
  if (!parsed.success) throw new AccountFileError(`${path}: not a refnet accounts file (${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data.accounts;
}

/** Every account in the file ([] when it does not exist). */
export function readAccountFile(path: string): AccountRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AccountFileError(`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseAccountFile(text, path);
}

export function writeAccountFile(path: string, accounts: AccountRecord[]): void {
  writeFileAtomic(path, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`);
}
