/**
 * `refnet import FILE` recognises LinkedIn's connections export by its header whatever the file is
 * called and however it was saved (lone-CR line endings, ";" or tab separators): the same rule as
 * the server's importer (graph/importers/format-detection.ts), so the CLI reads it as LinkedIn
 * instead of asking for --format.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let ws: Awaited<ReturnType<typeof workspace>>;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(() => ws?.cleanup());

const rows = [
  ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'],
  ['Ann', 'Archer', 'https://www.linkedin.com/in/ann-archer', '', 'Acme', 'CTO', '01 Nov 2026'],
  ['Bo', 'Berg', '', 'bo@example.org', 'Bolt', 'CEO', '02 Nov 2026'],
];

describe('refnet import of a LinkedIn export not called Connections.csv', () => {
  it.each([
    ['lone CR line endings', ',', '\r'],
    ['semicolons', ';', '\r\n'],
    ['tabs and lone CR', '\t', '\r'],
  ])('when it has %s, then it is read as LinkedIn without --format', async (_, sep, eol) => {
    const file = join(ws.dir, `export-${sep === '\t' ? 'tab' : sep === ';' ? 'semi' : 'cr'}.csv`);
    await writeFile(file, `Notes:${eol}"Some emails may be missing."${eol}${eol}${rows.map((r) => r.join(sep)).join(eol)}${eol}`);
    const r = await ws.run(['--json', 'import', file, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { format: string; rows: { read: number; imported: number } };
    expect(report.format).toBe('linkedin');
    expect(report.rows).toMatchObject({ read: 2, imported: 2 });
  });
});
