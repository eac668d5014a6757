/**
 * Local mode's "who are you?": the person of the network the single local user chose to be
 * (PUT /api/me), kept in `me.json` beside the keys file so it survives restarts. Written
 * atomically, owner-only, like the keys and accounts files. Only meaningful while there is no
 * account and no key: then every request is that one user.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import { keysFilePath } from './key-file.js';

const meFileSchema = z.strictObject({ version: z.literal(1), person: z.string().min(1).max(256) });

export function localMeFilePath(config: { REFNET_DATA: string; REFNET_KEYS_FILE?: string | undefined }): string {
  return join(dirname(keysFilePath(config)), 'me.json');
}

/** The chosen person, or null (not chosen yet, or the file is unreadable: asking again is harmless). */
export function readLocalMe(path: string): string | null {
  try {
    const parsed = meFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.person : null;
  } catch {
    return null;
  }
}

export function writeLocalMe(path: string, person: string): void {
  writeFileAtomic(path, `${JSON.stringify({ version: 1, person }, null, 2)}\n`);
}

/**
 * The network lost `from`: a merge kept `to` in their place, or a delete kept nobody (`to` null).
 * A chosen "me" naming them follows, so the local user is never a person who no longer exists
 * (their home page would ask for a week no one has); after a delete they choose again.
 */
export function relinkLocalMe(path: string, from: string, to: string | null): void {
  if (readLocalMe(path) !== from) return;
  if (to === null) rmSync(path, { force: true });
  else writeLocalMe(path, to);
}
