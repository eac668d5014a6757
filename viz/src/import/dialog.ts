/**
 * Import from any page: the nav's "Import" button opens this dialog. The format is detected from
 * the file as the CLI detects it (graph/importers/format-detection.ts), a file that is no import
 * (an image, an old .xls) is refused in words before anything is sent, and a people, interactions
 * or referrals CSV shows the column each field is read from, which the user may change (the `map`
 * option, columns.ts). The person the export belongs to defaults to "me" (GET /api/me), and the
 * file goes first as a dry run (POST /api/import?dryRun=true: the server's own checks, permissions
 * included) whose report — created, updated, skipped rows with reasons, records by name — is shown
 * before anything is written; "Import now" writes exactly what was checked (any change to the
 * file or an option asks for a new check) and shows the report again. While a request runs the
 * dialog shows how long it has taken and offers Cancel. Pages that show data listen for
 * `refnet:imported`.
 */
import { z } from 'zod';
import { IMPORT_FORMATS, XLSX_CONTENT_TYPE, type ImportFormat } from '../../../graph/importers/format-detection.js';
import type { FileImportReport } from '../../../graph/importers/report.js';
import { ApiError, describeError, getJson, getMe, postFile } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, clearOnEdit, field, result, showErrors, zodIssues, type Issue } from '../form-errors.js';
import { columnsView, isCsvKind } from './columns.js';
import { IMPORTED_EVENT } from './events.js';
import { readFileHead, type FileHead } from './file-head.js';
import { documentProblems, renderReport, type DocumentProblem, type DocumentRecords, type DocumentReport } from './report-view.js';
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
  map: z.string().max(4000, 'at most 4000 characters').optional(),
  update: z.enum(['fill', 'overwrite']).optional(),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  shared: z.boolean().optional(),
});
type ImportForm = z.infer<typeof importFormSchema>;

/** Problem paths of POST /api/import and the dialog field they are about. */
const FIELD_OF: Record<string, string> = {
  'query/owner': 'owner',
  'query/format': 'format',
  'query/map': 'map',
  'query/update': 'update',
  'query/dateOrder': 'dateOrder',
  'query/shared': 'shared',
  body: 'file',
  '': 'file',
};

const CONTENT_TYPE: Record<Exclude<ImportFormat, 'json'>, string> = { linkedin: 'text/csv', people: 'text/csv', interactions: 'text/csv', referrals: 'text/csv', vcard: 'text/vcard' };

/** A network document read back for naming the records its problems are about, up to this size. */
const NAMED_PROBLEMS_MAX_BYTES = 20 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const sizeWords = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : megabytes(bytes));

function importUrl(f: ImportForm, dryRun: boolean): string {
  const q = new URLSearchParams();
  if (f.format !== 'vcard') q.set('format', f.format);
  if (f.owner) q.set('owner', f.owner);
  if (f.map) q.set('map', f.map);
  if (f.update) q.set('update', f.update);
  if (f.dateOrder) q.set('dateOrder', f.dateOrder);
  if (f.shared) q.set('shared', 'true');
  if (dryRun) q.set('dryRun', 'true');
  return `/api/import?${q.toString()}`;
}

function select(name: string, options: [string, string][]): HTMLSelectElement {
  return h('select', { name }, ...options.map(([value, text]) => h('option', { value, text })));
}

