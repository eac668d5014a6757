/** Request and response schemas of POST/DELETE /api/session, GET/PUT /api/me and PUT /api/me/password (api/security/session-router.ts). */
import { z } from 'zod';
import { ROLES } from '../security/account-file.js';
import { newPasswordSchema, PASSWORD_MAX } from '../security/password-rules.js';
import { SCOPES } from '../security/key-format.js';

export const signInRequest = z.strictObject({
  email: z.string().min(1).max(254).describe('the account email (letter case does not matter)'),
  password: z.string().min(1).max(PASSWORD_MAX),
});

/** A signed-in account: who it is in the network, its role, and the token its writes must carry. */
export const sessionMe = z.object({
  person: z.string().describe('id of the person of the network this account is'),
  name: z.string().nullable().describe('that person’s name (null if the person is no longer in the network)'),
  role: z.enum(ROLES),
  email: z.string(),
  csrfToken: z.string().describe('send as X-CSRF-Token on every POST/PUT/PATCH/DELETE authenticated by the session cookie'),
});

/** Local mode (loopback, no account, no key): the one user, admin, and who they chose to be. */
export const localMe = z.object({
  person: z.string().nullable().describe('null until chosen with PUT /api/me'),
  name: z.string().nullable(),
  role: z.literal('admin'),
  local: z.literal(true),
});

/** An API key (machines): no person, unless an admin key acts as one (the Refnet-Act-As header). */
export const keyMe = z.object({
  person: z.string().nullable().describe('null, or the person an admin key acts as with the Refnet-Act-As header'),
  name: z.string().nullable().describe('that person’s name'),
  role: z.null(),
  key: z.object({ id: z.string(), name: z.string(), scope: z.enum(SCOPES) }),
});

export const meResponse = z.union([sessionMe, localMe, keyMe]);

export const putMeRequest = z.strictObject({ person: z.string().min(1).max(256).describe('id of a person of the network') });

/** A signed-in account changes its own password: the current one proves it is the owner, not someone at an unlocked screen. */
export const changePasswordRequest = z.strictObject({
  current: z.string().min(1).max(PASSWORD_MAX).describe('the password the account signs in with now'),
  password: newPasswordSchema,
});
