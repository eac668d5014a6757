/** Pooled worker job (graph/support/worker-stream.ts): reads one JSON document body, see json-document-messages.ts. */
import { postPaced, type StreamTask } from '../graph/support/worker-stream.js';
import { documentMessages } from './json-document-messages.js';

export default async function readJsonDocument({ payload, port }: StreamTask): Promise<void> {
  await postPaced(port, documentMessages(new Uint8Array(payload as ArrayBuffer)));
}
