/**
 * "Me" on the command line: the commands that act as a person (`intro …`, `week` without a
 * PERSON) take `--as PERSON`. With an API key each request of that command acts as them (an admin
 * key: Refnet-Act-As, api/security/act-as.ts), since a key is no person and PUT /api/me is local
 * mode's; in local mode it chooses "me" (kept for later commands).
 */
import type { HttpClient } from './http-client.js';
import { checkName, resolve } from './names.js';

/** The option as each such command declares it. */
export const AS_OPTION = ['--as <person>', 'act as this person (local mode: sets "me" first; with an admin API key, for this command)'] as const;

/** Refuses a blank --as before the store is opened (actAs would look it up). */
export function checkAs(who: string | undefined): void {
  if (who !== undefined) checkName('person', who, '--as');
}

/** Acts as the person --as names (nothing when it was not given). */
export async function actAs(http: HttpClient, who: string | undefined): Promise<void> {
  if (who === undefined) return;
  const person = await resolve(http, 'person', who);
  if (http.hasKey) return http.actAs(person.id);
  await http.put('/api/me', JSON.stringify({ person: person.id }), 'application/json');
}
