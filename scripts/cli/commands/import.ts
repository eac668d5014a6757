/** `refnet import FILE`: LinkedIn, vCard, people/interactions/referrals CSV, or a network document. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ImportFormatError } from '../../../graph/importers/drafts.js';
import { detectFormat, fileText, IMPORT_FORMATS, refuseNulText, type ImportFormat } from '../../../graph/importers/formats.js';
import type { FileImportReport } from '../../../graph/importers/report.js';
import { collectionLabel } from '../../../graph/schema.js';
import { backendFor, type GlobalOptions } from '../backend.js';
import { CliError, EXIT_USAGE, usageError } from '../errors.js';
import { unreadableFile } from '../failures.js';
import { checkJsonFileText } from '../json-file.js';
import { capped, count, keyValues, printJson, say, table, idColumn } from '../output.js';
import { progressBar, uploadBar } from '../progress.js';

interface ImportOptions {
  format?: ImportFormat;
  map?: string;
  dryRun?: boolean;
  owner?: string;
  shared?: boolean;
  update?: 'fill' | 'overwrite';
  dateOrder?: 'dmy' | 'mdy';
  progress?: boolean;
}

export function registerImport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description('import a file: LinkedIn Connections.csv, vCard (.vcf), people/interactions/referrals CSV (comma, semicolon or tab) or Excel .xlsx, or a network document (.json)')
    .argument('<file>', 'the file to import')
    .option('-f, --format <format>', `one of ${IMPORT_FORMATS.join(', ')} (guessed from .vcf, .json, Connections*.csv, .xlsx (people unless it holds a LinkedIn export), or a vCard, JSON or LinkedIn header inside)`)
    .option('-m, --map <mapping>', 'CSV column mapping, e.g. "name=Full Name,email=E-mail,attr.club=Club"')
    .option('-n, --dry-run', 'show what would change without writing anything')
    .option('--owner <person>', 'whose contacts these are (id, email or name): each LinkedIn connection becomes a "met" interaction with them, and the new people are their private contacts')
    .option('--shared', 'LinkedIn/vCard: the new people join the shared network instead of being the owner\'s private contacts')
    .option('--update <policy>', 'fill: stored values win and only empty fields are filled (default); overwrite: file values win')
    .option('--date-order <order>', 'for ambiguous slash dates like 03/04/2024: dmy or mdy')
    .option('--progress', 'show the progress bar even when stderr is not a terminal (through a server: the bytes of the file sent)')
    .option('--no-progress', 'never show the progress bar')
    .addHelpText('after', '\nExamples:\n  refnet import ~/Downloads/Connections.csv --dry-run\n  refnet import contacts.vcf\n  refnet import members.xlsx\n  refnet import members.csv -f people --map "name=Full Name,email=E-mail"\n  refnet import slips.csv -f referrals --date-order dmy')
    .action(async (file: string, opts: ImportOptions) => {
      const g = globals();
      if (opts.format && !IMPORT_FORMATS.includes(opts.format)) throw usageError(`unknown format "${opts.format}"`, `use one of ${IMPORT_FORMATS.join(', ')}`);
      // commander passes what was typed, whatever the declared type says: checked here.
      if (opts.update && opts.update !== 'fill' && opts.update !== 'overwrite') throw usageError(`--update must be fill or overwrite, got "${opts.update as string}"`);
      if (opts.dateOrder && opts.dateOrder !== 'dmy' && opts.dateOrder !== 'mdy') throw usageError(`--date-order must be dmy or mdy, got "${opts.dateOrder as string}"`);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (err) {
        throw unreadableFile(file, err);
      }
      // An .xlsx workbook becomes its first sheet as CSV text, like the file Excel would save.
      let text: string;
      try {
        text = await fileText(bytes);
        // Before the format is guessed from the text: a UTF-16 file not recognised reads as no format at all.
        refuseNulText(text);
      } catch (err) {
        if (err instanceof ImportFormatError) throw usageError(`${file}: ${err.message}`, err.hint ?? 'save the sheet as .xlsx or CSV and import it again');
        throw err;
      }
      const format = opts.format ?? detectFormat(file, text);
      if (!format) throw usageError(`cannot tell the format of ${file}`, `pass --format (${IMPORT_FORMATS.join(', ')})`);
      // The one command that may create the data directory: it brings the data (a dry run does not).
      const backend = backendFor(g, { creates: true, dryRun: !!opts.dryRun });
      try {
        if (format === 'json') {
          if (opts.dryRun) throw usageError('--dry-run is available for CSV and vCard files, not network documents');
          checkJsonFileText(file, text, 'a network document is the JSON that `refnet export` writes; nothing was imported');
          const upload = uploadBar(backend.remote && (opts.progress ?? process.stderr.isTTY), 'uploading json');
          let report: unknown;
          try {
            report = await backend.importDocument(text, (sent, total) => upload.sent(sent, total));
          } finally {
            upload.stop();
          }
          if (g.json) printJson(report);
          else say(`Imported ${file} into the ${backend.describe}.\n${keyValues(Object.entries((report as { created?: Record<string, number> }).created ?? {}).map(([k, v]) => [`created ${collectionLabel(k)}`, v]))}`);
          return;
        }
        // Embedded: the phases of the work this process does. Through a server: the bytes sent to it.
        const show = opts.progress ?? process.stderr.isTTY;
        const bar = progressBar(show && !backend.remote, `importing ${format}`);
        const upload = uploadBar(show && backend.remote, `importing ${format}`);
        let report: FileImportReport;
        try {
          report = await backend.importFile(format, text, {
            ...(opts.map !== undefined && { map: opts.map }),
            ...(opts.owner && { owner: opts.owner }),
            ...(opts.shared && { shared: true }),
            ...(opts.update && { update: opts.update }),
            ...(opts.dateOrder && { dateOrder: opts.dateOrder }),
            dryRun: !!opts.dryRun,
            onProgress: (phase, f) => bar.update(phase, f),
          }, (sent, total) => upload.sent(sent, total));
        } finally {
          bar.stop();
          upload.stop();
        }
        if (g.json) printJson(report);
        else printReport(file, report, backend.describe);
        // The report is printed first (skipped rows and all); then a script learns from the exit code.
        const nothing = nothingImported(file, report);
        if (nothing) throw nothing;
      } catch (err) {
        // The option at fault as this command spells it (format, map and owner are --format, --map, --owner).
        if (err instanceof ImportFormatError) throw usageError(err.option ? `--${err.option}: ${err.message}` : err.message, err.hint ?? 'see `refnet import --help` for formats and --map');
        throw err;
      } finally {
        await backend.close();
      }
    });
}

/**
 * The one rule for an import that imports nothing: every row skipped is invalid input (exit 2,
 * docs/CLI.md), in a dry run as in the import itself; anything imported (matched rows included) is
 * exit 0, with the skipped rows listed. A file with no rows at all is refused before it is planned
 * (graph/importers/formats.ts noRecords); a server from before that answers with a report of no
 * rows, which exits 2 here too.
 */
