/** Upload bytes decoded in slices (issue #11: a 60 MB upload decoded in one step held the event loop) give decodeBytes' text exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeBytesInSlices } from '../../graph/importers/formats.js';

const MiB = 1 << 20;

describe('decodeBytesInSlices', () => {
  it('when a multi-byte character straddles a chunk boundary, then it is decoded whole', async () => {
    for (let shift = 1; shift <= 3; shift++) {
      const text = `${'a'.repeat(MiB - shift)}é€😀${'b'.repeat(10)}\n`;
      const bytes = Buffer.from(text, 'utf8');
      expect(await decodeBytesInSlices(bytes)).toBe(text);
    }
  });

  it('when the bytes are not UTF-8 past the first chunk, then the whole text is read as Windows-1252, as decodeBytes does', async () => {
    const bytes = Buffer.concat([Buffer.from('x'.repeat(MiB + 5)), Buffer.from([0x93, 0x48, 0x69, 0x94, 0xe9])]);
    const text = await decodeBytesInSlices(bytes);
    expect(text).toBe(decodeBytes(bytes));
    expect(text).toHaveLength(bytes.length);
  });

  it('when given any bytes, then the text equals decodeBytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 32 }), async (raw, s) => {
        for (const bytes of [raw, Buffer.from(s, 'utf8'), new Uint8Array(0)]) expect(await decodeBytesInSlices(bytes)).toBe(decodeBytes(bytes));
      }),
    );
  });
});

describe('decodeBytes, Windows-1252', () => {
  // Node's one-shot windows-1252 decode maps 0x80–0x9F to C1 controls (graph/support/whole-text.ts).
  it('when bytes 0x80–0x9F come from a Windows export, then they are the Windows characters, not control characters', async () => {
    const bytes = new Uint8Array([0x93, 0x51, 0x75, 0x6f, 0x74, 0x65, 0x94, 0x20, 0x80, 0x35, 0x85, 0x20, 0x96, 0x20, 0x9c, 0x8a]);
    for (const text of [decodeBytes(bytes), await decodeBytesInSlices(bytes)]) expect(text).toBe('“Quote” €5… – œŠ');
  });

  it('when any byte 0x80–0x9F is decoded, then no C1 control character comes out except the five bytes cp1252 leaves undefined', async () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const undefinedInCp1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    for (const text of [decodeBytes(bytes), await decodeBytesInSlices(bytes)]) {
      expect(text).toHaveLength(32);
      for (let i = 0; i < 32; i++) expect(text.charCodeAt(i) >= 0x80 && text.charCodeAt(i) <= 0x9f).toBe(undefinedInCp1252.has(0x80 + i));
    }
  });
});
