/**
 * Decoding a whole byte sequence with a TextDecoder, correctly for every encoding. Node 20's
 * one-shot `decode(bytes)` takes a Latin-1 shortcut for windows-1252 (and the labels that mean it:
 * iso-8859-1, latin1, us-ascii…) that maps 0x80–0x9F to C1 control characters instead of
 * € ‚ „ … “ ” –; in streaming mode it decodes them as the Encoding Standard says. So the bytes go
 * through streaming mode and the decoder is then flushed, which gives the same text as a one-shot
 * decode for every other encoding (an incomplete trailing sequence still ends as U+FFFD, or
 * throws when the decoder is fatal).
 */
import { TextDecoder } from 'node:util';

/** All of `bytes` as text, flushing `decoder` at the end. */
export function decodeWhole(decoder: TextDecoder, bytes: Uint8Array): string {
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}
