/**
 * Sign-in, sign-out and "me", mounted under /api (after the body is parsed):
 * - POST /session {email, password}: checks the password (scrypt; a dummy hash when the email is
 *   unknown, so both failures take as long and answer the same 401), starts a new session with a
 *   new random id — any session the request came with is ended, never kept — and sets the cookie;
 * - DELETE /session: ends the request's session and clears the cookie (204);
 * - GET /me: the signed-in person, role, email and CSRF token; in local mode the chosen person;
 *   for an API key the key;
 * - PUT /me {person}: local mode only — remembers who the local user is (me.json); 409 otherwise;
 * - PUT /me/password {current, password}: a signed-in account changes its own password. The current
 *   one is checked as sign-in checks it, and wrong ones count against the same limits; the new one
 *   follows the one password rule (password-rules.ts). Every other session of the account ends and
 *   this one goes on under a new id (Set-Cookie); a key or local mode has no password (409).
 */
import { randomBytes } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import { NotFoundError, ValidationError } from '../../graph/service/errors.js';
import { parseInput } from '../../graph/service/issues.js';
import { HttpProblem } from '../problem.js';
import { changePasswordRequest, putMeRequest, signInRequest } from '../schemas/session-schemas.js';
import type { AccountRecord } from './account-file.js';
import { resetPassword } from './accounts.js';
import { writeLocalMe } from './local-me.js';
import { ACT_AS_HEADER } from './act-as.js';
import { hashPassword, verifyPassword } from './password.js';
import type { SessionAuth } from './session-auth.js';
import { checksPasswordOf, countAsWrongPassword, signInLimits, type SignInLimits } from './sign-in-limit.js';

export interface SessionRouterDeps {
  auth: SessionAuth;
  /** The accounts file, written by a password change. */
  accountsFile: string;
  service: NetworkService;
  meFile: string;
  /** Who the request is (api/security/index.ts): GET /me answers what every other "me" route acts as. */
  meOf: (req: Request) => string | null;
  /** log2 of scrypt's N for the dummy hash (the cost of new passwords). */
  passwordCost: number;
  limits?: SignInLimits;
}

/** One answer for every failed sign-in: unknown email, wrong password and disabled account alike. */
const SIGN_IN_FAILED = 'the email or the password is not right';

/** Why PUT /me/password is not for this caller: only a signed-in account has a password. */
const NO_PASSWORD = {
  key: 'an API key has no password to change: PUT /api/me/password is for an account signed in from the browser (a key is replaced by creating a new one with `refnet keys create` and revoking the old)',
  local: 'local mode has no accounts, so no password to change: PUT /api/me/password is for an account signed in from the browser (an admin creates accounts with `refnet users create` or POST /api/admin/accounts)',
};

function invalid(detail: string): HttpProblem {
  return new HttpProblem('validation', detail);
}

