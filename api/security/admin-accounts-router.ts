/**
 * Account administration over HTTP, mounted under /api (admin scope: an admin key, an admin
 * account's session, or local mode), so an admin needs no shell on the server:
 * - GET /admin/accounts: every account, disabled ones included, never a password hash;
 * - POST /admin/accounts {email, password, person, role?}: 201; the person must be in the network,
 *   an email already taken is a 409;
 * - PATCH /admin/accounts/:email {role?, person?, disabled?}: disabling (or enabling again) ends
 *   the account's sessions; disabling or demoting the last enabled admin account is a 409;
 * - PUT /admin/accounts/:email/password {password}: sets it; the account's sessions end.
 * The same use-cases as `refnet users …` (accounts.ts) write the same file under the same lock,
 * so the CLI and the server see each other's changes. Like the key routes, each route checks its
 * scope itself as well as the auth guard's path rule.
 */
import { Router, type Request } from 'express';
import { ValidationError } from '../../graph/service/errors.js';
import type { NetworkService } from '../../graph/service/network-service.js';
import { parseInput } from '../../graph/service/issues.js';
import { accountPersonProblem } from '../../graph/service/contact-visibility.js';
import type { RecordSet } from '../../graph/record-set.js';
import { emailKey } from './account-file.js';
import { createAccountRequest, setPasswordRequest, updateAccountRequest } from '../schemas/account-schemas.js';
import { listAccounts, prepareAccount, resetPassword, storeAccount, updateAccount } from './accounts.js';
import { requireScope } from './auth-guard.js';
import type { SessionAuth } from './session-auth.js';

export interface AdminAccountsDeps {
  accountsFile: string;
  auth: SessionAuth;
  service: NetworkService;
  /** log2 of scrypt's N for new passwords. */
  passwordCost: number;
}

export function adminAccountsRouter(deps: AdminAccountsDeps): Router {
  const { accountsFile, auth, service } = deps;
  const router = Router();
  const admin = requireScope('admin');
  // Times that end sessions come from the sessions' own clock.
  const now = () => new Date(auth.sessions.now());

  /**
   * A person id that names a person an account may be; a 400 on `person` otherwise (an account for
   * nobody signs in as no one; one of someone's private contact would not see its own record).
   * Read inside `service.withWritesHeld`, with the account written before the network's next write.
   */
  const accountPerson = (records: RecordSet, id: string): string => {
    const person = records.get('person', id);
    if (person === undefined) throw new ValidationError([{ path: '/person', message: `there is no person "${id}" in the network` }]);
    const owner = person.privateTo === undefined ? undefined : records.get('person', person.privateTo);
    const problem = accountPersonProblem(person, owner?.name ?? `"${person.privateTo}"`);
    if (problem !== undefined) throw new ValidationError([{ path: '/person', message: problem }]);
    return person.id;
  };
  const named = (req: Request) => String(req.params.email);
  /** After a write: the server reads the file now, and sessions the change ends are dropped at once. */
  const changed = (accountId: string, endSessions: boolean) => {
    auth.book.refresh();
    if (endSessions) auth.sessions.endAll(accountId);
  };

  router.get('/admin/accounts', admin, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ accounts: listAccounts(accountsFile) });
  });

  router.post('/admin/accounts', admin, async (req, res) => {
    const body = parseInput(createAccountRequest, req.body);
    const prepared = await prepareAccount({ email: body.email, person: body.person, role: body.role, password: body.password, cost: deps.passwordCost, now: now() });
    const account = await service.withWritesHeld(async (records) => storeAccount(accountsFile, { ...prepared, person: accountPerson(records, prepared.person) }));
    changed(account.id, false);
    res.status(201).json(account);
  });

  router.patch('/admin/accounts/:email', admin, async (req, res) => {
    const body = parseInput(updateAccountRequest, req.body);
    if (body.role === undefined && body.person === undefined && body.disabled === undefined) {
      throw new ValidationError([{ path: '', message: 'send at least one of role, person, disabled' }]);
    }
    const { before, after } = await service.withWritesHeld(async (records) => {
      const person = body.person === undefined ? undefined : accountPerson(records, body.person);
      // Enabled again, an account signs in as its person: one deleted or made private while it was disabled is refused as a new link is.
      if (body.disabled === false && person === undefined) {
        const account = listAccounts(accountsFile).find((a) => a.email === emailKey(named(req)) || a.id === named(req));
        if (account !== undefined) accountPerson(records, account.person);
      }
      return updateAccount(accountsFile, named(req), { ...body, person }, { keepAnAdmin: true, now: now() });
    });
    // Enabling again ends sessions too: one started before the account was disabled must not come back.
    changed(after.id, (before.disabledAt === undefined) !== (after.disabledAt === undefined) || after.disabledAt !== undefined);
    res.json(after);
  });

  router.put('/admin/accounts/:email/password', admin, async (req, res) => {
    const body = parseInput(setPasswordRequest, req.body);
    const account = await resetPassword(accountsFile, named(req), body.password, { cost: deps.passwordCost, now: now() });
    changed(account.id, true);
    res.json(account);
  });

  return router;
}
