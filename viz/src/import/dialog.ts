/**
 * Import from any page: the nav's "Import" button opens this dialog. The format is detected from
 * the file as the CLI detects it (graph/importers/format-detection.ts), the person the export
 * belongs to defaults to "me" (GET /api/me), and the file goes first as a dry run
 * (POST /api/import?dryRun=true: the server's own checks, permissions included) whose report —
 * created, merged, skipped rows with reasons — is shown before anything is written; "Import now"
 * writes it and shows the report again. Pages that show data listen for `refnet:imported`.
 */
import { z } from 'zod';
import { detectFormat, IMPORT_FORMATS, type ImportFormat } from '../../../graph/importers/format-detection.js';
import type { FileImportReport } from '../../../graph/importers/report.js';
import { ApiError, describeError, getJson, getMe, postFile } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, clearOnEdit, field, result, showErrors, zodIssues, type Issue } from '../form-errors.js';
import { IMPORTED_EVENT } from './events.js';
import { renderReport, type DocumentReport } from './report-view.js';
import './import.css';


const FORMAT_LABELS: Record<ImportFormat, string> = {
  linkedin: 'LinkedIn connections (Connections.csv)',
  vcard: 'vCard contacts (.vcf)',
  people: 'CSV of people',
  interactions: 'CSV of interactions',
  referrals: 'CSV of referrals',
  json: 'refnet network document (.json)',
};

/** What the dialog sends, checked before anything goes to the server. */
const importFormSchema = z.object({
  file: z.string({ error: 'choose a file' }).min(1, 'choose a file'),
  format: z.enum(IMPORT_FORMATS, { error: 'say what the file holds: it cannot be told from the file' }),
  owner: z.string().trim().max(300, 'at most 300 characters').optional(),
});
type ImportForm = z.infer<typeof importFormSchema>;

/** Problem paths of POST /api/import and the dialog field they are about. */
const FIELD_OF: Record<string, string> = { 'query/owner': 'owner', 'query/format': 'format', 'query/map': 'format', body: 'file', '': 'file' };

const CONTENT_TYPE: Record<Exclude<ImportFormat, 'json'>, string> = { linkedin: 'text/csv', people: 'text/csv', interactions: 'text/csv', referrals: 'text/csv', vcard: 'text/vcard' };

function importUrl(f: ImportForm, dryRun: boolean): string {
  const q = new URLSearchParams();
  if (f.format !== 'vcard') q.set('format', f.format);
  if (f.owner) q.set('owner', f.owner);
  if (dryRun) q.set('dryRun', 'true');
  return `/api/import?${q.toString()}`;
}

function buildDialog(): HTMLDialogElement {
  const formats = h('select', { name: 'format', required: true }, h('option', { value: '', text: 'choose…' }), ...IMPORT_FORMATS.map((f) => h('option', { value: f, text: FORMAT_LABELS[f] })));
  const form = h(
    'form',
    { id: 'import-form', method: 'dialog', novalidate: true },
    h('h2', { text: 'Import contacts or records' }),
    h('label', {}, 'File', h('input', { name: 'file', type: 'file', accept: '.csv,.vcf,.vcard,.json,.txt,text/csv,text/vcard,application/json' })),
    h('label', {}, 'The file holds', formats),
    h('p', { class: 'hint', 'data-testid': 'detected' }),
    h('label', { 'data-owner': true }, 'Whose contacts these are', h('input', { name: 'owner', dir: 'auto', autocomplete: 'off', placeholder: 'a person: id, email or name' }), h('small', { class: 'hint', text: 'Each contact is tied to this person (a "met" interaction). Leave empty to import the people alone.' })),
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { type: 'submit', name: 'check', text: 'Check (dry run)' }),
      h('button', { type: 'button', name: 'apply', hidden: true, text: 'Import now' }),
      h('button', { type: 'button', name: 'close', class: 'secondary', text: 'Close' }),
    ),
    h('p', { class: 'result', role: 'status' }),
    h('div', { class: 'import-report', 'data-testid': 'import-report', 'aria-live': 'polite' }),
  );
  const dialog = h('dialog', { id: 'import-dialog', class: 'import-dialog', 'aria-labelledby': 'import-title' }, form);
  form.querySelector('h2')!.id = 'import-title';
  document.body.append(dialog);
  return dialog;
}

/** Adds the dialog to the page and opens it from every `[data-import-open]` control. */
export function setUpImportDialog(): void {
  const openers = document.querySelectorAll<HTMLElement>('[data-import-open]');
  if (!openers.length) return;
  let dialog: HTMLDialogElement | undefined;
  const open = () => {
    dialog ??= wire(buildDialog());
    dialog.showModal();
    void defaultOwner(dialog);
  };
  openers.forEach((el) => el.addEventListener('click', open));
}

/**
 * "Me" as the owner, unless someone was typed already. The field shows the name; the id it
 * stands for is sent while the name is left as it is (names need not be unique).
 */