export function sessionRouter(deps: SessionRouterDeps): Router {
  const { auth, service } = deps;
  const router = Router();
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('base64url'), deps.passwordCost));

  const nameOf = async (person: string | null): Promise<string | null> => {
    if (person === null) return null;
    try {
      return (await service.get('person', person)).name;
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  };
  const sessionMe = async (account: AccountRecord, csrfToken: string) => ({ person: account.person, name: await nameOf(account.person), role: account.role, email: account.email, csrfToken });

  // One count for every password check: signing in and changing one's own password.
  const passwordChecks = signInLimits(deps.limits);

  router.post('/session', ...passwordChecks, async (req, res) => {
    const body = signInRequest.safeParse(req.body ?? {});
    if (!body.success) throw invalid(`send {"email": "...", "password": "..."} (${body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')})`);
    auth.book.refresh();
    const account = auth.book.byEmailAddress(body.data.email);
    const matches = await verifyPassword(body.data.password, account?.hash ?? (await dummyHash()));
    if (!account || !matches || account.disabledAt !== undefined) throw new HttpProblem('unauthorized', SIGN_IN_FAILED);
    // Rotation: whatever session id the client had (even a valid one) is ended, never upgraded.
    const previous = auth.presentedId(req);
    if (previous !== undefined) auth.sessions.end(previous);
    const { id, session } = auth.sessions.start(account.id);
    auth.setCookie(req, res, id);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await sessionMe(account, session.csrfToken));
  });

  router.delete('/session', (req, res) => {
    if (req.auth?.mode === 'session') auth.sessions.end(req.auth.sessionId);
    auth.clearCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', async (req: Request, res) => {
    const who = req.auth;
    res.setHeader('Cache-Control', 'no-store');
    // As every other "me" route decides it: Refnet-Act-As from an admin key (or local mode) names
    // the person, from anyone else it is refused (403), malformed it is a 400.
    const person = deps.meOf(req);
    if (who?.mode === 'session') {
      const account = auth.book.get(who.accountId);
      if (!account) throw new HttpProblem('unauthorized', 'sign in again');
      return void res.json(await sessionMe(account, who.csrfToken));
    }
    const name = await nameOf(person);
    // A person acted as must exist, as the week and intro requests require.
    if (person !== null && name === null && req.headers[ACT_AS_HEADER] !== undefined) throw new NotFoundError(`unknown person ${JSON.stringify(person)}`);
    if (who?.mode === 'key') return void res.json({ person, name, role: null, key: { id: who.keyId, name: who.name, scope: who.scope } });
    res.json({ person, name, role: 'admin', local: true });
  });

  router.put('/me', async (req, res) => {
    if (req.auth?.mode !== 'local') throw new HttpProblem('conflict', 'who you are comes from your account or key; PUT /api/me only chooses the person in local mode (no accounts, no keys)');
    const body = putMeRequest.safeParse(req.body ?? {});
    if (!body.success) throw invalid(`send {"person": "<person id>"} (${body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')})`);
    const name = await nameOf(body.data.person);
    if (name === null) throw invalid(`there is no person "${body.data.person}" in the network`);
    writeLocalMe(deps.meFile, body.data.person);
    res.json({ person: body.data.person, name, role: 'admin', local: true });
  });

  // In this order: a body that is not {current, password} (or a new password breaking the rule)
  // is a 400 for anyone, and guesses nothing; then a key or local mode is told it has no password;
  // then the limits, which count wrong current passwords with failed sign-ins.
  const ownAccountOnly: RequestHandler = (req, res, next) => {
    parseInput(changePasswordRequest, req.body);
    const who = req.auth;
    if (who?.mode !== 'session') return next(new HttpProblem('conflict', NO_PASSWORD[who?.mode ?? 'local']));
    checksPasswordOf(who.email)(req, res, next);
  };
  router.put('/me/password', ownAccountOnly, ...passwordChecks, async (req, res) => {
    const who = req.auth;
    if (who?.mode !== 'session') throw new HttpProblem('conflict', NO_PASSWORD.local);
    const body = parseInput(changePasswordRequest, req.body);
    const account = auth.book.get(who.accountId);
    if (!account) throw new HttpProblem('unauthorized', 'sign in again');
    if (!(await verifyPassword(body.current, account.hash))) {
      countAsWrongPassword(res);
      throw new ValidationError([{ path: '/current', message: 'this is not your current password' }]);
    }
    if (body.password === body.current) throw new ValidationError([{ path: '/password', message: 'the new password is the same as the current one' }]);
    // Stamped with the sessions' clock: sessions started before it end, the renewed one (started after) lives.
    await resetPassword(deps.accountsFile, account.id, body.password, { cost: deps.passwordCost, now: new Date(auth.sessions.now()) });
    auth.book.refresh();
    const renewed = auth.sessions.renew(who.sessionId);
    if (!renewed) throw new HttpProblem('unauthorized', 'your session ended while the password was changed: sign in with the new password');
    auth.setCookie(req, res, renewed.id);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await sessionMe(auth.book.get(account.id) ?? account, renewed.session.csrfToken));
  });

  return router;
}