function buildDialog(columns: HTMLElement): HTMLDialogElement {
  const formats = h('select', { name: 'format', required: true }, h('option', { value: '', text: 'choose…' }), ...IMPORT_FORMATS.map((f) => h('option', { value: f, text: FORMAT_LABELS[f] })));
  const form = h(
    'form',
    { id: 'import-form', method: 'dialog', novalidate: true },
    h('h2', { text: 'Import contacts or records' }),
    h('label', {}, 'File', h('input', { name: 'file', type: 'file', accept: '.csv,.tsv,.txt,.vcf,.vcard,.json,.xlsx,text/csv,text/vcard,application/json,' + XLSX_CONTENT_TYPE })),
    h('label', {}, 'The file holds', formats),
    h('p', { class: 'hint', 'data-testid': 'detected' }),
    columns,
    h(
      'label',
      { 'data-map-text': true, hidden: true },
      'Column mapping (optional)',
      h('input', { name: 'map', dir: 'auto', autocomplete: 'off', placeholder: 'name=Full Name,email=E-mail,attr.club=Club' }),
      h('small', { class: 'hint', text: 'Columns named otherwise than refnet recognises: field=Column, separated by commas; attr.KEY=Column keeps a column as an attribute.' }),
    ),
    h('label', { 'data-owner': true }, 'Whose contacts these are', h('input', { name: 'owner', dir: 'auto', autocomplete: 'off', placeholder: 'a person: id, email or name' }), h('small', { class: 'hint', text: 'Each contact is tied to this person (a "met" interaction). Leave empty to import the people alone.' })),
    h('label', { class: 'check', 'data-shared': true }, h('input', { name: 'shared', type: 'checkbox' }), 'Add the new people to the shared network (else they are private contacts of the person above)'),
    h('label', { 'data-update': true }, 'People already stored', select('update', [['fill', 'keep their values, fill only empty fields'], ['overwrite', "take the file's values"]])),
    h('label', { 'data-date-order': true }, 'Dates such as 03/04/2024 are', select('dateOrder', [['', 'unambiguous in this file'], ['dmy', 'day first (3 April)'], ['mdy', 'month first (March 4)']])),
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { type: 'submit', name: 'check', text: 'Check (dry run)' }),
      h('button', { type: 'button', name: 'apply', hidden: true, text: 'Import now' }),
      h('button', { type: 'button', name: 'cancel', hidden: true, text: 'Cancel' }),
      h('button', { type: 'button', name: 'close', class: 'secondary', text: 'Close' }),
    ),
    h('p', { class: 'progress', 'data-testid': 'progress', hidden: true }, h('progress', {}), h('span', {})),
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
    dialog ??= wire();
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

/** A failure to send the file, in words: one too large for the server, a connection that broke off. */
function sendFailureWords(err: unknown, file: File): string | undefined {
  if (err instanceof ApiError && err.status === 413) {
    const limit = /limit here is (\d+) bytes/.exec(err.message)?.[1];
    const most = limit === undefined ? 'the largest file the server accepts' : `the server accepts at most ${megabytes(Number(limit))}`;
    return `${file.name} is ${megabytes(file.size)}; ${most}. Split it into smaller files and import each, or ask the administrator to raise the server's BODY_LIMIT. Nothing was imported.`;
  }
  if (err instanceof TypeError) return `${file.name} could not be sent: the connection to the server broke off (${err.message}). Nothing was imported if this was a check; check again to see whether an import went through.`;
  return undefined;
}

/** The records of a refused document, to name those its problems are about; undefined when it is too large or unreadable. */
async function documentRecords(file: File): Promise<DocumentRecords | undefined> {
  if (file.size > NAMED_PROBLEMS_MAX_BYTES) return undefined;
  try {
    const doc: unknown = JSON.parse(await file.text());
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as DocumentRecords) : undefined;
  } catch {
    return undefined;
  }
}

