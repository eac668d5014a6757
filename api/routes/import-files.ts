/**
 * POST /api/import for files in their own formats, routed by content type:
 *   text/csv (?format=linkedin|people|interactions|referrals, &map=field=Header,…),
 *   text/vcard (also text/x-vcard, text/directory).
 * application/json falls through to the network-document route (import-export.ts).
 * Query: dryRun=true reports what would change without writing; owner=<id|email|name> links a
 * LinkedIn import to its owner; update=fill|overwrite; dateOrder=dmy|mdy.
 * The body is decoded as it arrives (UTF-8, a declared charset, else Windows-1252; api/request-body.ts).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { formatFromContentType, type FileFormat } from '../../graph/importers/formats.js';
import { importFile, type ImportService } from '../../graph/importers/run-import.js';
import { ValidationError } from '../../graph/service/errors.js';
import { sendJsonInSlices } from '../json-in-slices.js';
import { parseQuery } from '../parse.js';
import { byteCount, charsetOf, drainRequest, readBody, UploadText } from '../request-body.js';
import { writerOf } from '../security/writer.js';


const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const querySchema = z.strictObject({
  format: z.enum(['linkedin', 'vcard', 'people', 'interactions', 'referrals']).optional(),
  map: z.string().max(4000).optional(),
  dryRun: flag.optional(),
  owner: z.string().min(1).max(300).optional(),
  update: z.enum(['fill', 'overwrite']).optional(),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
});

/** The file import route; mount it before the JSON-only body guard so CSV and vCard bodies reach it. */
export function importFilesRouter(service: ImportService, bodyLimit: string | number): Router {
  const router = Router();
  const limit = byteCount(bodyLimit);
  router.post('/import', (req, _res, next) => {
    // Only file types are handled here; JSON (and anything unknown) goes on to the document route.
    const kind = formatFromContentType(req.headers['content-type'] ?? '');
    next(kind === 'csv' || kind === 'vcard' ? undefined : 'route');
  }, async (req, res) => {
    let request;
    try {
      const { format: asked, dryRun, ...options } = parseQuery(querySchema, req);
      request = { format: fileFormat(req, asked), dryRun, options, text: new UploadText(charsetOf(req)) };
    } catch (err) {
      await drainRequest(req);
      throw err;
    }
    const { format, dryRun, options, text } = request;
    // Decoded chunk by chunk as it arrives (api/request-body.ts), read by the importers in those parts.
    const parts = await text.finish(await readBody(req, limit, (chunk) => text.push(chunk)));
    // A file that cannot be read (ImportFormatError) is a 400 naming the option or the body (api/problem.ts).
    const report = await importFile(service, format, parts, { ...options, dryRun: dryRun ?? false, actor: writerOf(req) });
    await sendJsonInSlices(res, { ...report });
  });
  return router;
}

function fileFormat(req: Request, asked: FileFormat | undefined): FileFormat {
  const kind = formatFromContentType(req.headers['content-type'] ?? '');
  if (kind === 'vcard') {
    if (asked && asked !== 'vcard') throw new ValidationError([{ path: '/query/format', message: `${asked} does not match the text/vcard body` }]);
    return 'vcard';
  }
  if (!asked || asked === 'vcard') {
    throw new ValidationError([{ path: '/query/format', message: 'a CSV import needs ?format=linkedin, people, interactions or referrals' }]);
  }
  return asked;
}

/** The query of a CSV or vCard import, for the OpenAPI document. */
export { querySchema as fileImportQuerySchema };
