/**
 * Sends a large JSON answer without holding the event loop: the elements of the value's top-level
 * arrays (an import report lists a change per row, a million for a million-row file) are
 * serialised a slice of time at a time and written as they are ready, with backpressure. The bytes
 * are exactly JSON.stringify(value)'s. Express's res.json would stringify (and hash for an ETag)
 * the whole body in one step.
 */
import type { Response } from 'express';
import { TimeSlicer } from '../graph/support/time-slices.js';

/** Flush to the socket once this much text is buffered. */
const FLUSH_AT = 1 << 20;

/**
 * A top-level array already serialised, as UTF-8 pieces of its elements' JSON joined by commas
 * (jsonArrayPieces): a worker thread's answer is written as it came, never parsed on the event loop.
 */
export class JsonArrayPieces {
  constructor(readonly pieces: readonly Uint8Array[]) {}
}

/** The elements' JSON, comma-joined, in UTF-8 pieces of about `bytes` each (exactly JSON.stringify's text for the array, less its brackets). */
export function* jsonArrayPieces(items: Iterable<unknown>, bytes = FLUSH_AT): Generator<Uint8Array, void, undefined> {
  const encoder = new TextEncoder();
  let texts: string[] = [];
  let size = 0;
  for (const item of items) {
    const text = JSON.stringify(item) ?? 'null';
    texts.push(text);
    size += text.length;
    if (size < bytes) continue;
    yield encoder.encode(texts.join(','));
    texts = [];
    size = 0;
  }
  if (texts.length > 0) yield encoder.encode(texts.join(','));
}

export async function sendJsonInSlices(res: Response, value: Record<string, unknown>): Promise<void> {
  res.type('application/json');
  const slicer = new TimeSlicer();
  let buffered: string[] = [];
  let size = 0;
  const push = (s: string) => {
    buffered.push(s);
    size += s.length;
  };
  const flush = async () => {
    if (buffered.length === 0) return;
    const ok = res.write(buffered.join(''));
    buffered = [];
    size = 0;
    if (!ok && !res.destroyed) await drained(res);
  };
  push('{');
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    const whole = Array.isArray(v) || v instanceof JsonArrayPieces ? undefined : JSON.stringify(v);
    if (!Array.isArray(v) && !(v instanceof JsonArrayPieces) && whole === undefined) continue; // JSON.stringify leaves such keys out
    push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (v instanceof JsonArrayPieces) {
      push('[');
      for (let i = 0; i < v.pieces.length; i++) {
        if (i > 0) push(',');
        await flush();
        if (!res.write(v.pieces[i]) && !res.destroyed) await drained(res);
        if (slicer.due()) await slicer.pause();
        if (res.destroyed) return;
      }
      push(']');
      continue;
    }
    if (!Array.isArray(v)) {
      push(whole!);
      continue;
    }
    push('[');
    for (let i = 0; i < v.length; i++) {
      push(`${i ? ',' : ''}${JSON.stringify(v[i]) ?? 'null'}`);
      if (size >= FLUSH_AT) await flush();
      if (slicer.due()) await slicer.pause();
      if (res.destroyed) return;
    }
    push(']');
  }
  push('}');
  await flush();
  res.end();
}

/** Resolves when the socket takes more data or goes away. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
