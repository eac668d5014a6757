/** POST /api/import (atomic upsert of a network document) and GET /api/export (what the caller may see). */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { NetworkService } from '../../graph/service/network-service.js';
import { ValidationError } from '../../graph/service/errors.js';
import { jsonPointer } from '../../graph/service/issues.js';
import { checkedShape } from '../json-document-body.js';
import { parseQuery } from '../parse.js';
import { viewerOf } from '../security/viewer.js';
import { writerOf } from '../security/writer.js';
import { fileImportQuerySchema } from './import-files.js';

export function importExportRouter(service: NetworkService): Router {
  const router = Router();

  router.post('/import', async (req, res) => {
    documentTakesNoQuery(req);
    res.json(await service.importDocument(req.body, checkedShape(res.locals), writerOf(req)));
  });

  router.get('/export', async (req, res) => {
    res.json(await service.exportDocument(viewerOf(req)));
  });

  return router;
}

/**
 * The import's query options (dryRun, owner, format, …) are for CSV, vCard and .xlsx uploads
 * (import-files.ts), and a JSON network document takes none: left unread, `?dryRun=true` on a
 * document would import it for real. So each is refused by name, and anything else as unknown.
 */
function documentTakesNoQuery(req: Request): void {
  const fileOptions = Object.keys(req.query as object).filter((name) => Object.hasOwn(fileImportQuerySchema.shape, name));
  if (fileOptions.length > 0) {
    throw new ValidationError(
      fileOptions.map((name) => ({ path: jsonPointer(['query', name]), message: `${name} is an option of CSV, vCard and .xlsx uploads; a JSON network document takes no query (and has no dry run): nothing was imported` })),
    );
  }
  parseQuery(z.strictObject({}), req);
}
