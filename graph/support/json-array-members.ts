/**
 * A JSON object whose members are arrays (a network document), read a batch of elements at a
 * time: each batch is JSON.parse'd on its own and handed over, so a caller that keeps only what it
 * makes of each batch (a schema's output) lets the raw elements die young instead of holding the
 * whole parsed document beside its checked copy. On a million-record document that halves the
 * objects the collector must copy and promote.
 *
 * It is a fast path, not a parser: whatever is not a plain `{"key": [...], ...}` of distinct
 * keys, well formed, gives `undefined`, and the caller parses the text whole (JSON.parse's own
 * verdict and error message). A text JSON.parse refuses never reads as a success: every batch is
 * parsed by JSON.parse, and the structure between batches is checked here.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** JSON's whitespace: space, tab, line feed, carriage return. */
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Thrown inside to give up on the fast path. */
class NotPlain extends Error {}

/** What the reader hands over: a member's key and one batch of its elements (at `offset` in the array); false stops the reading. */
export type BatchVisitor = (key: string, elements: unknown[], offset: number) => boolean;

/**
 * Reads `text` as an object of array members, calling `visit` for each batch of up to `batch`
 * elements in document order (an empty array: once, with no elements). True when the whole text
 * was read so; false when it is not such an object, or not well formed, or `visit` said stop
 * (nothing more is visited after that, and the caller must not use what it was given).
 */
export function readArrayMembers(text: string, batch: number, visit: BatchVisitor): boolean {
  try {
    new Reader(text, batch, visit).document();
    return true;
  } catch (err) {
    // A SyntaxError is a batch JSON.parse refused: the whole text's parse will say why.
    if (err instanceof NotPlain || err instanceof SyntaxError) return false;
    throw err;
  }
}

class Reader {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly batch: number,
    private readonly visit: BatchVisitor,
  ) {}

  document(): void {
    const seen = new Set<string>();
    this.expect(OPEN_OBJECT);
    if (this.peek() === CLOSE_OBJECT) this.i++;
    else {
      for (;;) {
        const key = this.key();
        if (seen.has(key)) throw new NotPlain(); // JSON.parse keeps the last: leave it to it
        seen.add(key);
        this.expect(COLON);
        this.array(key);
        const c = this.peek();
        this.i++;
        if (c === CLOSE_OBJECT) break;
        if (c !== COMMA) throw new NotPlain();
      }
    }
    if (this.peek() !== -1) throw new NotPlain();
  }

  /** A member's key: its string literal as JSON.parse reads it (escapes and all). */
  private key(): string {
    if (this.peek() !== QUOTE) throw new NotPlain();
    const start = this.i;
    this.i = this.stringEnd(start) + 1;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  /** The array at the cursor, in batches cut at the commas between its elements. */
  private array(key: string): void {
    this.expect(OPEN_ARRAY);
    const { text } = this;
    let from = this.i;
    let depth = 1;
    let inBatch = 0;
    let offset = 0;
    for (let i = this.i; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) i = this.stringEnd(i);
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
      else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        if (--depth > 0) continue;
        // The last batch: empty only when the whole array is ([] — not a trailing comma).
        if (c !== CLOSE_ARRAY || (offset > 0 && isBlank(text, from, i))) throw new NotPlain();
        if (!this.visit(key, this.parse(from, i), offset)) throw new NotPlain();
        this.i = i + 1;
        return;
      } else if (c === COMMA && depth === 1 && ++inBatch === this.batch) {
        const elements = this.parse(from, i);
        if (elements.length !== this.batch || !this.visit(key, elements, offset)) throw new NotPlain();
        offset += elements.length;
        from = i + 1;
        inBatch = 0;
      }
    }
    throw new NotPlain();
  }

  private parse(from: number, to: number): unknown[] {
    return JSON.parse(`[${this.text.slice(from, to)}]`) as unknown[];
  }

  /** Index of the quote closing the string literal that opens at `start`. */
  private stringEnd(start: number): number {
    const { text } = this;
    let end = start;
    for (;;) {
      end = text.indexOf('"', end + 1);
      if (end === -1) throw new NotPlain();
      let slashes = 0;
      while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
      if (slashes % 2 === 0) return end;
    }
  }

  /** The next non-space character's code (the cursor moved onto it), or -1 at the end. */
  private peek(): number {
    const { text } = this;
    while (this.i < text.length && isSpace(text.charCodeAt(this.i))) this.i++;
    return this.i < text.length ? text.charCodeAt(this.i) : -1;
  }

  private expect(code: number): void {
    if (this.peek() !== code) throw new NotPlain();
    this.i++;
  }
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
