/**
 * The body of POST /api/import as a JSON network document. A small body is read by express.json
 * as on every route. A large one (over OFF_THREAD_BYTES, or of unknown length) is read as bytes
 * chunk by chunk (api/request-body.ts), then checked, parsed and validated against the document
 * schema on a worker thread, arriving in small paced messages: parsing and validating 100 MB in one step would hold the event loop for
 * seconds. Both paths give the same answers: the same byte checks (api/body-bytes.ts), the same
 * body-parser error types, and the schema's verdict handed to the import in `res.locals`.
 */
import express, { type RequestHandler } from 'express';
import type { DocumentShape } from '../graph/service/import-document.js';
import { siblingModule } from '../graph/support/project-files.js';
import { streamFromWorker } from '../graph/support/worker-stream.js';
import { unlessEmpty, verifyJsonBody } from './body-bytes.js';
import { DocumentAssembler, type DocumentMessage } from './json-document-messages.js';
import { HttpProblem } from './problem.js';
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
  const small = unlessEmpty(express.json({ limit, type: types, verify: verifyJsonBody, strict: false }));
  const maxBytes = byteCount(limit);
  const offThread: RequestHandler = (req, res, next) => {
    const read = async () => {
      try {
        charsetMustBeUtf(req.headers['content-type']);
      } catch (err) {
        await drainRequest(req);
        throw err;
      }
      // Chunks gathered as they arrive and copied into one buffer a slice at a time, then handed
      // over to the worker (not copied again).
      const buffer = await joinInSlices(await readBody(req, maxBytes));
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

/** express.json accepts only a UTF charset (RFC 7159 §8.1); the raw reader does not look, so check here. */
function charsetMustBeUtf(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && !charset.startsWith('utf-')) throw new HttpProblem('unsupported-media-type', `unsupported charset "${charset.toUpperCase()}"`);
}
