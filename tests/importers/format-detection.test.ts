/** The one format rule of the CLI and the browser's import dialog: by file name, then by content. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromContent } from '../../graph/importers/format-detection.js';
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
