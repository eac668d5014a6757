/** Request and response schemas of the /api/admin/accounts routes (api/security/admin-accounts-router.ts). */
import { z } from 'zod';
import { accountRecordSchema, DEFAULT_ROLE, ROLES } from '../security/account-file.js';
import type { AccountSummary } from '../security/accounts.js';
import { newPasswordSchema } from '../security/password-rules.js';
import type { Assignable } from './assignable.js';

/** An account as the API shows it (the fields of `refnet users list --json`): never its password hash. */
export const accountSummary = accountRecordSchema.omit({ hash: true }).extend({
  passwordChangedAt: z.string().describe('when the password was last set; sessions started before it have ended'),
  disabledAt: z.string().optional().describe('when the account was disabled (absent while it is enabled)'),
});

export const accountListResponse = z.object({ accounts: z.array(accountSummary) });

const person = z.string().min(1).max(256).describe('id of the person of the network the account is (must exist)');

export const createAccountRequest = z.strictObject({
  email: z.string().min(1).max(254).describe('the email the person signs in with (letter case does not matter; one account per email)'),
  password: newPasswordSchema,
  person,
  role: z.enum(ROLES).default(DEFAULT_ROLE).describe(`member, organiser or admin (default ${DEFAULT_ROLE})`),
});

export const updateAccountRequest = z.strictObject({
  role: z.enum(ROLES).optional().describe('takes effect on the account’s next request'),
  person: person.optional(),
  disabled: z.boolean().optional().describe('true disables the account (its sessions end, it cannot sign in); false enables it again'),
});

export const setPasswordRequest = z.strictObject({ password: newPasswordSchema });

/** The account path parameter: an email (matched as sign-in matches it) or an account id. */
export const accountParam = z.object({ email: z.string().describe('the account’s email, matched as sign-in matches it (letter case and surrounding spaces do not matter); its id from the list works too') });

const agree = true satisfies Assignable<AccountSummary, z.infer<typeof accountSummary>>;
void agree;
