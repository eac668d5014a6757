/**
 * The empty store's first screen: import a network document (JSON) or a CSV of people,
 * interactions or referrals, or load the bundled sample network. Everything goes through
 * POST /api/import, which is atomic: a bad file lists its problems and writes nothing.
 */
import { describeError, getJson, postBody } from '../api.js';
import { parseCsv } from '../csv.js';

const CSV_COLLECTIONS = { people: 'people', interactions: 'interactions', referrals: 'referrals' } as const;
type CsvKind = keyof typeof CSV_COLLECTIONS;

/** Numeric CSV columns; everything else stays text (tags split on ";"). */
const NUMERIC = new Set(['value']);

/** Turns CSV text into a one-collection network document. */
export function csvToDocument(text: string, kind: CsvKind): Record<string, unknown[]> {
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header || header.length === 0) throw new Error('the CSV file is empty');
  const records = body
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) => {
      const rec: Record<string, unknown> = {};
      header.forEach((col, i) => {
        const key = col.trim();
        const v = (r[i] ?? '').trim();
        if (!key || v === '') return;
        if (NUMERIC.has(key) && !Number.isNaN(Number(v))) rec[key] = Number(v);
        else if (key === 'tags') rec[key] = v.split(';').map((t) => t.trim()).filter(Boolean);
        else if (key.startsWith('attributes.')) ((rec.attributes ??= {}) as Record<string, string>)[key.slice(11)] = v;
        else rec[key] = v;
      });
      return rec;
    });
  return { [CSV_COLLECTIONS[kind]]: records };
}

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
      const text = await file.text();
      const isCsv = file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv';
      let doc: unknown;
      try {
        doc = isCsv ? csvToDocument(text, kind.value as CsvKind) : JSON.parse(text);
      } catch (e) {
        throw new Error(`${file.name} is not valid ${isCsv ? 'CSV' : 'JSON'}: ${e instanceof Error ? e.message : String(e)}`);
      }
      await postBody('/api/import', doc);
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
