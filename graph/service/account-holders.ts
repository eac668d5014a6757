/**
 * The accounts people sign in with, as the network's writes need them. Accounts live outside the
 * store (api/security/account-file.ts: never exported, the same for both stores), so the service
 * is given this port by the composition root (api/compose.ts); without one (a bench, a unit test)
 * nobody holds an account.
 *
 * Why the network asks: an account is a person of the network. Deleting that person would leave
 * the account signing in as nobody (and as whoever later gets the id), and making them private
 * would hide their own record from them — both refused (network-service.ts `remove`,
 * contact-visibility.ts `visibilityChangeProblems`); a merge moves the removed person's accounts to
 * the person kept.
 */
export interface AccountHolders {
  /** The emails of the enabled accounts that are this person (a disabled account signs in as no one). */
  of(person: string): readonly string[];
  /** Makes every account of `from` (disabled ones too) an account of `to`: a merge. Local mode's chosen "me" moves too. */
  relink(from: string, to: string): Promise<void>;
  /** `person` was deleted (no account holds them: deleting one that does is refused): local mode's chosen "me" lets go of them. */
  released(person: string): Promise<void>;
}

export const NO_ACCOUNT_HOLDERS: AccountHolders = { of: () => [], relink: async () => undefined, released: async () => undefined };
