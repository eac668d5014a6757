/**
 * The server's view of the accounts file, re-read when its inode, size or mtime changes (as the
 * key ring does), so `refnet users disable` or `reset-password` takes effect on the next request.
 * A file that exists but cannot be parsed fails closed: nobody signs in, sessions stop working and
 * local mode is off until it is fixed.
 */
import { reloadIfChanged } from './reload-if-changed.js';
import { AccountFileError, emailKey, parseAccountFile, type AccountRecord } from './account-file.js';

export class AccountBook {
  private stamp = '';
  private byEmail = new Map<string, AccountRecord>();
  private byId = new Map<string, AccountRecord>();
  private failure: AccountFileError | undefined;

  constructor(readonly path: string) {}

  refresh(): void {
    const next = reloadIfChanged(this.path, this.stamp, (text) => parseAccountFile(text, this.path), AccountFileError);
    if (!next) return;
    if ('error' in next) this.fail(next.stamp, next.error);
    else this.use(next.stamp, next.records);
  }

  get error(): AccountFileError | undefined {
    return this.failure;
  }

  /** Accounts in the file, disabled ones included: any account at all ends local mode. */
  get count(): number {
    return this.byId.size;
  }

  /** Accounts not disabled: with one, a server may listen beyond loopback (people sign in). */
  get activeCount(): number {
    let n = 0;
    for (const a of this.byId.values()) if (a.disabledAt === undefined) n++;
    return n;
  }

  byEmailAddress(email: string): AccountRecord | undefined {
    return this.byEmail.get(emailKey(email));
  }

  get(id: string): AccountRecord | undefined {
    return this.byId.get(id);
  }

  /** The enabled accounts that are this person (the file as last read: refresh first). */
  enabledOf(person: string): AccountRecord[] {
    const out: AccountRecord[] = [];
    for (const a of this.byId.values()) if (a.person === person && a.disabledAt === undefined) out.push(a);
    return out;
  }

  private use(stamp: string, accounts: AccountRecord[]): void {
    this.stamp = stamp;
    this.failure = undefined;
    this.byEmail = new Map(accounts.map((a) => [a.email, a]));
    this.byId = new Map(accounts.map((a) => [a.id, a]));
  }

  private fail(stamp: string, err: AccountFileError): void {
    this.stamp = stamp;
    this.failure = err;
    this.byEmail = new Map();
    this.byId = new Map();
  }
}
