/** Worker entry (graph/support/worker-stream.ts): reads one JSON document body, see json-document-messages.ts. */
import { workerData } from 'node:worker_threads';
import { postPaced } from '../graph/support/worker-stream.js';
import { documentMessages } from './json-document-messages.js';

const { payload } = workerData as { payload: ArrayBuffer };
await postPaced(documentMessages(new Uint8Array(payload)));
