/**
 * Large request bodies (file uploads, big JSON documents) read chunk by chunk as they arrive,
 * never gathered with one big copy: raw-body (behind express.raw) ends a 60–90 MB upload with a
 * single Buffer.concat, and decoding it in one go is a second such step, each holding the event
 * loop for about 100 ms. Here every chunk of the socket is decoded (or copied) on its own turn.
 * The rules are body-parser's: the byte limit (413, refused up front when Content-Length says
 * so), gzip/deflate/br bodies inflated, an aborted request a 400, and on an error the rest of
 * the body is read off before the answer so the client sees it. The errors carry body-parser's
 * `type`, so api/problem.ts answers both readers alike.
 */
import type { Request } from 'express';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { TextParts } from '../graph/importers/csv-rows.js';
import { fileText, UTF16_SNIFF_BYTES, utf16Of } from '../graph/importers/formats.js';
import { LenientDecoder } from '../graph/support/lenient-text.js';
import { TimeSlicer } from '../graph/support/time-slices.js';
import { assertUtf8 } from './body-bytes.js';
import { HttpProblem } from './problem.js';

/** The body's chunks as they arrived, and their total length. */
export interface BodyChunks {
  chunks: Buffer[];
  length: number;
}

/** A size such as '50mb' (the config's BODY_LIMIT, 1 kb = 1024 bytes as in body-parser) or a count of bytes. */
export function byteCount(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!m) throw new Error(`refnet/request-body: not a size: ${limit}`);
  const unit = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

/** Reads the body, handing each chunk to `onChunk` as it arrives; rejects with a body-parser-typed error. */
export function readBody(req: Request, limit: number, onChunk?: (chunk: Buffer) => void): Promise<BodyChunks> {
  return new Promise<BodyChunks>((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    let stream: Readable;
    try {
      stream = contentStream(req);
    } catch (err) {
      return readOff(req, () => reject(err));
    }
    if (declared !== undefined && declared > limit && stream === req) {
      return readOff(req, () => reject(bodyError(413, 'request entity too large', 'entity.too.large', { limit, length: declared })));
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      if (stream !== req) {
        req.unpipe();
        stream.destroy();
      }
      readOff(req, () => reject(err));
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) return fail(bodyError(413, 'request entity too large', 'entity.too.large', { limit, length }));
      chunks.push(chunk);
      try {
        onChunk?.(chunk);
      } catch (err) {
        fail(err);
      }
    };
    stream.on('data', onData);
    stream.once('end', () => {
      if (settled) return;
      settled = true;
      if (stream === req && declared !== undefined && declared !== length) {
        return reject(bodyError(400, 'request size did not match content length', 'request.size.invalid', { expected: declared, length }));
      }
      resolve({ chunks, length });
    });
    // A body that does not inflate is a bad request, like one that does not parse.
    stream.once('error', (err) => fail(stream === req ? err : bodyError(400, `the body is not valid ${req.headers['content-encoding']}: ${err.message}`, 'entity.verify.failed', {})));
    req.once('aborted', () => fail(bodyError(400, 'request aborted', 'request.aborted', {})));
  });
}

/** The body bytes as one ArrayBuffer of their own (for a worker), copied a slice at a time. */
export async function joinInSlices({ chunks, length }: BodyChunks, slicer = new TimeSlicer()): Promise<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(length));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
    if (slicer.due()) await slicer.pause();
  }
  return out.buffer;
}

/**
 * Upload text decoded chunk by chunk into parts (graph/importers/csv-rows.ts reads them as they
 * are): in the declared charset, where a declared UTF-8 body that is not is refused naming the
 * first bad byte; with no charset, UTF-16 when the first bytes show it (a byte order mark, or
 * the NUL bytes of UTF-16 without one), else UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (the older Outlook and Excel exports), as graph/importers/formats.ts's decodeBytes.
 */
export class UploadText {
  readonly parts: string[] = [];
  private decoder: TextDecoder;
  /** No charset was given: the first bytes may still show UTF-16 (a byte order mark, or NUL bytes; formats.ts utf16Of). */
  private sniffs: boolean;
  /** The first bytes, held until there are UTF16_SNIFF_BYTES of them (or the body ends). */
  private head: Buffer = Buffer.alloc(0);
  /** True once the bytes proved not to be UTF-8 (when UTF-8 is declared or guessed). */
  private notUtf8 = false;
  /** A declared UTF-8 (in any of its labels): bytes that are not are refused. */
  private readonly mustBeUtf8: boolean;

