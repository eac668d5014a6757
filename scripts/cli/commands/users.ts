/**
 * `refnet users create|list|disable|reset-password`: accounts of people who sign in from the
 * browser, in <data>/accounts.json beside the keys file (api/security/account-file.ts). The server
 * reads the file on each request: a change takes effect at once, no restart. Beside a running
 * server, `create` has that server write the account (POST /api/admin/accounts).
 */
import type { Command } from 'commander';
import { configSchema } from '../../../api/config.js';
import { accountsFilePath, DEFAULT_ROLE, ROLES, type Role } from '../../../api/security/account-file.js';
import { AccountInputError, createAccount, disableAccount, listAccounts, resetPassword, UnknownAccountError, type AccountSummary } from '../../../api/security/accounts.js';
import { runningServer } from '../../../api/server-record.js';
import { backendFor, requireDataDir, type GlobalOptions } from '../backend.js';
import { CliError, EXIT_RUNTIME, usageError } from '../errors.js';
import { storeLocked } from '../failures.js';
import { HttpClient } from '../http-client.js';
import { date, printJson, say, table, idColumn } from '../output.js';
import { readPassword } from '../read-password.js';
import { accountPersonProblem } from '../../../graph/service/contact-visibility.js';
import { byName, checkName, search } from '../names.js';

export function registerUsers(program: Command, globals: () => GlobalOptions): void {
  const file = () => {
    const g = globals();
    const data = g.data ?? (process.env.REFNET_DATA || undefined);
    // Through a server the CLI cannot see its data directory: ./.refnet would be another store's
    // accounts, and an account written there would never sign in.
    if (data === undefined && !process.env.REFNET_KEYS_FILE && (g.url ?? process.env.REFNET_URL)) {
      throw usageError(
        'accounts are kept in the data directory of the server, which the CLI does not reach through REFNET_URL / --url',
        "run it on the server's machine with --data <the server's REFNET_DATA> (or REFNET_DATA=…), which works while the server runs",
      );
    }
    return accountsFilePath({ REFNET_DATA: data ?? './.refnet', REFNET_KEYS_FILE: process.env.REFNET_KEYS_FILE });
  };
  // The accounts file of an existing data directory: a mistyped --data must not list "no accounts"
  // or report an unknown account (only create, which needs a person from that store, may make it).
  const existingFile = () => {
    const accounts = file();
    if (!process.env.REFNET_KEYS_FILE) requireDataDir(globals());
    return accounts;
  };
  const cost = () => {
    const parsed = configSchema.shape.PASSWORD_HASH_COST.safeParse(process.env.PASSWORD_HASH_COST || undefined);
    if (!parsed.success) throw usageError(`PASSWORD_HASH_COST: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  };
  const inputErrors = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof AccountInputError) throw usageError(err.message);
      if (err instanceof UnknownAccountError) throw usageError(err.message, 'list the accounts with `refnet users list`');
      throw err;
    }
  };
  const users = program.command('users').description('accounts for signing in from the browser (an account ends local mode: the server then requires sign-in, on loopback too)');
  users
    .command('create')
    .requiredOption('--email <email>', 'the email the person signs in with')
    .requiredOption('--person <person>', 'the person of the network this account is: id or name')
    .option('--role <role>', ROLES.join(', '), DEFAULT_ROLE)
    .description('create an account; the password is read from standard input (piped, or typed without echo)')
    .action(async (o: { email: string; person: string; role: string }) => {
      if (!ROLES.includes(o.role as Role)) throw usageError(`--role must be one of ${ROLES.join(', ')}, got "${o.role}"`);
      const log2n = cost();
      const accounts = file();
      // An account for an id nobody has would sign in as no one: checked before the password is asked for.
      const { person, server } = await personOf(globals(), o.person);
      const password = await readPassword();
      // Beside a running server the server writes it, with the network's writes held, so a delete
      // of the person cannot slip in between the check and the write (admin-accounts-router.ts).
      const account = server
        ? await server.client.post<AccountSummary>('/api/admin/accounts', JSON.stringify({ email: o.email, person: person.id, role: o.role, password }), 'application/json')
        : await inputErrors(() => createAccount(accounts, { email: o.email, person: person.id, role: o.role as Role, password, cost: log2n }));
      if (globals().json) return printJson(account);
      say(`Created ${account.role} account ${account.email} (id ${account.id}) for ${person.name} (${person.id}).`);
    });
  users
    .command('list')
    .description('every account, disabled ones included (never a password hash)')
    .action(async () => {
      const list = listAccounts(existingFile());
      if (globals().json) return printJson(list);
      if (!list.length) return say(`No accounts in ${file()}. Create one with \`refnet users create --email E --person PERSON --role member|organiser|admin\` (password on stdin).`);
      const names = await personNames(globals(), list.map((a) => a.person));
      const person = (id: string) => (names.has(id) ? `${names.get(id)} (${id})` : id);
      say(table([idColumn('id'), 'email', 'person', 'role', 'created', 'disabled'], list.map((a) => [a.id, a.email, person(a.person), a.role, date(a.createdAt), a.disabledAt ? date(a.disabledAt) : ''])));
    });
  users
    .command('disable')
    .argument('<account>', 'email or id (from `refnet users list`)')
    .description('disable an account: its sessions end and it cannot sign in (kept, so `list` shows when)')
    .action(async (who: string) => {
      const account = await inputErrors(() => disableAccount(existingFile(), who));
      if (globals().json) return printJson(account);
      say(`Disabled ${account.email} (${account.id}).`);
    });
  users
    .command('reset-password')
    .argument('<account>', 'email or id (from `refnet users list`)')
    .description('set a new password, read from standard input; every session of the account ends')
    .action(async (who: string) => {
      const log2n = cost();
      const accounts = existingFile();
      const password = await readPassword('New password: ');
      const account = await inputErrors(() => resetPassword(accounts, who, password, { cost: log2n }));
      if (globals().json) return printJson(account);
      say(`New password set for ${account.email}; its sessions have ended.`);
    });
}

