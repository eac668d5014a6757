import { describe, expect, it } from 'vitest';
import { siblingModule } from '../../../graph/support/project-files.js';
import { runInWorker } from '../../../graph/support/ts-worker.js';

const NEVER = siblingModule('./never-answers-worker', import.meta.url);

describe('runInWorker', () => {
  it('when the job is aborted before it answers, then its thread is stopped and the job fails saying so', async () => {
    const stop = new AbortController();
    const job = runInWorker(NEVER, {}, [], stop.signal);
    setTimeout(() => stop.abort(), 50);
    await expect(job).rejects.toThrow(/no longer wanted/);
  });

  it('when the rest of the job cannot be prepared, then its thread is stopped and the job fails', async () => {
    const job = runInWorker(NEVER, {}, [], undefined, Promise.reject(new Error('no sources')));
    await expect(job).rejects.toThrow(/exited with code/);
  });
});
