/** `refnet keys create|list|revoke`: API keys in the keys file (REFNET_KEYS_FILE, default <data>/keys.json). */
import type { Command } from 'commander';
import { keysFilePath } from '../../../api/security/key-file.js';
import { SCOPES, type Scope } from '../../../api/security/key-format.js';
import { createKey, listKeys, revokeKey, UnknownKeyError } from '../../../api/security/keys.js';
import { requireDataDir, type GlobalOptions } from '../backend.js';
import { usageError } from '../errors.js';
import { date, printJson, say, table, idColumn } from '../output.js';

export function registerKeys(program: Command, globals: () => GlobalOptions): void {
  const file = () => keysFilePath({ REFNET_DATA: globals().data ?? process.env.REFNET_DATA ?? './.refnet', REFNET_KEYS_FILE: process.env.REFNET_KEYS_FILE });
  // The keys file of an existing data directory: a mistyped --data must not list "no keys" (only create makes it).
  const existingFile = () => {
    if (!process.env.REFNET_KEYS_FILE) requireDataDir(globals());
    return file();
  };
  const keys = program.command('keys').description('API keys: a server bound beyond loopback requires one (files are read by the server on each request)');
  keys
    .command('create')
    .requiredOption('--name <name>', 'who or what uses the key')
    .option('--scope <scope>', `${SCOPES.join(', ')}`, 'read')
    .description('create a key; its token is printed once and never stored')
    .action(async (o: { name: string; scope: string }) => {
      if (!SCOPES.includes(o.scope as Scope)) throw usageError(`--scope must be one of ${SCOPES.join(', ')}, got "${o.scope}"`);
      let created;
      try {
        created = await createKey(file(), { name: o.name, scope: o.scope as Scope });
      } catch (err) {
        if (err instanceof RangeError) throw usageError(err.message);
        throw err;
      }
      if (globals().json) return printJson(created);
      say(`Created key ${created.key.id} (${created.key.scope}) for ${created.key.name}.`);
      say(`Token (shown once, store it now): ${created.token}`);
      say('Use it with: REFNET_API_KEY=<token> refnet … or the header Authorization: Bearer <token>');
    });
  keys
    .command('list')
    .description('every key, revoked ones included (never the tokens)')
    .action(() => {
      const list = listKeys(existingFile());
      if (globals().json) return printJson(list);
      if (!list.length) return say(`No keys in ${file()}. Create one with \`refnet keys create --name NAME --scope read|write|admin\`.`);
      say(table([idColumn('id'), 'name', 'scope', 'created', 'revoked'], list.map((k) => [k.id, k.name, k.scope, date(k.createdAt), (k as { revokedAt?: string }).revokedAt ? date((k as { revokedAt?: string }).revokedAt) : ''])));
    });
  keys
    .command('revoke')
    .argument('<id>', 'key id (from `refnet keys list`)')
    .description('revoke a key; the server refuses it from the next request on')
    .action(async (id: string) => {
      try {
        const k = await revokeKey(existingFile(), id);
        if (globals().json) return printJson(k);
        say(`Revoked key ${k.id} (${k.name}).`);
      } catch (err) {
        if (err instanceof UnknownKeyError) throw usageError(err.message, 'list the keys with `refnet keys list`');
        throw err;
      }
    });
}