/**
 * The person an account is for, by id or name (as every command takes a person): from the store,
 * or the server at REFNET_URL / --url. When a running server holds the data directory, the person
 * is looked up through that server, at the address it recorded (api/server-record.ts), and that
 * server is returned to write the account.
 */
async function personOf(globals: GlobalOptions, arg: string): Promise<{ person: FoundPerson; server?: { client: HttpClient } }> {
  const backend = backendFor(globals);
  let lookUp: PersonLookup = { where: backend.describe, byId: (id) => backend.personById(id), search: (text) => backend.peopleMatching(text) };
  let server: { client: HttpClient } | undefined;
  let found: FoundPerson;
  let owner: FoundPerson | undefined;
  try {
    try {
      found = await findPerson(lookUp, arg);
    } catch (err) {
      if ((err as Error | null)?.name !== 'StoreLockedError') throw err;
      const held = holdingServer(err as Error & { dir?: string }, globals.apiKey ?? process.env.REFNET_API_KEY);
      lookUp = held.lookUp;
      server = { client: held.client };
      found = await findPerson(lookUp, arg);
    }
    if (found.privateTo !== undefined) owner = await lookUp.byId(found.privateTo).catch(() => undefined);
  } finally {
    await backend.close();
  }
  // An account of someone's private contact would not see its own record (graph/service/contact-visibility.ts).
  const problem = accountPersonProblem(found, owner?.name ?? `"${found.privateTo}"`);
  if (problem !== undefined) throw usageError(problem, 'link the account to a shared person, or share the contact first; nothing was written');
  return { person: found, ...(server && { server }) };
}

/**
 * The names of the accounts' people, for `users list`: from the store, or through the server
 * holding it. The list is the accounts file's, readable when the store is not (a server holding
 * it asks for a key): then a person shows by id alone, as the file has it.
 */
async function personNames(globals: GlobalOptions, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const backend = backendFor(globals);
  try {
    let byId = (id: string) => backend.personById(id);
    try {
      await byId(ids[0]!);
    } catch (err) {
      if ((err as Error | null)?.name !== 'StoreLockedError') throw err;
      const { lookUp } = holdingServer(err as Error & { dir?: string }, globals.apiKey ?? process.env.REFNET_API_KEY);
      byId = (id) => lookUp.byId(id);
    }
    for (const id of new Set(ids)) {
      const found = await byId(id);
      if (found) names.set(id, found.name);
    }
  } catch {
    // Names are a help to the reader; the accounts are listed without them.
  } finally {
    await backend.close().catch(() => undefined);
  }
  return names;
}

/** Where a person is looked up for an account: by id, and by name with the list search. */
interface PersonLookup {
  where: string;
  byId(id: string): Promise<FoundPerson | undefined>;
  search(text: string): Promise<FoundPerson[]>;
}

/** The person an id or name means (names.ts's rule: an id, else the one record of that name). */
async function findPerson(lookUp: PersonLookup, arg: string): Promise<FoundPerson> {
  checkName('person', arg, '--person');
  return (await lookUp.byId(arg)) ?? byName('person', arg, (text) => lookUp.search(text), lookUp.where);
}

type FoundPerson = { id: string; name: string; privateTo?: string };

/** The server that holds the locked data directory (its recorded address), to look the person up through and write the account. */
function holdingServer(locked: Error & { dir?: string }, apiKey: string | undefined): { lookUp: PersonLookup; client: HttpClient } {
  const server = locked.dir === undefined ? undefined : runningServer(locked.dir);
  if (!server) {
    const held = storeLocked(locked);
    throw new CliError(
      held.message,
      EXIT_RUNTIME,
      "the account can be written while the server runs, but the person is checked in the store it holds: add the server's address with --url (its log says \"refnet listening on …\"), or stop it first; nothing was written",
    );
  }
  const where = `server ${server.url} (which holds ${locked.dir})`;
  const client = new HttpClient(server.url, apiKey);
  // Without an admin key the server refuses to say who is there: say what to do about that.
  const asked = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (err) {
      if (err instanceof CliError && (err.status === 401 || err.status === 403)) {
        throw new CliError(
          `the person "${what}" is checked through the ${where}, which refused: ${err.message}`,
          EXIT_RUNTIME,
          'set REFNET_API_KEY (or --api-key) to an admin key: `refnet keys create --name NAME --scope admin` makes one, and the running server takes it at once; nothing was written',
        );
      }
      throw err;
    }
  };
  return {
    client,
    lookUp: {
      where,
      byId: (id) => asked(id, () => client.find<FoundPerson>(`/api/people/${encodeURIComponent(id)}`)),
      search: (text) => asked(text, () => search(client, 'person', text)),
    },
  };
}
