/** The one format rule of the CLI and the browser's import dialog: by file name, then by content. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromContent } from '../../graph/importers/format-detection.js';
import { looksLikeLinkedInExport } from '../../graph/importers/linkedin.js';
import { fixture } from './helpers.js';

describe('detectFormat', () => {
  it.each([
    ['linkedin/Connections.csv', 'export.csv', 'linkedin'],
    ['vcard/outlook.vcf', 'contacts.txt', 'vcard'],
    ['csv/people.csv', 'sheet.csv', undefined],
    ['csv/interactions.csv', 'log.csv', undefined],
  ] as const)('when %s is named %s, then its content says %s', (path, name, expected) => {
    expect(detectFormat(name, fixture(path))).toBe(expected);
  });

  it('when the name says the format, then the name wins over the content', () => {
    expect(detectFormat('Connections (2).csv', 'Name,Email\nAnn,a@x.example\n')).toBe('linkedin');
    expect(detectFormat('people.json', 'BEGIN:VCARD')).toBe('json');
  });

  it('when a LinkedIn export has its Notes lines, a BOM and quoted headers, then it is still LinkedIn', () => {
    const text = '\uFEFFNotes:\n"When exporting your connection data, you may notice..."\n\n"First Name","Last Name","URL","Email Address","Company","Position","Connected On"\nAnn,Archer,,,,,01 Nov 2026\n';
    expect(formatFromContent(text)).toBe('linkedin');
  });

  it('when a CSV has any other header, then only the user can say what it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z ]{1,12}$/), { minLength: 1, maxLength: 8 }), (header) => {
        fc.pre(!header.some((h) => /^\s*first name\s*$/i.test(h)));
        expect(formatFromContent(`${header.join(',')}\n1,2\n`)).toBeUndefined();
      }),
    );
  });
});

describe('a LinkedIn export saved in other shapes', () => {
  const rows = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'],
    ['Ann', 'Archer', 'https://www.linkedin.com/in/ann-archer', '', 'Acme', 'CTO', '01 Nov 2026'],
    ['Bo', 'Berg', '', 'bo@example.org', 'Bolt', 'CEO', '02 Nov 2026'],
  ];
  const shape = (sep: string, eol: string) => rows.map((r) => (Array.isArray(r) ? r.join(sep) : r)).join(eol) + eol;
  const SHAPES = [
    ['lone CR line endings (old Mac)', ',', '\r'],
    ['semicolons (a spreadsheet in a comma-decimal locale)', ';', '\r\n'],
    ['semicolons and lone CR', ';', '\r'],
    ['tabs', '\t', '\n'],
  ] as const;

  it.each(SHAPES)('when it has %s, then the CLI and dialog rule and the server importer both say LinkedIn', (_, sep, eol) => {
    const text = shape(sep, eol);
    expect(detectFormat('export.csv', text)).toBe('linkedin');
    expect(formatFromContent(`\uFEFF${text}`)).toBe('linkedin');
    expect(looksLikeLinkedInExport(text)).toBe(true);
  });

  it.each(SHAPES)('when a people list has %s, then neither calls it LinkedIn', (_, sep, eol) => {
    const text = [['Name', 'Email', 'Connected On'].join(sep), ['Ann Archer', 'ann@example.org', '2026-11-01'].join(sep)].join(eol);
    expect(formatFromContent(text)).toBeUndefined();
    expect(looksLikeLinkedInExport(text)).toBe(false);
  });

  it('when any header line is tried, then the CLI rule and the server rule agree', () => {
    const cell = fc.constantFrom('First Name', 'last name', 'Connected On', 'URL', 'Email', 'Company', '"First Name"', ' Last Name ');
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 7 }), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r', '\r\n'), (header, sep, eol) => {
        const text = `Notes:${eol}${eol}${header.join(sep)}${eol}a${sep}b${eol}`;
        expect(formatFromContent(text) === 'linkedin').toBe(looksLikeLinkedInExport(text));
      }),
    );
  });
});