function wire(): HTMLDialogElement {
  const columns = columnsView();
  const dialog = buildDialog(columns.element);
  const form = dialog.querySelector('form')!;
  const fileInput = field(form, 'file') as HTMLInputElement;
  const format = field(form, 'format') as HTMLSelectElement;
  const owner = field(form, 'owner') as HTMLInputElement;
  const mapText = field(form, 'map') as HTMLInputElement;
  const shared = field(form, 'shared') as HTMLInputElement;
  const update = field(form, 'update') as HTMLSelectElement;
  const dateOrder = field(form, 'dateOrder') as HTMLSelectElement;
  const apply = form.querySelector<HTMLButtonElement>('[name=apply]')!;
  const check = form.querySelector<HTMLButtonElement>('[name=check]')!;
  const cancel = form.querySelector<HTMLButtonElement>('[name=cancel]')!;
  const detected = form.querySelector<HTMLElement>('[data-testid=detected]')!;
  const report = form.querySelector<HTMLElement>('.import-report')!;
  const progress = form.querySelector<HTMLElement>('[data-testid=progress]')!;
  const row = (name: string) => form.querySelector<HTMLElement>(`[data-${name}]`)!;
  clearOnEdit(form);
  owner.addEventListener('input', () => (owner.dataset.edited = 'true'));
  form.querySelector('[name=close]')!.addEventListener('click', () => dialog.close());

  let head: FileHead | undefined;
  /** the request running, to stop waiting for it (Cancel, a new file, closing during a check) */
  let running: { controller: AbortController; dryRun: boolean; why?: 'cancel' | 'superseded' } | undefined;

  const stop = (why: 'cancel' | 'superseded') => {
    if (!running) return;
    running.why = why;
    running.controller.abort();
  };

  /** Shows the options of the chosen format; a change of file, format or option invalidates the dry run shown. */
  const reset = () => {
    if (running?.dryRun) stop('superseded');
    apply.hidden = true;
    report.replaceChildren();
    const f = format.value;
    const csv = isCsvKind(f);
    row('owner').hidden = f === 'json';
    row('shared').hidden = f !== 'linkedin' && f !== 'vcard';
    row('update').hidden = f === 'json' || f === '';
    row('date-order').hidden = !csv;
    row('map-text').hidden = !(csv && head?.xlsx);
    check.textContent = f === 'json' ? 'Check' : 'Check (dry run)';
  };
  const showColumns = () => columns.show(format.value, head?.header ?? []);

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    head = undefined;
    clearErrors(form);
    detected.textContent = '';
    showColumns();
    reset();
    if (!file) return;
    void readFileHead(file).then((read) => {
      if (fileInput.files?.[0] !== file) return; // another file was chosen meanwhile
      head = read;
      if (read.refusal) {
        format.value = '';
        showErrors(form, [{ path: '/file', message: read.refusal }]);
      } else {
        format.value = read.format ?? '';
        detected.textContent = read.format
          ? `Detected from the file: ${read.xlsx ? `an Excel workbook, read as ${FORMAT_LABELS[read.format]} (change it if it holds another kind of record)` : FORMAT_LABELS[read.format]}.`
          : 'This CSV could hold people, interactions or referrals: say which.';
      }
      showColumns();
      reset();
    });
  });
  format.addEventListener('change', () => {
    showColumns();
    reset();
  });
  // Any other change (owner, options, columns) asks for a new check before "Import now" writes.
  form.addEventListener('input', (e) => {
    if (e.target !== fileInput && e.target !== format) reset();
  });
  form.addEventListener('change', (e) => {
    if (e.target !== fileInput && e.target !== format) reset();
  });

  const read = (): ImportForm | undefined => {
    clearErrors(form);
    if (head?.refusal) {
      showErrors(form, [{ path: '/file', message: head.refusal }]);
      return undefined;
    }
    const f = format.value;
    const parsed = importFormSchema.safeParse({
      file: fileInput.files?.[0]?.name ?? '',
      format: f || undefined,
      owner: f === 'json' ? undefined : ownerOf(owner),
      map: !isCsvKind(f) ? undefined : head?.xlsx ? mapText.value.trim() || undefined : columns.map(),
      update: f === 'json' || update.value === 'fill' ? undefined : update.value,
      dateOrder: isCsvKind(f) && dateOrder.value ? dateOrder.value : undefined,
      shared: (f === 'linkedin' || f === 'vcard') && shared.checked ? true : undefined,
    });
    const issues = parsed.success ? columns.missing() : [...zodIssues(parsed.error), ...columns.missing()];
    if (parsed.success && issues.length === 0) return parsed.data;
    showErrors(form, issues, FIELD_OF);
    return undefined;
  };

  const send = async (f: ImportForm, file: File, dryRun: boolean, signal: AbortSignal): Promise<FileImportReport | DocumentReport> => {
    if (f.format === 'json') return postFile<DocumentReport>('/api/import', file, 'application/json', signal);
    return postFile<FileImportReport>(importUrl(f, dryRun), file, head?.xlsx ? XLSX_CONTENT_TYPE : CONTENT_TYPE[f.format], signal);
  };

  /** "Checking people.csv (2.1 MB)… 4 s", ticking while the request runs; returns the stop. */
  const showProgress = (file: File, dryRun: boolean): (() => void) => {
    const started = Date.now();
    const words = progress.querySelector('span')!;
    const tick = () => {
      const s = Math.round((Date.now() - started) / 1000);
      words.textContent = ` ${dryRun ? 'Checking' : 'Importing'} ${file.name} (${sizeWords(file.size)})… ${s} s${dryRun ? '' : ' — closing this dialog does not stop the import; the page refreshes when it is done'}`;
    };
    tick();
    progress.hidden = false;
    const timer = setInterval(tick, 1000);
    return () => {
      clearInterval(timer);
      progress.hidden = true;
    };
  };

  const run = async (dryRun: boolean) => {
    const f = read();
    const file = fileInput.files?.[0];
    if (!f || !file) return;
    if (f.format === 'json' && dryRun) {
      // The network document route has no dry run: it is all or nothing, every problem listed.
      report.replaceChildren(h('p', { text: 'A network document is imported all or nothing: if any record is wrong, every problem is listed and nothing is written.' }));
      apply.hidden = false;
      result(form, 'Ready: import it to write it.');
      return;
    }
    const mine = { controller: new AbortController(), dryRun } as NonNullable<typeof running>;
    running = mine;
    check.disabled = apply.disabled = true;
    cancel.hidden = false;
    apply.hidden = true;
    result(form, '');
    report.replaceChildren();
    const done = showProgress(file, dryRun);
    try {
      const answer = await send(f, file, dryRun, mine.controller.signal);
      report.replaceChildren(renderReport(answer, dryRun));
      apply.hidden = !dryRun;
      result(form, dryRun ? 'Nothing written yet: check the report, then import.' : 'Imported.');
      if (!dryRun) window.dispatchEvent(new CustomEvent(IMPORTED_EVENT));
    } catch (err) {
      apply.hidden = true;
      report.replaceChildren();
      if (mine.controller.signal.aborted) {
        if (mine.why === 'cancel') {
          result(form, dryRun ? 'Cancelled: nothing was written.' : 'Stopped waiting. The server may already have the whole file and import it: check again to see what is stored now.', !dryRun);
          if (!dryRun) window.dispatchEvent(new CustomEvent(IMPORTED_EVENT));
        }
        return;
      }
      const errors = err instanceof ApiError ? err.problem?.errors : undefined;
      const failed = sendFailureWords(err, file);
      // Problems about the file or an option go next to their field; a document's record problems are listed, each by its record.
      const aboutFields = Array.isArray(errors) && errors.length > 0 && errors.every((e) => Object.hasOwn(FIELD_OF, String((e as Issue).path).replace(/^\//, '')));
      if (failed !== undefined) result(form, failed, true);
      else if (aboutFields) {
        clearErrors(form);
        showErrors(form, (errors as Issue[]).map((e) => (e.path === '/query/map' && !head?.xlsx ? { ...e, path: '' } : e)), FIELD_OF);
      } else if (f.format === 'json' && Array.isArray(errors) && errors.length > 0) {
        const counted = err instanceof ApiError ? err.problem?.errorsOmitted : undefined;
        const omitted = typeof counted === 'number' ? counted : 0;
        report.replaceChildren(documentProblems(errors as DocumentProblem[], omitted, await documentRecords(file)));
        result(form, 'Nothing was imported: fix the records listed below, then check again.', true);
      } else result(form, describeError(err), true);
    } finally {
      done();
      if (running === mine) running = undefined;
      cancel.hidden = running === undefined;
      check.disabled = apply.disabled = false;
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(true);
  });
  apply.addEventListener('click', () => void run(false));
  cancel.addEventListener('click', () => stop('cancel'));
  // Closing stops a check (nothing to write); an import goes on, and the page refreshes when it is done.
  dialog.addEventListener('close', () => {
    if (running?.dryRun) stop('cancel');
  });
  return dialog;
}
