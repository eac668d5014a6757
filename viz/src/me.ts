/**
 * Who "me" is for a page that opens on the caller's own network: the signed-in account's person, or
 * local mode's chosen one (GET /api/me); else the person this browser chose on the home page (an API
 * key is no person: the home page asks, and this browser keeps the answer).
 */
import { getMe, type Me } from './api.js';

/** Where the home page keeps this browser's choice of "me". */
export const ME_STORAGE = 'refnet.me';

export interface WhoAmI {
  /** The person "me" is, if anyone. */
  person: string | undefined;
  /** What GET /api/me answered (undefined when it failed). */
  caller: Me | undefined;
  /** Why GET /api/me failed, if it did (an API key without the route's scope, the server down). */
  error?: Error;
}

export async function whoAmI(): Promise<WhoAmI> {
  let caller: Me | undefined;
  let error: Error | undefined;
  try {
    caller = await getMe();
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  return { person: caller?.person ?? localStorage.getItem(ME_STORAGE) ?? undefined, caller, ...(error === undefined ? {} : { error }) };
}
