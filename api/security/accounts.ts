/**
 * Account use-cases (the CLI's `refnet users …`): create (password given by the caller, read from
 * stdin by the CLI — never an argument), list (never a hash), disable (kept, marked, its sessions
 * end), reset the password (its sessions end). Read-modify-writes hold the accounts file's lock.
 */
import { randomBytes } from 'node:crypto';
import { withKeyFileLock } from './key-file.js';
import { readAccountFile, writeAccountFile, emailSchema, type AccountRecord, type Role } from './account-file.js';
import { hashPassword, passwordProblem } from './password.js';

/** What `list` shows of an account. */
export type AccountSummary = Omit<AccountRecord, 'hash'>;

/** Thrown for an email or id that names no account. */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
}

/** Thrown for bad input (email taken or malformed, weak password): the CLI's usage errors. */
export class AccountInputError extends Error {
  override readonly name = 'AccountInputError';
}

export interface CreateAccount {
  email: string;
  person: string;
  role: Role;
  password: string;
  /** log2 of scrypt's N (PASSWORD_HASH_COST). */
  cost?: number;
  now?: Date;
}

function normalEmail(email: string): string {
  const parsed = emailSchema.safeParse(email.trim());
  if (!parsed.success) throw new AccountInputError(`"${email}" is not an email address`);
  return parsed.data;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AccountInputError(problem);
}

export async function createAccount(path: string, input: CreateAccount): Promise<AccountSummary> {
  const email = normalEmail(input.email);
  const person = input.person.trim();
  if (!person) throw new AccountInputError('an account needs the id of the person it is');
  checkPassword(input.password);
  const hash = await hashPassword(input.password, input.cost);
  return withKeyFileLock(path, () => {
    const accounts = readAccountFile(path);
    if (accounts.some((a) => a.email === email)) throw new AccountInputError(`an account with email ${email} exists already`);
    const at = (input.now ?? new Date()).toISOString();
    const record: AccountRecord = { id: randomBytes(6).toString('hex'), email, person, role: input.role, hash, createdAt: at, passwordChangedAt: at };
    writeAccountFile(path, [...accounts, record]);
    return summary(record);
  });
}

export function listAccounts(path: string): AccountSummary[] {
  return readAccountFile(path).map(summary);
}

/** Disables an account (by email or id); disabling twice keeps the first time. */
export async function disableAccount(path: string, who: string, now = new Date()): Promise<AccountSummary> {
  return change(path, who, (a) => {
    a.disabledAt ??= now.toISOString();
  });
}

/** Sets a new password; every session of the account ends. */
export async function resetPassword(path: string, who: string, password: string, options: { cost?: number; now?: Date } = {}): Promise<AccountSummary> {
  checkPassword(password);
  const hash = await hashPassword(password, options.cost);
  return change(path, who, (a) => {
    a.hash = hash;
    a.passwordChangedAt = (options.now ?? new Date()).toISOString();
  });
}

function change(path: string, who: string, edit: (a: AccountRecord) => void): Promise<AccountSummary> {
  return withKeyFileLock(path, () => {
    const accounts = readAccountFile(path);
    const key = who.trim().toLowerCase();
    const account = accounts.find((a) => a.email === key || a.id === key);
    if (!account) throw new UnknownAccountError(`no account with email or id "${who}"`);
    edit(account);
    writeAccountFile(path, accounts);
    return summary(account);
  });
}

function summary({ hash: _hash, ...rest }: AccountRecord): AccountSummary {
  return rest;
}
