/**
 * `refnet keys create|list|revoke`: API key management for the CLI (scripts/cli.ts registers it
 * with `program.addCommand(keysCommand())`). The keys file is found like the server finds it
 * (REFNET_KEYS_FILE, else <REFNET_DATA>/keys.json), or given with --keys-file / --data. A created
 * token is printed once, on stdout, and is not stored anywhere.
 */
import { Command, Option } from 'commander';
import { keysFilePath } from '../../api/security/key-file.js';
import { SCOPES, type Scope } from '../../api/security/key-format.js';
import { createKey, listKeys, revokeKey } from '../../api/security/keys.js';

interface FileOptions {
  keysFile?: string;
  data?: string;
}

function fileFrom(options: FileOptions, env: NodeJS.ProcessEnv): string {
  if (options.keysFile) return keysFilePath({ REFNET_DATA: '.', REFNET_KEYS_FILE: options.keysFile });
  return keysFilePath({ REFNET_DATA: options.data ?? (env.REFNET_DATA || './.refnet'), REFNET_KEYS_FILE: options.data ? undefined : env.REFNET_KEYS_FILE || undefined });
}

/** The `keys` command; `out` receives what would go to stdout (tests pass their own). */
export function keysCommand(io: { out?: (text: string) => void; env?: NodeJS.ProcessEnv } = {}): Command {
  const out = io.out ?? ((text: string) => process.stdout.write(text));
  const env = io.env ?? process.env;
  const withFile = (c: Command) =>
    c.option('--keys-file <path>', 'the keys file (default: $REFNET_KEYS_FILE or <data>/keys.json)').option('--data <dir>', 'the data directory (default: $REFNET_DATA or ./.refnet)');

  const keys = new Command('keys').description('manage API keys (scopes: read ⊂ write ⊂ admin)');

  withFile(keys.command('create'))
    .description('create a key and print it once')
    .addOption(new Option('--scope <scope>', 'what the key may do').choices(SCOPES as unknown as string[]).makeOptionMandatory())
    .requiredOption('--name <name>', 'who or what uses the key')
    .option('--json', 'print {id, name, scope, token} as JSON')
    .action(async (options: FileOptions & { scope: Scope; name: string; json?: boolean }) => {
      const { token, key } = await createKey(fileFrom(options, env), { scope: options.scope, name: options.name });
      if (options.json) out(`${JSON.stringify({ ...key, token })}\n`);
      else out(`${token}\n\nkey ${key.id} "${key.name}" (scope ${key.scope}) created.\nThis is the only time the key is shown: store it now. Send it as "Authorization: Bearer <key>".\n`);
    });

  withFile(keys.command('list'))
    .description('list keys (ids, names, scopes; never the keys themselves)')
    .option('--json', 'print as JSON')
    .action((options: FileOptions & { json?: boolean }) => {
      const list = listKeys(fileFrom(options, env));
      if (options.json) return out(`${JSON.stringify(list, null, 2)}\n`);
      if (!list.length) return out('no API keys (a server bound to 127.0.0.1 runs in local mode)\n');
      for (const k of list) out(`${k.id}  ${k.scope.padEnd(5)}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'.padEnd(32)}  created ${k.createdAt}  ${k.name}\n`);
    });

  withFile(keys.command('revoke'))
    .description('revoke a key by id (a running server refuses it from the next request)')
    .argument('<id>', 'the key id shown by `keys list`')
    .action(async (id: string, options: FileOptions) => {
      const key = await revokeKey(fileFrom(options, env), id);
      out(`key ${key.id} "${key.name}" revoked at ${key.revokedAt}\n`);
    });

  return keys;
}