  /** Throws a 415 problem for a charset TextDecoder does not know. */
  constructor(charset: string | undefined) {
    let encoding: string;
    try {
      encoding = new TextDecoder(charset ?? 'utf-8').encoding;
    } catch {
      throw new HttpProblem('unsupported-media-type', `unknown charset "${charset}"; declare one the WHATWG Encoding Standard names (utf-8, windows-1252, iso-8859-1, utf-16le, …), or none (UTF-8, else Windows-1252)`);
    }
    this.mustBeUtf8 = charset !== undefined && encoding === 'utf-8';
    this.sniffs = charset === undefined;
    // fatal: bytes that are not UTF-8 are noticed, never turned into U+FFFD.
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  /** Decodes one chunk (streaming: a character split between chunks is completed by the next). */
  push(chunk: Buffer): void {
    if (this.sniffs) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < UTF16_SNIFF_BYTES) return;
      chunk = this.endSniffing();
    }
    if (this.notUtf8) return;
    try {
      this.parts.push(this.decoder.decode(chunk, { stream: true }));
    } catch {
      this.notUtf8 = true;
    }
  }

  /** Chooses the decoder from the bytes held (UTF-16 when they show it) and hands them back to be decoded. */
  private endSniffing(): Buffer {
    this.sniffs = false;
    const utf16 = utf16Of(this.head);
    if (utf16) this.decoder = new TextDecoder(utf16);
    const head = this.head;
    this.head = Buffer.alloc(0);
    return head;
  }

  /** The text's parts once every chunk was pushed. */
  async finish(body: BodyChunks): Promise<string[]> {
    if (this.sniffs) {
      // A body shorter than UTF16_SNIFF_BYTES: told from all of it, as decodeBytes does.
      const head = this.endSniffing();
      if (head.length) this.push(head);
    }
    if (!this.notUtf8) {
      try {
        this.parts.push(this.decoder.decode());
        return this.parts;
      } catch {
        this.notUtf8 = true;
      }
    }
    this.parts.length = 0;
    if (this.mustBeUtf8) assertUtf8(Buffer.from(await joinInSlices(body)));
    // Not UTF-8 and no charset said so: each byte outside a UTF-8 sequence as Windows-1252, streaming (graph/support/lenient-text.ts).
    const lenient = new LenientDecoder();
    const slicer = new TimeSlicer();
    for (const chunk of body.chunks) {
      this.parts.push(lenient.decode(chunk, { stream: true }));
      if (slicer.due()) await slicer.pause();
    }
    this.parts.push(lenient.decode(new Uint8Array(0)));
    return this.parts;
  }
}

/**
 * A file upload's text once all of it has arrived: decoded chunk by chunk by `text` (its charset
 * checked before the body was read), or, for an Excel workbook (no `text`: a ZIP is read whole,
 * its directory is at the end), the workbook's first sheet as CSV.
 */
export async function uploadedText(body: BodyChunks, text: UploadText | undefined): Promise<TextParts> {
  if (!text) return fileText(new Uint8Array(await joinInSlices(body)));
  for (const chunk of body.chunks) text.push(chunk);
  return text.finish(body);
}

/** The request's charset parameter, if it has one. */
export function charsetOf(req: Request): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
}

/** The body as sent, or inflated per Content-Encoding (body-parser's inflate: true). */
function contentStream(req: Request): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const inflate = { identity: undefined, gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress }[encoding as 'gzip'];
  if (encoding === 'identity') return req;
  if (!inflate) throw bodyError(415, `unsupported content encoding "${encoding}"`, 'encoding.unsupported', { encoding });
  return req.pipe(inflate());
}

/** An error shaped like body-parser's (http-errors with a `type`), classified by api/problem.ts. */
function bodyError(status: number, message: string, type: string, extra: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true, type, ...extra });
}

/** Reads off what is left of the request: an error is answered once the client has sent it all, as body-parser does. */
export function drainRequest(req: Request): Promise<void> {
  return new Promise((resolve) => readOff(req, resolve));
}

function readOff(req: Request, done: () => void): void {
  if (req.readableEnded || req.destroyed) return done();
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    done();
  };
  req.once('end', once);
  req.once('close', once);
  req.resume();
}
