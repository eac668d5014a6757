/**
 * POST /api/import for files in their own formats, routed by content type:
 *   text/csv (?format=linkedin|people|interactions|referrals, &map=field=Header,…),
 *   text/vcard (also text/x-vcard, text/directory),
 *   application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (.xlsx: its first sheet, read
 *   as CSV; ?format= as for CSV, default people).
 * application/json falls through to the network-document route (import-export.ts).
 * Query: dryRun=true reports what would change without writing; owner=<id|email|name> links a
 * LinkedIn import to its owner (its new people are the owner's private contacts unless shared=true);
 * update=fill|overwrite; dateOrder=dmy|mdy.
 * CSV and vCard bodies are decoded in the declared charset, else UTF-16 when the bytes show it, else UTF-8, else Windows-1252
 * (api/request-body.ts); an .xlsx body (a ZIP, read whole) is converted to CSV. A body over
 * OFF_THREAD_BYTES is decoded, read and planned on a worker thread (api/file-import-off-thread.ts),
 * a smaller one in process; both answer alike.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { formatFromContentType, type FileFormat } from '../../graph/importers/formats.js';
import { importFile, type ImportService } from '../../graph/importers/run-import.js';
import { XLSX_CONTENT_TYPE } from '../../graph/importers/xlsx.js';
import { ValidationError } from '../../graph/service/errors.js';
import { importFileOffThread, OFF_THREAD_BYTES } from '../file-import-off-thread.js';
import { sendJsonInSlices } from '../json-in-slices.js';
import { hasBody, unsupportedMediaType } from '../json-body.js';
import { parseQuery } from '../parse.js';
import { byteCount, charsetOf, drainRequest, joinInSlices, readBody, uploadedText, UploadText } from '../request-body.js';
import { writerOf } from '../security/writer.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const querySchema = z.strictObject({
  format: z
    .enum(['linkedin', 'vcard', 'people', 'interactions', 'referrals'])
    .optional()
    .describe('what a CSV or .xlsx file holds (needed for CSV; .xlsx default people); a LinkedIn export sent as people is read as linkedin'),
  map: z.string().max(4000).optional().describe('column mapping for people/interactions/referrals: field=Header pairs, e.g. name=Full Name,email=E-mail,attr.club=Club; field= (no column) reads the field from none, even a column its name would be recognised in'),
  dryRun: flag.optional().describe('true: report what would change and write nothing'),
  owner: z.string().min(1).max(300).optional().describe('LinkedIn and vCard: whose contacts these are (an id, or an email, LinkedIn URL or name exactly one person holds; one several people hold is refused naming them); each LinkedIn connection becomes a met interaction with them, and the new people are their private contacts'),
  update: z.enum(['fill', 'overwrite']).optional().describe('fill (default): stored values win, empty fields are filled; overwrite: file values win'),
  dateOrder: z.enum(['dmy', 'mdy']).optional().describe('how to read ambiguous slash dates such as 03/04/2024'),
  shared: flag.optional().describe("LinkedIn and vCard imports: new people join the shared network instead of being the owner's private contacts"),
});

/** The file import route; mount it before the JSON-only body guard so CSV and vCard bodies reach it. */
export function importFilesRouter(service: ImportService, bodyLimit: string | number): Router {
  const router = Router();
  const limit = byteCount(bodyLimit);
  router.post('/import', (req, _res, next) => {
    // Only file types are handled here; JSON (or no body at all) goes on to the document route,
    // and a body of any other type is a 415 naming every type the import reads.
    const kind = formatFromContentType(req.headers['content-type'] ?? '');
    if (kind === 'csv' || kind === 'vcard' || kind === 'xlsx') return next();
    next(kind === 'json' || !hasBody(req) ? 'route' : unsupportedMediaType(req, IMPORT_BODY));
  }, async (req, res) => {
    let request;
    try {
      const { format: asked, dryRun, ...options } = parseQuery(querySchema, req);
      // A text body's charset is checked before it is read (UploadText); a workbook has no charset to check.
      const text = bodyKind(req) === 'xlsx' ? undefined : new UploadText(charsetOf(req));
      request = { format: fileFormat(req, asked), dryRun, options, text };
    } catch (err) {
      await drainRequest(req);
      throw err;
    }
    const { format, dryRun, options, text } = request;
    const body = await readBody(req, limit);
    const { actor, viewer } = writerOf(req);
    const importOptions = { ...options, dryRun: dryRun ?? false, actor, viewer };
    // A file that cannot be read (ImportFormatError) is a 400 naming the option or the body (api/problem.ts).
    const report =
      body.length > OFF_THREAD_BYTES
        ? await importFileOffThread(service, format, { bytes: await joinInSlices(body), workbook: !text, charset: charsetOf(req) }, importOptions)
        : await importFile(service, format, await uploadedText(body, text), importOptions);
    await sendJsonInSlices(res, { ...report });
  });
  return router;
}

/** The body types POST /api/import reads (graph/importers/formats.ts formatFromContentType also takes their aliases). */
export const IMPORT_BODY = [
  { type: 'application/json', what: 'a network document' },
  { type: 'text/csv', what: 'with ?format=' },
  { type: 'text/vcard' },
  { type: XLSX_CONTENT_TYPE, what: '.xlsx' },
] as const;

const bodyKind = (req: Request) => formatFromContentType(req.headers['content-type'] ?? '');

function fileFormat(req: Request, asked: FileFormat | undefined): FileFormat {
  if (bodyKind(req) === 'xlsx') {
    if (asked === 'vcard') throw new ValidationError([{ path: '/query/format', message: 'vcard does not match an Excel workbook body' }]);
    return asked ?? 'people';
  }
  if (bodyKind(req) === 'vcard') {
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
