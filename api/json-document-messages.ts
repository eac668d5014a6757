/**
 * A JSON network document read from its raw bytes as a stream of small messages, so that a large
 * upload can be checked and parsed on a worker thread and reach the event loop in cheap pieces:
 * the same byte checks as every JSON body (UTF-8, nesting depth), JSON.parse under express.json's
 * rules (an empty body is {}), then the document schema.
 * A valid document arrives as the schema's output; an invalid one as the raw input plus every
 * schema problem, so that references can still be checked against the store.
 */
import { checkDocumentShape, checkDocumentText, type DocumentShape } from '../graph/service/document-shape.js';
import type { Issue } from '../graph/service/errors.js';
import { verifyJsonBody } from './body-bytes.js';
import { HttpProblem, type ProblemType } from './problem.js';

/** Records per message: cheap to clone and deserialize (well under a millisecond). */
export const ITEMS_PER_MESSAGE = 500;
/** From this many characters a valid document is read a batch of records at a time (checkDocumentText). */
export const READ_IN_BATCHES_FROM = 1 << 20;

export type DocumentMessage =
  | { kind: 'whole'; value: unknown }
  | { kind: 'member'; key: string; value: unknown }
  /**
   * JSON text, not the items themselves: the store keeps the records it imports, and objects a
   * structured clone rebuilds take twice the memory of those JSON.parse makes (1.2M benchmark
   * records: 278 against 137 MiB), for no faster a turn on the event loop.
   */
  | { kind: 'items'; key: string; json: string }
  | { kind: 'issues'; issues: Issue[] }
  | { kind: 'done'; success: boolean }
  | { kind: 'problem'; problemType: ProblemType; detail: string | undefined; members: Record<string, unknown> | undefined }
  | { kind: 'malformed'; message: string };

/** The messages for one request body, ending with 'done', 'problem' or 'malformed'. */
export function* documentMessages(bytes: Uint8Array): Generator<DocumentMessage, void, undefined> {
  try {
    verifyJsonBody(undefined, undefined, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    yield { kind: 'problem', problemType: err.problemType, detail: err.detail, members: err.extra.members };
    return;
  }
  const text = new TextDecoder().decode(bytes);
  const valid = text.length >= READ_IN_BATCHES_FROM ? checkDocumentText(text) : undefined;
  if (valid?.success) {
    yield* valueMessages(valid.data);
    yield { kind: 'done', success: true };
    return;
  }
  let input: unknown;
  try {
    input = parseBody(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    yield { kind: 'malformed', message: err.message };
    return;
  }
  const shape: DocumentShape = checkDocumentShape(input);
  yield* valueMessages(shape.success ? shape.data : input);
  if (!shape.success) {
    for (let i = 0; i < shape.issues.length; i += ITEMS_PER_MESSAGE) yield { kind: 'issues', issues: shape.issues.slice(i, i + ITEMS_PER_MESSAGE) };
  }
  yield { kind: 'done', success: shape.success };
}

/** express.json's parse (strict: false, as api/app.ts sets it): '' is {}, any JSON value is a body, refused by the schema if not a document. */
function parseBody(text: string): unknown {
  return text.length === 0 ? {} : JSON.parse(text);
}

function* valueMessages(value: unknown): Generator<DocumentMessage, void, undefined> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    yield { kind: 'whole', value };
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (!Array.isArray(member)) {
      yield { kind: 'member', key, value: member };
      continue;
    }
    yield { kind: 'items', key, json: JSON.stringify(member.slice(0, ITEMS_PER_MESSAGE)) };
    for (let i = ITEMS_PER_MESSAGE; i < member.length; i += ITEMS_PER_MESSAGE) yield { kind: 'items', key, json: JSON.stringify(member.slice(i, i + ITEMS_PER_MESSAGE)) };
  }
}

/** The document read back from its messages: `input` and its shape, or the error the body earned. */
export class DocumentAssembler {
  private value: unknown = {};
  private readonly issues: Issue[] = [];
  result: { input: unknown; shape: DocumentShape } | undefined;

  /** Takes one message; true when it was the last. Throws the body's error for 'problem' and 'malformed'. */
  add(message: DocumentMessage): boolean {
    switch (message.kind) {
      case 'whole':
        this.value = message.value;
        return false;
      case 'member':
        define(this.value as object, message.key, message.value);
        return false;
      case 'items': {
        const target = this.value as Record<string, unknown>;
        const list = Object.hasOwn(target, message.key) ? (target[message.key] as unknown[]) : define(target, message.key, []);
        for (const item of JSON.parse(message.json) as unknown[]) list.push(item);
        return false;
      }
      case 'issues':
        for (const issue of message.issues) this.issues.push(issue);
        return false;
      case 'done':
        this.result = {
          input: this.value,
          shape: message.success ? { success: true, data: this.value as never } : { success: false, issues: this.issues },
        };
        return true;
      case 'problem':
        throw new HttpProblem(message.problemType, message.detail, message.members ? { members: message.members } : {});
      case 'malformed':
        // Classified like express.json's own parse error (api/problem.ts), so the answer is the same.
        throw Object.assign(new SyntaxError(message.message), { status: 400, type: 'entity.parse.failed' });
    }
  }
}

/** An own data member even when the key is __proto__ (which plain assignment would turn into a prototype). */
function define<T>(target: object, key: string, value: T): T {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}
