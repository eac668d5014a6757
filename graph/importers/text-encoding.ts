/**
 * How the start of a file shows it is UTF-16: pure (no Node modules), so the server's upload reader
 * (formats.ts, api/request-body.ts) and the pages' import dialog read a file's header alike.
 */

/** The UTF-16 encoding a byte order mark at the start names, if there is one. */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Bytes at the start of a file looked at for the NUL bytes of UTF-16 without a byte order mark. */
export const UTF16_SNIFF_BYTES = 512;

/**
 * The UTF-16 encoding the start of a file is in: the one its byte order mark names, or, without a
 * mark (Excel's and PowerShell's "Unicode" text, saved without one), the one its NUL bytes show.
 * Every CSV and vCard is full of ASCII (delimiters, line ends, header names, emails), and each
 * ASCII character in UTF-16 is a NUL beside its byte: the NUL second in little-endian, first in
 * big-endian. So: at least a quarter of the first UTF16_SNIFF_BYTES' byte pairs with a NUL on
 * one side, and few on the other (一 is U+4E00, 00 4E in little-endian). UTF-8 and Windows-1252
 * text holds no NUL at all; what still does once decoded is refused (refuseNulText).
 */
export function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const bom = utf16Bom(bytes);
  if (bom) return bom;
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  let first = 0;
  let second = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) first++;
    if (bytes[2 * i + 1] === 0) second++;
  }
  if (second > 0 && second * 4 >= pairs && first * 8 <= second) return 'utf-16le';
  if (first > 0 && first * 4 >= pairs && second * 8 <= first) return 'utf-16be';
  return undefined;
}
