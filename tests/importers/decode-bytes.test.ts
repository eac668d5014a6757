/**
 * Upload text decoded chunk by chunk as it arrives (issue #11: a 60 MB upload gathered and decoded
 * in one step held the event loop) gives decodeBytes' text exactly, and Windows-1252 is decoded as
 * Windows writes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../graph/importers/formats.js';
import { UploadText } from '../../api/request-body.js';
import { HttpProblem } from '../../api/problem.js';

/** `bytes` pushed through UploadText in chunks of `size`, as the socket would hand them over. */
async function uploaded(bytes: Uint8Array, size: number, charset?: string): Promise<string> {
  const text = new UploadText(charset);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    const chunk = Buffer.from(bytes.subarray(at, at + size));
    chunks.push(chunk);
    text.push(chunk);
  }
  return (await text.finish({ chunks, length: bytes.length })).join('');
}

describe('upload text decoded chunk by chunk', () => {
  it('when a multi-byte character straddles a chunk boundary, then it is decoded whole', async () => {
    for (let shift = 1; shift <= 3; shift++) {
      const text = `${'a'.repeat(64 - shift)}é€😀${'b'.repeat(10)}\n`;
      expect(await uploaded(Buffer.from(text, 'utf8'), 64)).toBe(text);
    }
  });

  it('when the bytes are not UTF-8 past the first chunk and no charset is declared, then the whole text is read as Windows-1252, as decodeBytes does', async () => {
    const bytes = Buffer.concat([Buffer.from('x'.repeat(100)), Buffer.from([0x93, 0x48, 0x69, 0x94, 0xe9])]);
    const text = await uploaded(bytes, 16);
    expect(text).toBe(decodeBytes(bytes));
    expect(text).toBe(`${'x'.repeat(100)}“Hi”é`);
  });

  it('when given any bytes in any chunk size, then the text equals decodeBytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 32 }), fc.integer({ min: 1, max: 9 }), async (raw, s, size) => {
        for (const bytes of [raw, Buffer.from(s, 'utf8'), new Uint8Array(0)]) expect(await uploaded(bytes, size)).toBe(decodeBytes(bytes));
      }),
    );
  });

  it('when UTF-8 is declared and a byte is not, then a 400 names the offset of the first bad byte, wherever the chunks were cut', async () => {
    const bytes = Buffer.concat([Buffer.from('name\nZoë 😀,'), Buffer.from([0xf0, 0x9f, 0x41]), Buffer.from('tail')]);
    for (const size of [1, 2, 3, 7, 64]) {
      const err = await uploaded(bytes, size, 'utf-8').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttpProblem);
      expect((err as HttpProblem).extra.members).toEqual({ byteOffset: 15 });
    }
  });

  it('when a charset is declared that TextDecoder does not know, then 415', () => {
    expect(() => new UploadText('x-klingon')).toThrow(/unknown charset "x-klingon"/);
  });
});

describe('decodeBytes, Windows-1252', () => {
  // Node's one-shot windows-1252 decode maps 0x80–0x9F to C1 controls (graph/support/whole-text.ts).
  it('when bytes 0x80–0x9F come from a Windows export, then they are the Windows characters, not control characters', async () => {
    const bytes = new Uint8Array([0x93, 0x51, 0x75, 0x6f, 0x74, 0x65, 0x94, 0x20, 0x80, 0x35, 0x85, 0x20, 0x96, 0x20, 0x9c, 0x8a]);
    for (const text of [decodeBytes(bytes), await uploaded(bytes, 3), await uploaded(bytes, 5, 'windows-1252'), await uploaded(bytes, 100, 'iso-8859-1')]) expect(text).toBe('“Quote” €5… – œŠ');
  });

  it('when any byte 0x80–0x9F is decoded, then no C1 control character comes out except the five bytes cp1252 leaves undefined', async () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const undefinedInCp1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    for (const text of [decodeBytes(bytes), await uploaded(bytes, 7)]) {
      expect(text).toHaveLength(32);
      for (let i = 0; i < 32; i++) expect(text.charCodeAt(i) >= 0x80 && text.charCodeAt(i) <= 0x9f).toBe(undefinedInCp1252.has(0x80 + i));
    }
  });
});

describe('decodeBytes, files that are not all one encoding', () => {
  it('when a UTF-8 file has a few Windows-1252 bytes (rows added in an old spreadsheet), then its UTF-8 stays UTF-8 and only those bytes are Windows-1252, in one piece or in chunks', async () => {
    const bytes = Buffer.concat([Buffer.from('name\nJürgen Müller\nZoë 😀\n', 'utf8'), Buffer.from([0x52, 0xe9, 0x6d, 0x79, 0x0a, 0x93, 0x51, 0x94, 0x0a])]);
    const want = 'name\nJürgen Müller\nZoë 😀\nRémy\n“Q”\n';
    expect(decodeBytes(bytes)).toBe(want);
    for (const size of [1, 2, 3, 5, 64]) expect(await uploaded(bytes, size)).toBe(want);
  });

  it('when a byte starts a UTF-8 sequence the file never finishes, then it is the Windows-1252 character, at the end too', async () => {
    for (const [bytes, want] of [
      [[0xe9, 0x41], 'éA'],
      [[0x41, 0xc3], 'AÃ'],
      [[0xf0, 0x9f, 0x41], 'ðŸA'],
      [[0xed, 0xa0, 0x80], 'í\u00a0€'],
    ] as const) {
      expect(decodeBytes(new Uint8Array(bytes)), JSON.stringify(bytes)).toBe(want);
      expect(await uploaded(Buffer.from(bytes), 1)).toBe(want);
    }
  });

  it('when a file starts with a UTF-16 byte order mark (Excel "Unicode text"), then it is read as UTF-16, little- or big-endian, and the mark is left out', async () => {
    const text = 'Name\tEmail\nJürgen 😀\tj@x.example\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      expect(decodeBytes(bytes)).toBe(text);
      for (const size of [1, 3, 64]) expect(await uploaded(bytes, size)).toBe(text);
    }
  });
});

describe('decodeBytes, UTF-16 without a byte order mark', () => {
  const utf16le = (text: string) => Buffer.from(text, 'utf16le');
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

  it('when a file is UTF-16 with no byte order mark, then its NUL bytes tell little- from big-endian, in one piece and in chunks of any size', async () => {
    for (const text of ['Name,Email\nÜmit,umit@x.example\n', 'Name;Firma\n李娜;一二三 GmbH\nЖанна Орлова;ООО\n', `${'Name,Email\n'}${'Zoë Ünal,z@x.example\n'.repeat(60)}`, 'a']) {
      for (const bytes of [utf16le(text), utf16be(text)]) {
        expect(decodeBytes(bytes)).toBe(text);
        for (const size of [1, 3, 64, 1000]) expect(await uploaded(bytes, size)).toBe(text);
      }
    }
  });

  it('when UTF-8 or Windows-1252 text is read, then it is never taken for UTF-16', async () => {
    for (const bytes of [Buffer.from('Name,Email\nÜmit,umit@x.example\n', 'utf8'), Buffer.from('Name,Email\nÜmit,umit@x.example\n', 'latin1')]) {
      expect(decodeBytes(bytes)).toBe('Name,Email\nÜmit,umit@x.example\n');
      expect(await uploaded(bytes, 7)).toBe('Name,Email\nÜmit,umit@x.example\n');
    }
  });
});
