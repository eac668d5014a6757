/**
 * Many records handed to a worker thread as JSON text in transferable buffers, encoded a slice of
 * time at a time: posting a million records in one message would structured-clone them all in one
 * turn of the event loop. The worker decodes them (JSON.parse keeps a `__proto__` key an own data
 * member, as structured cloning does).
 */
import { TimeSlicer } from './time-slices.js';

/** Records per buffer: well under a millisecond to stringify. */
const BATCH = 1000;

/** `items` as JSON arrays of up to BATCH records, each in an ArrayBuffer of its own (to transfer). */
export async function toJsonBatches(items: Iterable<unknown>, slicer = new TimeSlicer()): Promise<ArrayBuffer[]> {
  const encoder = new TextEncoder();
  const out: ArrayBuffer[] = [];
  let batch: unknown[] = [];
  const flush = () => {
    const bytes = encoder.encode(JSON.stringify(batch));
    out.push(bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer);
    batch = [];
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length < BATCH) continue;
    flush();
    if (slicer.due()) await slicer.pause();
  }
  if (batch.length > 0) flush();
  return out;
}

/** The records of toJsonBatches' buffers, in order. */
export function fromJsonBatches<T>(buffers: readonly ArrayBuffer[]): T[] {
  const decoder = new TextDecoder();
  const out: T[] = [];
  for (const buffer of buffers) for (const item of JSON.parse(decoder.decode(buffer)) as T[]) out.push(item);
  return out;
}
