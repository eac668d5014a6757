import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { components, parseVCardText, quotedPrintableBytes, unescapeText } from '../../graph/importers/vcard-parser.js';

const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');

describe('parseVCardText', () => {
  it('when a line is folded with a space or a tab, then it is unfolded', () => {
    const { cards } = parseVCardText(card('NOTE:one two th', ' ree', '\tfour'));
    expect(cards[0]!.properties[0]).toMatchObject({ name: 'NOTE', raw: 'one two threefour' });
  });

  it('when a quoted-printable value has soft line breaks and a charset, then it is joined and decoded', () => {
    const { cards } = parseVCardText(
      card('NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCnchen =', 'and more=', ' text=0D=0Aend', 'TITLE:next'),
    );
    expect(cards[0]!.properties.map((p) => [p.name, p.raw])).toEqual([
      ['NOTE', 'München and more text\r\nend'],
      ['TITLE', 'next'],
    ]);
  });

  it('when vCard 2.1 writes bare parameters and a Windows-1252 charset, then they are understood', () => {
    const { cards } = parseVCardText(card('N;CHARSET=Windows-1252;QUOTED-PRINTABLE:Lef=E8vre;Fran=E7ois', 'TEL;WORK;VOICE:+1 555'));
    const [n, tel] = cards[0]!.properties;
    expect(n!.raw).toBe('Lefèvre;François');
    expect(n!.params.ENCODING).toEqual(['QUOTED-PRINTABLE']);
    expect(tel!.params.TYPE).toEqual(['WORK', 'VOICE']);
  });

  it('when parameters are quoted, grouped or repeated, then each value is kept', () => {
    const { cards } = parseVCardText(card('item1.EMAIL;type=INTERNET;type=pref:a@b.example', 'ADR;LABEL="1 Main St: Suite; 2":;;1 Main St;Town;;;', 'TEL;TYPE="voice,cell":+1'));
    const [email, adr, tel] = cards[0]!.properties;
    expect(email).toMatchObject({ group: 'item1', name: 'EMAIL', params: { TYPE: ['INTERNET', 'pref'] }, raw: 'a@b.example' });
    expect(adr!.params.LABEL).toEqual(['1 Main St: Suite; 2']);
    expect(adr!.raw).toBe(';;1 Main St;Town;;;');
    expect(tel!.params.TYPE).toEqual(['voice', 'cell']);
  });

  it('when the file holds many cards with a version each, then each card has its line and version', () => {
    const text = card('FN:A') + ['BEGIN:VCARD', 'VERSION:4.0', 'FN:B', 'END:VCARD'].join('\n');
    const { cards, problems } = parseVCardText(`\ufeff${text}`);
    expect(cards.map((c) => [c.line, c.version])).toEqual([[1, '3.0'], [5, '4.0']]);
    expect(problems).toEqual([]);
  });

  it('when lines are outside cards, unreadable, or a card never ends, then each is listed as a problem', () => {
    const { cards, problems } = parseVCardText(['stray', 'BEGIN:VCARD', 'FN:A', 'no colon here', 'END:VCARD', 'BEGIN:VCARD', 'FN:B'].join('\n'));
    expect(cards).toHaveLength(1);
    expect(problems).toEqual([
      { line: 1, message: 'unreadable line: stray' },
      { line: 4, message: 'unreadable line: no colon here' },
      { line: 6, message: 'card not closed with END:VCARD' },
    ]);
  });

  it('when an unknown charset is named, then the value is read as UTF-8 and the problem noted', () => {
    const { cards, problems } = parseVCardText(card('FN;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:Ana'));
    expect(cards[0]!.properties[0]!.raw).toBe('Ana');
    expect(problems[0]!.message).toMatch(/unknown charset "X-NOPE"/);
  });

  it('when a vCard 2.1 AGENT card is nested, then its lines do not leak into the outer card', () => {
    const { cards } = parseVCardText(card('FN:Boss', 'AGENT:', 'BEGIN:VCARD', 'FN:Assistant', 'END:VCARD', 'TITLE:CEO'));
    expect(cards).toHaveLength(1);
    expect(cards[0]!.properties.map((p) => p.name)).toEqual(['FN', 'AGENT', 'TITLE']);
  });

  it('when a card is never closed before the next BEGIN:VCARD, then it is reported and left out, and every card after it is read', () => {
    const open = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Broken Card', ''].join('\r\n');
    const { cards, problems } = parseVCardText(card('FN:Zero') + open + card('FN:One') + card('FN:Two', 'AGENT:', 'BEGIN:VCARD', 'FN:Assistant', 'END:VCARD') + card('FN:Three'));
    expect(cards.map((c) => c.properties.find((p) => p.name === 'FN')!.raw)).toEqual(['Zero', 'One', 'Two', 'Three']);
    expect(problems).toEqual([{ line: 5, message: 'card not closed with END:VCARD before the next BEGIN:VCARD on line 8; left out' }]);
  });

  it('when any text is folded at arbitrary points, then unfolding gives the text back', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }).filter((s) => !/[\r\n]/.test(s)), fc.array(fc.nat(200), { maxLength: 5 }), (value, cuts) => {
        const line = `NOTE:${value}`;
        const points = [...new Set(cuts.map((c) => 1 + (c % line.length)))].sort((a, b) => a - b);
        const pieces = points.reduce<{ out: string[]; from: number }>((acc, p) => ({ out: [...acc.out, line.slice(acc.from, p)], from: p }), { out: [], from: 0 });
        const folded = [...pieces.out, line.slice(pieces.from)].filter((x, i) => i === 0 || x !== '').join('\r\n ');
        const parsed = parseVCardText(`BEGIN:VCARD\r\n${folded}\r\nEND:VCARD\r\n`);
        return parsed.cards[0]?.properties[0]?.raw === value;
      }),
    );
  });
});

describe('value helpers', () => {
  it('when escapes are present, then text and structured values are unescaped after splitting', () => {
    expect(unescapeText('a\\, b\\; c\\nd\\\\e')).toBe('a, b; c\nd\\e');
    expect(components('Soluciones Norte\\, S.L.;Ventas\\;Norte;')).toEqual(['Soluciones Norte, S.L.', 'Ventas;Norte', '']);
  });
  it('when quoted-printable text has = not followed by hex, then it is kept literally', () => {
    expect(new TextDecoder().decode(quotedPrintableBytes('a=3Db=ZZ=C3=A9'))).toBe('a=b=ZZé');
  });
});