async function defaultOwner(dialog: HTMLDialogElement): Promise<void> {
  const owner = dialog.querySelector<HTMLInputElement>('[name=owner]')!;
  if (owner.value || owner.dataset.edited) return;
  const me = await getMe().catch(() => undefined);
  const id = me?.person ?? new URLSearchParams(location.search).get('me') ?? localStorage.getItem('refnet.me');
  if (!id) return;
  const name = me?.person === id && me.name ? me.name : await getJson<{ name: string }>(`/api/people/${encodeURIComponent(id)}`).then((p) => p.name, () => id);
  if (owner.value || owner.dataset.edited) return;
  owner.value = owner.dataset.name = name;
  owner.dataset.id = id;
}

/** The owner to send: the id behind the name shown, or what was typed. */
function ownerOf(owner: HTMLInputElement): string | undefined {
  const typed = owner.value.trim();
  if (!typed) return undefined;
  return typed === owner.dataset.name && owner.dataset.id ? owner.dataset.id : typed;
}

function wire(dialog: HTMLDialogElement): HTMLDialogElement {
  const form = dialog.querySelector('form')!;
  const fileInput = field(form, 'file') as HTMLInputElement;
  const format = field(form, 'format') as HTMLSelectElement;
  const owner = field(form, 'owner') as HTMLInputElement;
  const apply = form.querySelector<HTMLButtonElement>('[name=apply]')!;
  const check = form.querySelector<HTMLButtonElement>('[name=check]')!;
  const detected = form.querySelector<HTMLElement>('[data-testid=detected]')!;
  const report = form.querySelector<HTMLElement>('.import-report')!;
  const ownerRow = form.querySelector<HTMLElement>('[data-owner]')!;
  clearOnEdit(form);
  owner.addEventListener('input', () => (owner.dataset.edited = 'true'));
  form.querySelector('[name=close]')!.addEventListener('click', () => dialog.close());

  /** A change of file or format invalidates the dry run shown. */
  const reset = () => {
    apply.hidden = true;
    report.replaceChildren();
    ownerRow.hidden = format.value === 'json';
    check.textContent = format.value === 'json' ? 'Check' : 'Check (dry run)';
  };
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    reset();
    detected.textContent = '';
    if (!file) return;
    void file
      .slice(0, 8192)
      .text()
      .then((head) => {
        const guess = detectFormat(file.name, head);
        format.value = guess ?? '';
        detected.textContent = guess ? `Detected from the file: ${FORMAT_LABELS[guess]}.` : 'This CSV could hold people, interactions or referrals: say which.';
        reset();
      });
  });
  format.addEventListener('change', reset);

  const read = (): ImportForm | undefined => {
    clearErrors(form);
    const parsed = importFormSchema.safeParse({ file: fileInput.files?.[0]?.name ?? '', format: format.value || undefined, owner: format.value === 'json' ? undefined : ownerOf(owner) });
    if (parsed.success) return parsed.data;
    showErrors(form, zodIssues(parsed.error), FIELD_OF);
    return undefined;
  };

  const send = async (f: ImportForm, dryRun: boolean): Promise<FileImportReport | DocumentReport> => {
    const file = fileInput.files![0]!;
    if (f.format === 'json') return postFile<DocumentReport>('/api/import', file, 'application/json');
    return postFile<FileImportReport>(importUrl(f, dryRun), file, CONTENT_TYPE[f.format]);
  };

  const run = async (dryRun: boolean) => {
    const f = read();
    if (!f) return;
    check.disabled = apply.disabled = true;
    result(form, dryRun ? 'Checking…' : 'Importing…');
    try {
      if (f.format === 'json' && dryRun) {
        // The network document route has no dry run: it is all or nothing, every problem listed.
        report.replaceChildren(h('p', { text: 'A network document is imported all or nothing: if any record is wrong, every problem is listed and nothing is written.' }));
        apply.hidden = false;
        result(form, 'Ready: import it to write it.');
        return;
      }
      const answer = await send(f, dryRun);
      report.replaceChildren(renderReport(answer, dryRun));
      apply.hidden = !dryRun;
      result(form, dryRun ? 'Nothing written yet: check the report, then import.' : 'Imported.');
      if (!dryRun) window.dispatchEvent(new CustomEvent(IMPORTED_EVENT));
    } catch (err) {
      apply.hidden = true;
      report.replaceChildren();
      const errors = err instanceof ApiError ? err.problem?.errors : undefined;
      // Problems about the file or an option go next to their field; a document's record problems are listed.
      const aboutFields = Array.isArray(errors) && errors.length > 0 && errors.every((e) => Object.hasOwn(FIELD_OF, String((e as Issue).path).replace(/^\//, '')));
      if (aboutFields) {
        clearErrors(form);
        showErrors(form, errors as Issue[], FIELD_OF);
      } else result(form, describeError(err), true);
    } finally {
      check.disabled = apply.disabled = false;
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(true);
  });
  apply.addEventListener('click', () => void run(false));
  return dialog;
}
