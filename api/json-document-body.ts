/**
 * The body of POST /api/import as a JSON network document. A small body is read by express.json
 * as on every route. A large one (over OFF_THREAD_BYTES, or of unknown length) is read as bytes
 * chunk by chunk (api/request-body.ts), then checked, parsed and validated against the document
 * schema on a worker thread, arriving in small paced messages: parsing and validating 100 MB in one step would hold the event loop for
 * seconds. Both paths give the same answers: the same byte checks (api/body-bytes.ts), the same
 * body-parser error types, and the schema's verdict handed to the import in `res.locals`.
 */
import type { RequestHandler } from 'express';
import type { DocumentShape } from '../graph/service/import-document.js';
import { siblingModule } from '../graph/support/project-files.js';
import { streamFromWorker } from '../graph/support/worker-stream.js';
import { assertJsonCharset, jsonBodyParser } from './json-body.js';
import { DocumentAssembler, type DocumentMessage } from './json-document-messages.js';
import { byteCount, drainRequest, joinInSlices, readBody } from './request-body.js';

/** Bodies above this size are parsed on a worker (below it, parsing takes a few milliseconds). */
export const OFF_THREAD_BYTES = 256 * 1024;

const WORKER = siblingModule('./json-document-worker', import.meta.url);

/** The schema verdict a large body was checked with, for the import route. */
export function checkedShape(locals: Record<string, unknown>): DocumentShape | undefined {
  return locals.documentShape as DocumentShape | undefined;
}

/** Body parsing for /import: express.json for small bodies, the worker for large ones. */
export function jsonDocumentBody(limit: string | number, types: string[]): RequestHandler[] {
  const small = jsonBodyParser({ limit, type: types });
  const maxBytes = byteCount(limit);
  const offThread: RequestHandler = (req, res, next) => {
    const read = async () => {
      try {
        assertJsonCharset(req);
      } catch (err) {
        await drainRequest(req);
        throw err;
      }
      // Chunks gathered as they arrive and copied into one buffer a slice at a time, then handed
      // over to the worker (not copied again).
      const body = await readBody(req, maxBytes);
      // Zero bytes (chunked, or encoded) is no body, as Content-Length: 0 is (api/json-body.ts).
      if (body.length === 0) return;
      const buffer = await joinInSlices(body);
      const assembler = new DocumentAssembler();
      await streamFromWorker(WORKER, buffer, [buffer], (message) => assembler.add(message as DocumentMessage));
      req.body = assembler.result!.input;
      res.locals.documentShape = assembler.result!.shape;
    };
    read().then(() => next(), next);
  };
  return [
    (req, res, next) => {
      if (!req.is(types)) return next();
      const length = req.headers['content-length'];
      if (length !== undefined && Number(length) <= OFF_THREAD_BYTES) return small(req, res, next);
      // No length and not chunked: no body at all (body-parser leaves req.body unset then, too).
      if (length === undefined && req.headers['transfer-encoding'] === undefined) return next();
      offThread(req, res, next);
    },
  ];
}