export function nothingImported(file: string, r: FileImportReport): CliError | undefined {
  if (r.rows.imported > 0) return undefined;
  const would = r.dryRun ? 'would be' : 'was';
  if (r.rows.read === 0) return new CliError(`nothing ${would} imported: ${file} holds no rows`, EXIT_USAGE, 'check that it is the file you meant; a CSV needs its header line and at least one row below it');
  return new CliError(
    `nothing ${would} imported from ${file}: ${r.rows.read === 1 ? 'its one row was' : `all ${count(r.rows.read, 'row')} were`} skipped`,
    EXIT_USAGE,
    'fix the rows listed with their reasons (or the --format / --map that reads them) and run it again',
  );
}

function printReport(file: string, r: FileImportReport, where: string): void {
  const none = r.rows.imported === 0;
  // A server from before the ambiguous list sends none.
  const ambiguous = r.ambiguous ?? [];
  say(
    r.dryRun
      ? `Dry run of ${file} (${r.format}) against the ${where}: nothing was written${none ? ', and nothing would be imported' : ''}.`
      : none
        ? `Nothing imported from ${file} (${r.format}) into the ${where}.`
        : `Imported ${file} (${r.format}) into the ${where}.`,
  );
  say();
  say(
    table(
      ['', 'created', 'updated', 'unchanged'],
      [
        ['people', r.people.created, r.people.updated, r.people.unchanged],
        ['interactions', r.interactions.created, r.interactions.updated, r.interactions.unchanged],
        ['referrals', r.referrals.created, r.referrals.updated, r.referrals.unchanged],
      ],
    ),
  );
  say();
  say(
    keyValues([
      ['rows read', r.rows.read],
      ['rows imported', r.rows.imported],
      ['rows skipped', r.rows.skipped],
      ['rows ambiguous (not imported)', ambiguous.reduce((n, a) => n + a.rows.length, 0)],
      ['duplicates merged in file', r.duplicates.withinImport],
      ['matched existing people', r.duplicates.intoExisting],
    ]),
  );
  // Ambiguous rows are skipped rows too, listed on their own with the people they could be.
  const ambiguousRows = new Set(ambiguous.flatMap((a) => a.rows));
  const skipped = r.skipped.filter((s) => !ambiguousRows.has(s.row));
  if (ambiguous.length) {
    const { shown, more } = capped(ambiguous, 15);
    say('\nAmbiguous, not imported (each matched several people equally well; add it to the right one by hand):');
    say(
      table(
        ['rows', 'name', 'matched on', 'could be'],
        shown.map((a) => [a.rows.join(','), a.name, a.matchedOn, a.candidates.map((c) => `${c.name} (${c.id}${c.existing ? '' : `, row ${c.rows.join(',')}`}; ${c.key})`).join('; ')]),
      ),
    );
    if (more) say(more);
  }
  if (skipped.length) {
    const { shown, more } = capped(skipped, 20);
    say('\nSkipped rows:');
    say(table(['row', 'reason'], shown.map((s) => [s.row, s.reason])));
    if (more) say(more);
  }
  if (r.warnings.length) {
    const { shown, more } = capped(r.warnings, 10);
    say('\nWarnings:');
    say(table(['row', 'warning'], shown.map((w) => [w.row, w.message])));
    if (more) say(more);
  }
  const merges = r.merges.filter((m) => m.rows.length > 1 || m.conflicts.length > 0 || m.existing);
  if (merges.length) {
    const { shown, more } = capped(merges, 15);
    say('\nMerged:');
    say(
      table(
        ['person', idColumn('id'), 'rows', 'into', 'matched on', 'conflicts'],
        shown.map((m) => [m.name, m.id, m.rows.join(','), m.existing ? 'existing' : 'new', m.matchedOn.join(', '), m.conflicts.map((c) => `${c.field}: kept "${c.kept}", not "${c.ignored}"`).join('; ')]),
      ),
    );
    if (more) say(more);
  }
  if (r.dryRun) {
    const changing = r.changes.filter((c) => c.op !== 'unchanged');
    if (changing.length) {
      const { shown, more } = capped(changing, 25);
      say('\nWould change:');
      say(table(['op', 'kind', idColumn('id'), 'who', 'fields'], shown.map((c) => [c.op, c.kind, c.id, c.label, c.fields?.join(', ')])));
      if (more) say(more);
    }
    if (!none) say('\nRun the same command without --dry-run to apply it.');
  } else if (r.rows.skipped > 0 && !none) {
    say('\nFix the skipped rows in the file and import it again: rows already imported are matched, not duplicated.');
  }
}
