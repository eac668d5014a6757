/**
 * GET /api/admin/backup (admin): a consistent logical snapshot of the running store — the export
 * document at one version, with its metadata (graph/service/backup.ts) — as a download. The store
 * keeps serving meanwhile; `refnet backup FILE` calls this.
 */
import { Router } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import { makeBackup } from '../../graph/service/backup.js';
import { requireScope } from '../security/auth-guard.js';

export function backupRouter(service: Pick<NetworkService, 'snapshot'>, storeKind: string): Router {
  const router = Router();
  router.get('/admin/backup', requireScope('admin'), async (_req, res) => {
    const backup = makeBackup(await service.snapshot(), storeKind);
    res.setHeader('Content-Disposition', `attachment; filename="refnet-backup-v${backup.version}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.json(backup);
  });
  return router;
}
