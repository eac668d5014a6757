/**
 * Account use-cases, shared by the CLI's `refnet users …` and the admin routes
 * (api/security/admin-accounts-router.ts): create (password given by the caller, read from stdin by
 * the CLI — never an argument), list (never a hash), change role, person or disabled (a disabled
 * account is kept, marked, and its sessions end), reset the password (its sessions end).
 * Read-modify-writes hold the accounts file's lock, so the CLI and a running server never lose
 * each other's changes; the server re-reads the file when it changes.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError } from '../../graph/service/errors.js';
import { withKeyFileLock } from './key-file.js';
import { readAccountFile, writeAccountFile, emailKey, emailSchema, type AccountRecord, type Role } from './account-file.js';
import { hashPassword, passwordProblem } from './password.js';

/** What `list` shows of an account. */
export type AccountSummary = Omit<AccountRecord, 'hash'>;

/** Thrown for an email or id that names no account. */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
}

/** Thrown for bad input (email taken or malformed, weak password): the CLI's usage errors, a 400 over HTTP. */
export class AccountInputError extends Error {
  override readonly name: string = 'AccountInputError';
  constructor(
    message: string,
    /** The input at fault (`email`, `person`, `password`), when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The email belongs to an account already (a 409 over HTTP). */
export class AccountExistsError extends AccountInputError {
  override readonly name = 'AccountExistsError';
}

/** The change would leave no enabled admin account (refused over HTTP; the CLI on the server is the way back). */
export class LastAdminError extends ConflictError {}

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
  if (!parsed.success) throw new AccountInputError(`"${email}" is not an email address`, 'email');
  return parsed.data;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AccountInputError(problem, 'password');
}

export async function createAccount(path: string, input: CreateAccount): Promise<AccountSummary> {
  return storeAccount(path, await prepareAccount(input));
}

/** A new account checked and its password hashed, not yet written (storeAccount writes it). */
export interface PreparedAccount {
  email: string;
  person: string;
  role: Role;
  hash: string;
  now?: Date | undefined;
}

/** Checks a new account's fields and hashes its password: the slow part, done before any lock is taken. */
export async function prepareAccount(input: CreateAccount): Promise<PreparedAccount> {
  const email = normalEmail(input.email);
  // The id as written: ids are user data, " ann" and "ann" two people.
  if (!input.person.trim()) throw new AccountInputError('an account needs the id of the person it is', 'person');
  checkPassword(input.password);
  return { email, person: input.person, role: input.role, hash: await hashPassword(input.password, input.cost), now: input.now };
}

/** Writes a prepared account under the file's lock; an email already taken is an AccountExistsError. */
export function storeAccount(path: string, account: PreparedAccount): Promise<AccountSummary> {
  const { email, person, role, hash } = account;
  return withKeyFileLock(path, () => {
    const accounts = readAccountFile(path);
    if (accounts.some((a) => a.email === email)) throw new AccountExistsError(`an account with email ${email} exists already`, 'email');
    const at = (account.now ?? new Date()).toISOString();
    const record: AccountRecord = { id: randomBytes(6).toString('hex'), email, person, role, hash, createdAt: at, passwordChangedAt: at };
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

/** What an admin may change of an account; the person id must be checked against the network by the caller. */
export interface AccountChanges {
  role?: Role | undefined;
  person?: string | undefined;
  /** true disables (keeping an earlier time), false enables again. */
  disabled?: boolean | undefined;
}

/**
 * Changes role, person or disabled of an account (by email or id); returns it as it was and as it
 * is. With `keepAnAdmin`, a change that would leave no enabled admin account — disabling or
 * demoting the last one — is refused (LastAdminError) and nothing is written.
 */
export async function updateAccount(
  path: string,
  who: string,
  changes: AccountChanges,
  options: { keepAnAdmin?: boolean; now?: Date } = {},
): Promise<{ before: AccountSummary; after: AccountSummary }> {
  const person = changes.person;
  if (person !== undefined && !person.trim()) throw new AccountInputError('an account needs the id of the person it is', 'person');
  let before: AccountSummary | undefined;
  const after = await change(path, who, (a, all) => {
    before = summary({ ...a });
    if (changes.role !== undefined) a.role = changes.role;
    if (person !== undefined) a.person = person;
    if (changes.disabled === true) a.disabledAt ??= (options.now ?? new Date()).toISOString();
    if (changes.disabled === false) delete a.disabledAt;
    if (options.keepAnAdmin && isEnabledAdmin(before) && !isEnabledAdmin(a) && !all.some((other) => other !== a && isEnabledAdmin(other))) {
      throw new LastAdminError(`${a.email} is the only enabled admin account: make another account admin first, so that someone can still manage accounts (nothing was changed)`);
    }
  });
  return { before: before!, after };
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

/** Makes every account of person `from` (disabled ones too) an account of `to`, under the lock: a merge (graph/service/account-holders.ts). */
export async function relinkAccounts(path: string, from: string, to: string): Promise<void> {
  await withKeyFileLock(path, () => {
    const accounts = readAccountFile(path);
    const moving = accounts.filter((a) => a.person === from);
    if (moving.length === 0) return;
    for (const a of moving) a.person = to;
    writeAccountFile(path, accounts);
  });
}

const isEnabledAdmin = (a: AccountSummary) => a.role === 'admin' && a.disabledAt === undefined;

/** A read-modify-write of one account (by email, as the account book matches it, or id) under the lock; `edit` may throw to write nothing. */
function change(path: string, who: string, edit: (a: AccountRecord, all: AccountRecord[]) => void): Promise<AccountSummary> {
  return withKeyFileLock(path, () => {
    const accounts = readAccountFile(path);
    const key = emailKey(who);
    const account = accounts.find((a) => a.email === key || a.id === key);
    if (!account) throw new UnknownAccountError(`no account with email or id "${who}"`);
    edit(account, accounts);
    writeAccountFile(path, accounts);
    return summary(account);
  });
}

function summary({ hash: _hash, ...rest }: AccountRecord): AccountSummary {
  return rest;
}
