/** POST /api/import (atomic upsert of a network document) and GET /api/export (what the caller may see). */
import { Router } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import { checkedShape } from '../json-document-body.js';
import { viewerOf } from '../security/viewer.js';
import { writerOf } from '../security/writer.js';

export function importExportRouter(service: NetworkService): Router {
  const router = Router();

  router.post('/import', async (req, res) => {
    res.json(await service.importDocument(req.body, checkedShape(res.locals), writerOf(req)));
  });

  router.get('/export', async (req, res) => {
    res.json(await service.exportDocument(viewerOf(req)));
  });

  return router;
}
