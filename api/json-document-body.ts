/**
 * The body of POST /api/import as a JSON network document. A small body is read by express.json
 * as on every route. A large one (over OFF_THREAD_BYTES, or of unknown length) is read as bytes
 * and checked, parsed and validated against the document schema on a worker thread, arriving in
 * small paced messages: parsing and validating 100 MB in one step would hold the event loop for
 * seconds. Both paths give the same answers: the same byte checks (api/body-bytes.ts), the same
 * body-parser error types, and the schema's verdict handed to the import in `res.locals`.
 */
import express, { type RequestHandler } from 'express';
import type { DocumentShape } from '../graph/service/import-document.js';
import { siblingModule } from '../graph/support/project-files.js';
import { streamFromWorker } from '../graph/support/worker-stream.js';
import { verifyJsonBody } from './body-bytes.js';
import { DocumentAssembler, type DocumentMessage } from './json-document-messages.js';
import { HttpProblem } from './problem.js';

/** Bodies above this size are parsed on a worker (below it, parsing takes a few milliseconds). */
export const OFF_THREAD_BYTES = 256 * 1024;

const WORKER = siblingModule('./json-document-worker', import.meta.url);

/** The schema verdict a large body was checked with, for the import route. */
export function checkedShape(locals: Record<string, unknown>): DocumentShape | undefined {
  return locals.documentShape as DocumentShape | undefined;
}

/** Body parsing for /import: express.json for small bodies, the worker for large ones. */
export function jsonDocumentBody(limit: string | number, types: string[]): RequestHandler[] {
  const small = express.json({ limit, type: types, verify: verifyJsonBody });
  const raw = express.raw({ limit, type: types });
  const offThread: RequestHandler = (req, res, next) => {
    if (!Buffer.isBuffer(req.body)) return next();
    const bytes = req.body;
    // The bytes are handed over (not copied) when the buffer is theirs alone.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const buffer = own ? bytes.buffer : new Uint8Array(bytes).buffer;
    req.body = undefined;
    const assembler = new DocumentAssembler();
    streamFromWorker(WORKER, buffer, [buffer], (message) => assembler.add(message as DocumentMessage)).then(() => {
      req.body = assembler.result!.input;
      res.locals.documentShape = assembler.result!.shape;
      next();
    }, next);
  };
  return [
    (req, res, next) => {
      if (!req.is(types)) return next();
      const length = req.headers['content-length'];
      if (length !== undefined && Number(length) <= OFF_THREAD_BYTES) return small(req, res, next);
      charsetMustBeUtf(req.headers['content-type']);
      raw(req, res, (err?: unknown) => (err ? next(err) : offThread(req, res, next)));
    },
  ];
}

/** express.json accepts only a UTF charset (RFC 7159 §8.1); the raw reader does not look, so check here. */
function charsetMustBeUtf(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && !charset.startsWith('utf-')) throw new HttpProblem('unsupported-media-type', `unsupported charset "${charset.toUpperCase()}"`);
}
