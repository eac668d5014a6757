/** Response schemas of GET /api/whoami and the /api/admin routes (api/security/security-router.ts). */
import { z } from 'zod';
import { keyRecordSchema } from '../security/key-file.js';
import type { KeySummary } from '../security/keys.js';
import { SCOPES } from '../security/key-format.js';
import { ROLES } from '../security/account-file.js';
import type { Assignable } from './assignable.js';

/** A key as the API shows it: never its hash or token. */
export const keySummary = keyRecordSchema.omit({ hash: true });

export const whoamiResponse = z.union([
  z.object({ mode: z.literal('key'), id: z.string(), name: z.string(), scope: z.enum(SCOPES) }),
  z.object({ mode: z.literal('session'), email: z.string(), person: z.string(), role: z.enum(ROLES), scope: z.enum(SCOPES) }),
  z.object({ mode: z.literal('local'), scope: z.literal('admin') }),
]);

export const keyListResponse = z.object({ keys: z.array(keySummary) });

export const compactResponse = z.object({ compacted: z.boolean(), reason: z.string().optional().describe('why nothing was compacted') });

const agree = true satisfies Assignable<KeySummary, z.infer<typeof keySummary>>;
void agree;
