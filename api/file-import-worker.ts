/** Pooled worker job (graph/support/worker-stream.ts): reads and plans one large file import, see file-import-messages.ts. */
import { postPaced, type StreamTask } from '../graph/support/worker-stream.js';
import { fileImportMessages, transferOf, type FileImportTask } from './file-import-messages.js';

export default async function importFileOnWorker({ payload, port }: StreamTask): Promise<void> {
  await postPaced(port, await fileImportMessages(payload as FileImportTask), transferOf);
}
