import type { AddressInfo } from 'node:net';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonArrayPieces, jsonArrayPieces, sendJsonInSlices } from '../../api/json-in-slices.js';

let current: Record<string, unknown> = {};
let url: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.get('/', async (_req, res) => sendJsonInSlices(res, current));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => server.close();
});
afterAll(() => close());

async function sent(value: Record<string, unknown>) {
  current = value;
  const res = await fetch(url);
  return { type: res.headers.get('content-type'), text: await res.text() };
}

describe('sendJsonInSlices', () => {
  it('when an object with top-level arrays of any JSON is sent, then the body is exactly its JSON.stringify', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined))), async (value) => {
        const { type, text } = await sent(value);
        expect(type).toBe('application/json; charset=utf-8');
        expect(text).toBe(JSON.stringify(value));
      }),
      { numRuns: 60 },
    );
  });

  it('when arrays hold undefined and a million entries, then they read as JSON.stringify writes them', async () => {
    const value = { holes: [1, undefined, 3], changes: Array.from({ length: 1_000_000 }, (_, i) => ({ op: 'create', id: `p${i}`, rows: [i + 2] })), skip: undefined };
    const { text } = await sent(value);
    expect(text).toBe(JSON.stringify(value));
  });

  it('when arrays come as JSON pieces of any size (from a worker), then the body is the JSON.stringify of the arrays they came from', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue()), fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined))), fc.integer({ min: 1, max: 64 }), async (a, b, bytes) => {
        const value = { a, n: 1, b };
        const { text } = await sent({ a: new JsonArrayPieces([...jsonArrayPieces(a, bytes)]), n: 1, b: new JsonArrayPieces([...jsonArrayPieces(b, bytes)]) });
        expect(text).toBe(JSON.stringify(value));
      }),
      { numRuns: 60 },
    );
  });
});
