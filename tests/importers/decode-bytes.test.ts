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
