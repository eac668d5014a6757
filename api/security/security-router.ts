/**
 * Routes of the security layer, mounted under /api:
 * - GET /whoami (read): the key (id, name, scope), the signed-in account or local mode the request runs as;
 * - GET /admin/keys (admin): every key, revoked ones included, never a hash or token;
 * - DELETE /admin/keys/:id (admin): revokes a key at once (incident response without a shell);
 * - POST /admin/compact (admin): compacts the store now, so data deleted for the right to be
 *   forgotten leaves the journal files on disk instead of waiting for the next automatic compaction.
 * Keys are created with the CLI only: a new token should be shown to a person, not a response body.
 * The admin routes carry their scope themselves, so whatever spelling Express routes to them is
 * checked by the same layer that matched it (the auth guard's path rule is the first line).
 */
import { Router } from 'express';
import type { StorePort } from '../../graph/store/port.js';
import { requireScope } from './auth-guard.js';
import { listKeys, revokeKey } from './keys.js';

/** The router; `store` is compacted by POST /admin/compact when it supports compaction. */
export function securityRouter(deps: { keysFile: string; store: StorePort }): Router {
  const router = Router();
  router.get('/whoami', (req, res) => {
    const auth = req.auth;
    if (auth?.mode === 'key') return void res.json({ mode: 'key', id: auth.keyId, name: auth.name, scope: auth.scope });
    if (auth?.mode === 'session') return void res.json({ mode: 'session', email: auth.email, person: auth.person, role: auth.role, scope: auth.scope });
    res.json({ mode: 'local', scope: 'admin' });
  });
  const admin = requireScope('admin');
  router.get('/admin/keys', admin, (_req, res) => {
    res.json({ keys: listKeys(deps.keysFile) });
  });
  router.delete('/admin/keys/:id', admin, async (req, res) => {
    // An unknown key (UnknownKeyError) is a 404 (api/problem.ts).
    res.json(await revokeKey(deps.keysFile, String(req.params.id)));
  });
  router.post('/admin/compact', admin, async (_req, res) => {
    const store = deps.store as StorePort & { compact?: () => Promise<void> };
    if (typeof store.compact !== 'function') {
      res.json({ compacted: false, reason: `the ${store.kind} store keeps no journal to compact` });
      return;
    }
    await store.compact();
    res.json({ compacted: true });
  });
  return router;
}
