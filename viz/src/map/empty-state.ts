/**
 * The empty store's first screen: import a network document (JSON), a CSV (people,
 * interactions, referrals or LinkedIn connections) or a vCard file, or load the bundled sample
 * network. Everything goes through POST /api/import — files as text/csv, .xlsx or text/vcard, read by
 * graph/importers on the server — which is atomic: a bad file lists its problems and writes nothing.
 */
import { describeError, getJson, postBody } from '../api.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Wires the empty state's controls; `onLoaded` runs after a successful import. */
export function setupEmptyState(onLoaded: () => Promise<void>): void {
  const upload = document.getElementById('upload') as HTMLInputElement;
  const kind = document.getElementById('upload-kind') as HTMLSelectElement;
  const sample = document.getElementById('load-sample') as HTMLButtonElement;
  const error = document.getElementById('upload-error') as HTMLElement;
  const run = async (what: string, task: () => Promise<unknown>) => {
    error.textContent = '';
    sample.disabled = true;
    status(`Importing ${what}…`);
    try {
      await task();
      await onLoaded();
      status(`Imported ${what}.`);
    } catch (e) {
      error.textContent = describeError(e);
      status('Import failed.');
    } finally {
      sample.disabled = false;
    }
  };
  upload.addEventListener('change', () => {
    const file = upload.files?.[0];
    if (!file) return;
    void run(file.name, async () => {
      const name = file.name.toLowerCase();
      // Files go as their bytes: the server finds the encoding, the delimiter and a LinkedIn export.
      if (name.endsWith('.xlsx') || file.type === XLSX) return postBody(`/api/import?format=${encodeURIComponent(kind.value)}`, file, XLSX);
      if (name.endsWith('.csv') || file.type === 'text/csv') {
        return postBody(`/api/import?format=${encodeURIComponent(kind.value)}`, file, 'text/csv');
      }
      if (name.endsWith('.vcf') || file.type === 'text/vcard') return postBody('/api/import', file, 'text/vcard');
      const text = await file.text();
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        throw new Error(`${file.name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      return postBody('/api/import', doc);
    });
    upload.value = '';
  });
  sample.addEventListener('click', () => {
    void run('the sample network', async () => postBody('/api/import', await getJson('/api/map/sample')));
  });
}

function status(text: string): void {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
}
