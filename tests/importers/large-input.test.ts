/**
 * Issue #11 item 3: inputs shaped like the quadratic-parsing attack (one property spread over
 * 200,000 lines, huge parameter lists, CSV chunk boundaries, one person on thousands of rows)
 * parse to the right result, and the time-sliced drivers give the same answer as the direct ones.
 * Timing is not asserted here: `npm run bench -- --only parsers` measures it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../graph/importers/csv-rows.js';
import { emptyParsed, type PersonDraft } from '../../graph/importers/drafts.js';
import { mergePeople } from '../../graph/importers/merge-people.js';
import { planFileImport, planFileImportSteps } from '../../graph/importers/plan.js';
import { MAX_LINE, parseVCardText, quotedPrintableBytes, vCardSteps } from '../../graph/importers/vcard-parser.js';
import { readVCardSteps, readVCards } from '../../graph/importers/vcard.js';
import { runAtOnce, runInSlices } from '../../graph/support/time-slices.js';

const LINES = 200_000;

describe('vCard inputs spread over very many lines', () => {
  it('when a NOTE is folded over 200,000 lines, then it unfolds to the whole text in one property', () => {
    const pieces = Array.from({ length: LINES }, (_, i) => `${i % 10};`);
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ana', `NOTE:${pieces[0]}`, ...pieces.slice(1).map((p) => ` ${p}`), 'END:VCARD', ''].join('\r\n');
    const { cards, problems } = parseVCardText(text);
    expect(problems).toEqual([]);
    expect(cards).toHaveLength(1);
    const note = cards[0]!.properties.find((p) => p.name === 'NOTE')!;
    expect(note.raw).toBe(pieces.join(''));
  });

  it('when a quoted-printable NOTE has 200,000 soft line breaks, then it decodes to the joined text', () => {
    const lines = Array.from({ length: LINES }, (_, i) => (i % 1000 ? 'a=' : '=C3=A9='));
    const text = ['BEGIN:VCARD', 'VERSION:2.1', 'FN:Ana', 'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=A9t=C3=A9=', ...lines, 'end', 'END:VCARD', ''].join('\r\n');
    const { cards, problems } = parseVCardText(text);
    expect(problems).toEqual([]);
    const note = cards[0]!.properties.find((p) => p.name === 'NOTE')!;
    expect(note.raw).toBe(`été${Array.from({ length: LINES }, (_, i) => (i % 1000 ? 'a' : 'é')).join('')}end`);
    // Every physical line was consumed by the one property: the next card line is END.
    expect(cards[0]!.properties.map((p) => p.name)).toEqual(['FN', 'NOTE']);
  });

  it('when a line unfolds to more than MAX_LINE characters, then it is reported and left out and the card goes on', () => {
    const chunk = 'x'.repeat(1000);
    const folds = Array.from({ length: Math.ceil(MAX_LINE / 1000) + 5 }, () => ` ${chunk}`);
    const soft = Array.from({ length: Math.ceil(MAX_LINE / 1000) + 5 }, () => `${chunk}=`);
    const text = ['BEGIN:VCARD', 'FN:Ana', `NOTE:${chunk}`, ...folds, 'NOTE;ENCODING=QUOTED-PRINTABLE:=', ...soft, 'end', 'TITLE:Broker', 'END:VCARD'].join('\r\n');
    const { cards, problems } = parseVCardText(text);
    expect(problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [3, 'a line longer than 1,048,576 c'],
      [4 + folds.length, 'a line longer than 1,048,576 c'],
    ]);
    expect(cards[0]!.properties.map((p) => [p.name, p.raw])).toEqual([['FN', 'Ana'], ['TITLE', 'Broker']]);
  });

  it('when a folded header declares quoted-printable after the fold, then the soft breaks of its value still join', () => {
    const { cards } = parseVCardText(['BEGIN:VCARD', 'FN:Ana', 'NOTE;CHARSET=UTF-8;ENCO', ' DING=QUOTED-PRINTABLE:a=C3=A9=', 'b', 'END:VCARD'].join('\r\n'));
    expect(cards[0]!.properties.find((p) => p.name === 'NOTE')!.raw).toBe('aéb');
  });

  it('when a property has 200,000 parameter values, then they are all kept and nothing overflows', () => {
    const types = Array.from({ length: LINES }, (_, i) => `${i % 10}`).join(',');
    const { cards } = parseVCardText(['BEGIN:VCARD', 'FN:Ana', `TEL;TYPE=${types}:+1 555`, 'END:VCARD'].join('\r\n'));
    const tel = cards[0]!.properties.find((p) => p.name === 'TEL')!;
    expect(tel.params.TYPE).toHaveLength(LINES);
    expect(tel.params.TYPE!.slice(-3)).toEqual(['7', '8', '9']);
  });

  it('when bare encodings repeat on a 2.1 property, then the last one is the encoding and none stays a type', () => {
    const { cards } = parseVCardText(['BEGIN:VCARD', 'FN:Ana', `NOTE;WORK${';QUOTED-PRINTABLE'.repeat(50_000)}:caf=C3=A9`, 'END:VCARD'].join('\r\n'));
    const note = cards[0]!.properties.find((p) => p.name === 'NOTE')!;
    expect(note.params.ENCODING).toEqual(['QUOTED-PRINTABLE']);
    expect(note.params.TYPE).toEqual(['WORK']);
    expect(note.raw).toBe('café');
  });

  it('when a card has 20,000 emails, some repeated in other case, then each address is kept once in file order', () => {
    const emails = Array.from({ length: 20_000 }, (_, i) => `EMAIL:${i % 2 ? 'U' : 'u'}${i % 10_000}@x.example`);
    const p = readVCards(['BEGIN:VCARD', 'FN:Ana', ...emails, 'END:VCARD'].join('\n'));
    expect(p.people[0]!.emails).toHaveLength(10_000);
    expect(p.people[0]!.emails.slice(0, 2)).toEqual(['u0@x.example', 'U1@x.example']);
  });
});

describe('quoted-printable decoding', () => {
  it('when any text is quoted-printable encoded, then decoding gives its UTF-8 bytes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(fc.boolean(), { maxLength: 80 }), (value, escape) => {
        const bytes = Buffer.from(value, 'utf8');
        // Escape some bytes (always "=" itself), write the rest literally when they are ASCII.
        let encoded = '';
        let i = 0;
        for (const ch of value) {
          const b = Buffer.from(ch, 'utf8');
          if (ch === '=' || escape[i % Math.max(1, escape.length)]) encoded += [...b].map((x) => `=${x.toString(16).toUpperCase().padStart(2, '0')}`).join('');
          else encoded += ch;
          i++;
        }
        expect(Buffer.from(quotedPrintableBytes(encoded))).toEqual(bytes);
      }),
    );
  });
});

describe('CSV read in chunks', () => {
  it('when CRLF rows cross the 256 KiB chunk boundaries, then every row keeps its line number and cells', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `Person ${i},"multi\r\nline ${i}",p${i}@x.example`);
    const table = await readCsv(`name,note,email\r\n${rows.join('\r\n')}\r\n`);
    expect(table.skipped).toEqual([]);
    expect(table.rows).toHaveLength(30_000);
    table.rows.forEach((r, i) => {
      expect(r.line).toBe(2 + 2 * i);
      expect(r.cells).toEqual({ name: `Person ${i}`, note: `multi\nline ${i}`, email: `p${i}@x.example` });
    });
  });

  it('when lines end with a lone CR (classic Mac), then the header is found after a preamble and rows are counted', async () => {
    const text = ['Notes:', '"some text"', '', 'First Name,Last Name', 'Ana,Souza', 'Ben,Carter'].join('\r');
    const table = await readCsv(text, { isHeader: (cells) => cells.includes('First Name') });
    expect(table.headerLine).toBe(4);
    expect(table.rows.map((r) => [r.line, r.cells['First Name']])).toEqual([[5, 'Ana'], [6, 'Ben']]);
  });
});

describe('dedup of very many rows of one name', () => {
  const draft = (row: number, extra: Partial<PersonDraft>): PersonDraft => ({ row, name: 'Ana Souza', company: 'Acme', emails: [], attributes: {}, ...extra });

  it('when 20,000 rows share name and company but each has its own LinkedIn profile, then they stay 20,000 people', () => {
    const drafts = Array.from({ length: 20_000 }, (_, i) => draft(i + 2, { attributes: { linkedin: `https://www.linkedin.com/in/ana-${i}` } }));
    const merged = mergePeople(drafts, []);
    expect(merged).toHaveLength(20_000);
    expect(merged.filter((m) => m.notes.length > 0)).toHaveLength(19_999);
  });

  it('when 20,000 rows share name and company and carry distinct emails and tags, then one person keeps every address and tag once', () => {
    const drafts = Array.from({ length: 20_000 }, (_, i) => draft(i + 2, { emails: [`a${i % 5_000}@x.example`], tags: [`t${i % 100}`] }));
    const [one, ...rest] = mergePeople(drafts, []);
    expect(rest).toEqual([]);
    expect(one!.person.email).toBe('a0@x.example');
    expect(one!.person.attributes!.otherEmails!.split(', ')).toHaveLength(4_999);
    expect(one!.person.tags).toEqual(Array.from({ length: 100 }, (_, i) => `t${i}`));
  });
});

describe('time-sliced drivers', () => {
  it('when a large file is read and planned in slices, then the result equals the one read and planned at once', async () => {
    const cards = Array.from({ length: 3_000 }, (_, i) => ['BEGIN:VCARD', `FN:Person ${i % 2_500}`, `EMAIL:p${i % 2_500}@x.example`, `ORG:Firm ${i % 7}`, 'END:VCARD'].join('\n')).join('\n');
    expect(await runInSlices(vCardSteps(cards))).toEqual(parseVCardText(cards));
    const parsed = await runInSlices(readVCardSteps(cards));
    expect(parsed).toEqual(readVCards(cards));
    const network = { people: [], interactions: new Map(), referrals: new Map() };
    const sliced = await runInSlices(planFileImportSteps(parsed, network));
    expect(sliced).toEqual(planFileImport(parsed, network));
    expect(sliced.report.people.created).toBe(2_500);
    expect(runAtOnce(planFileImportSteps(emptyParsed('vcard'), network)).document.people).toEqual([]);
  });
});
