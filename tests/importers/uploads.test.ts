/**
 * What real uploads hold: semicolon- and tab-delimited CSV (Excel outside the English locales),
 * Excel workbooks, a LinkedIn export sent as a people list, every phone and email of a vCard,
 * honorifics, CJK name order, internationalised emails, and people already in the network.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter, DELIMITERS } from '../../graph/importers/delimiter.js';
import { ImportFormatError } from '../../graph/importers/drafts.js';
import { fileText, formatFromContentType, formatFromFileName, readImport } from '../../graph/importers/formats.js';
import { isEmail } from '../../graph/importers/normalize.js';
import { fullName, withoutHonorifics } from '../../graph/importers/person-name.js';
import { planFileImport } from '../../graph/importers/plan.js';
import { personSchema, type Person } from '../../graph/schema.js';
import { fixturePath, network } from './helpers.js';

const names = (text: string, format: 'people' | 'linkedin' | 'vcard' = 'people') => readImport(format, text).then((p) => p.people.map((d) => d.name));

describe('delimiter detection', () => {
  it('when the header is split by ; , or a tab outside quotes, then that is the delimiter', () => {
    expect(sniffDelimiter('Name;E-Mail;Firma')).toBe(';');
    expect(sniffDelimiter('"Name, full";E-Mail;"Firma, Sitz"')).toBe(';');
    expect(sniffDelimiter('"a;b";"c;d",e,f')).toBe(',');
    expect(sniffDelimiter('Name\tEmail\tCompany')).toBe('\t');
    expect(sniffDelimiter('Name')).toBe(',');
  });
  it('when any header is written with any delimiter, then the delimiter is found', () => {
    const header = fc.array(fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 ._-]{1,12}$/), { minLength: 2, maxLength: 8 });
    fc.assert(fc.property(header, fc.constantFrom(...DELIMITERS), fc.boolean(), (cells, d, quote) => {
      expect(sniffDelimiter(cells.map((c) => (quote ? `"${c}"` : c)).join(d))).toBe(d);
    }));
  });
  it('when a people CSV uses semicolons (Excel DE/FR/ES), then its cells are read, quoted semicolons and decimal commas kept', async () => {
    const text = 'Name;E-Mail;Firma;Ort\r\n"Dr. Anna Schmidt";anna@example.de;"Berg; Partner";Köln\r\nJürgen Müller;jürgen@beispiel.de;Müller GmbH;"Berlin, DE"\r\n';
    const p = await readImport('people', text);
    expect(p.skipped).toEqual([]);
    expect(p.people.map((d) => [d.name, d.emails, d.company, d.location])).toEqual([
      ['Anna Schmidt', ['anna@example.de'], 'Berg; Partner', 'Köln'],
      ['Jürgen Müller', ['jürgen@beispiel.de'], 'Müller GmbH', 'Berlin, DE'],
    ]);
  });
  it('when a referrals CSV uses tabs, then amounts with decimal commas are read', async () => {
    const p = await readImport('people', 'name\temail\nAnn Archer\tann@example.org\n');
    expect(p.people.map((d) => [d.name, d.emails])).toEqual([['Ann Archer', ['ann@example.org']]]);
  });
  it('when a LinkedIn export is semicolon-delimited below its notes, then it is read', async () => {
    const text = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\nFirst Name;Last Name;URL;Email Address;Company;Position;Connected On\nAnn;Archer;https://www.linkedin.com/in/ann-archer;;Archer Law;Partner;15 Mar 2024\n';
    expect(await names(text, 'linkedin')).toEqual(['Ann Archer']);
  });
});

describe('a LinkedIn export sent as a people list', () => {
  const linkedin = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Archer,https://www.linkedin.com/in/ann-archer,,Archer Law,Partner,15 Mar 2024\n娜,李,https://www.linkedin.com/in/li-na,,Acme,Engineer,01 Feb 2023\n';
  it('when the upload says "people", then it is recognised by its header and imported as LinkedIn', async () => {
    const p = await readImport('people', linkedin);
    expect(p.format).toBe('linkedin');
    expect(p.people.map((d) => [d.name, d.company, d.attributes.linkedin])).toEqual([
      ['Ann Archer', 'Archer Law', 'https://www.linkedin.com/in/ann-archer'],
      ['李娜', 'Acme', 'https://www.linkedin.com/in/li-na'],
    ]);
  });
  it('when a CSV lacks a needed column, then the message says so in words, quoting no command-line flag', async () => {
    const err = await readImport('people', 'Foo,Bar\n1,2\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(/no column for name/);
    expect((err as Error).message).not.toMatch(/--\w/);
    const bad = await readImport('people', 'Name\nAnn\n', { map: 'name=Full Name' }).catch((e: unknown) => e);
    expect((bad as Error).message).not.toMatch(/--\w/);
  });
});

describe('names', () => {
  it.each([
    ['Mr. John Smith', 'John Smith'], ['Dr. Jane Doe', 'Jane Doe'], ['Mrs Mary Major', 'Mary Major'], ['Ms Ann Lee', 'Ann Lee'],
    ['Prof. Dr. Anna Schmidt', 'Anna Schmidt'], ['Herr Jürgen Müller', 'Jürgen Müller'], ['Frau Dr. Eva Klein', 'Eva Klein'],
    ['M. Jean Dupont', 'Jean Dupont'], ['Mme Claire Martin', 'Claire Martin'], ['Sr. Juan Pérez', 'Juan Pérez'], ['Sra. Ana García', 'Ana García'],
    ['Don Draper', 'Don Draper'], ['M Dupont', 'M Dupont'], ['Mr.', 'Mr.'], ['Drew Barrymore', 'Drew Barrymore'],
  ])('when the name is "%s", then it is imported as "%s"', async (raw, want) => {
    expect(withoutHonorifics(raw)).toBe(want);
    expect(await names(`name,email\n${raw},\n`)).toEqual([want]);
  });
  it('when given and family names are CJK, then the family name comes first without a space; otherwise given first', () => {
    expect(fullName('娜', '李')).toBe('李娜');
    expect(fullName('太郎', '山田')).toBe('山田太郎');
    expect(fullName('민준', '김')).toBe('김민준');
    expect(fullName('Ann', 'Archer')).toBe('Ann Archer');
    expect(fullName('Ann', undefined)).toBe('Ann');
  });
  it('when a people CSV has first and last name columns in CJK, then the name keeps its order', async () => {
    expect(await names('First Name,Last Name\n娜,李\nGrace,Parker\n')).toEqual(['李娜', 'Grace Parker']);
  });
});

describe('vCard', () => {
  const card = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');
  it('when a card has several TEL and EMAIL, then every one is kept, the preferred first', async () => {
    const p = await readImport('vcard', card(['FN:Ann Archer', 'TEL;TYPE=CELL:+44 7700 900000', 'TEL;TYPE=WORK,PREF:+44 20 7946 0000', 'TEL;TYPE=HOME:+44 20 7946 0001', 'EMAIL:ann@example.org', 'EMAIL;TYPE=WORK:ann@archer.law']));
    const d = p.people[0]!;
    expect(d.attributes.phone).toBe('+44 20 7946 0000');
    expect(d.attributes.otherPhones).toBe('+44 7700 900000, +44 20 7946 0001');
    expect(d.emails).toEqual(['ann@example.org', 'ann@archer.law']);
  });
  it('when N has an honorific prefix or FN starts with one, then it is not part of the name', async () => {
    expect(await names(card(['N:Smith;John;;Mr.;'])  + card(['FN:Dr. Jane Doe', 'N:Doe;Jane;;Dr.;']) + card(['N:李;娜;;;']), 'vcard')).toEqual(['John Smith', 'Jane Doe', '李娜']);
  });
});

describe('internationalised email addresses (RFC 6531)', () => {
  it.each(['josé@example.es', '用户@例子.广告', 'jürgen@müller.de', 'ann@example.org'])('when the address is %s, then it is accepted by the importer and the schema', async (email) => {
    expect(isEmail(email)).toBe(true);
    expect(personSchema.safeParse({ id: 'p', name: 'P', email }).success).toBe(true);
    const p = await readImport('people', `name,email\nP,${email}\n`);
    expect(p.people[0]!.emails).toEqual([email]);
  });
  it.each(['not an email', 'a@b', 'a@@b.com', '.a@b.com', 'a..b@c.com', 'a b@c.com'])('when the address is "%s", then it is refused with a warning', async (email) => {
    expect(isEmail(email)).toBe(false);
    const p = await readImport('people', `name,email\nP,"${email}"\n`);
    expect(p.warnings.map((w) => w.message)).toEqual([`"${email}" is not a valid email address; left out`]);
  });
});

describe('Excel workbooks', () => {
  const bytes = (name: string) => new Uint8Array(readFileSync(fixturePath(`xlsx/${name}`)));
  it('when a workbook is uploaded, then its first sheet is read as a people CSV (dates ISO, numbers as text)', async () => {
    const p = await readImport('people', await fileText(bytes('members.xlsx')));
    expect(p.people.map((d) => [d.name, d.emails, d.company])).toEqual([
      ['Anna Schmidt', ['anna@example.de'], 'Schmidt, Berg & Partner'],
      ['Jürgen Müller', ['jürgen@beispiel.de'], 'Müller GmbH'],
      ['李娜', [], 'Acme'],
    ]);
  });
  it('when a referral value cell holds a number with three decimals, then it is that number, not a thousands group (1250.125 stays 1250.125)', async () => {
    const p = await readImport('referrals', await fileText(bytes('referral-values.xlsx')));
    expect(p.referrals.map((r) => r.value)).toEqual([1250.125, 12.345]);
    expect(p.skipped).toEqual([{ row: 4, reason: expect.stringMatching(/not a date/) }]);
  });
  it('when a workbook holds a LinkedIn export, then it is read as LinkedIn with its dates', async () => {
    const p = await readImport(formatFromFileName('Connections.xlsx') as 'people', await fileText(bytes('linkedin-connections.xlsx')));
    expect(p.format).toBe('linkedin');
    expect(p.people.map((d) => [d.name, d.metOn])).toEqual([['Ann Archer', '2024-03-15'], ['李娜', '2023-03-15']]);
  });
  it('when the content type is the xlsx one, then it is recognised; bytes that are not a workbook stay text', async () => {
    expect(formatFromContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(await fileText(new TextEncoder().encode('name\nAnn\n'))).toBe('name\nAnn\n');
    await expect(fileText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toBeInstanceOf(ImportFormatError);
  });
});

describe('people already in the network', () => {
  const stored: Person[] = [
    { id: 'ann', name: 'Ann Archer', company: 'Archer Law LLP', email: 'ann@example.org' },
    { id: 'bob', name: 'Bob Baker', email: 'bob@baker.example' },
  ];
  it('when a row has the same name (honorific aside) and company, or the same email, then it is merged into the stored person and reported', async () => {
    const parsed = await readImport('people', 'name,email,company\nDr. Ann Archer,,Archer Law\nRobert Baker,BOB@baker.example,\nCara Cole,cara@example.org,\n');
    const plan = planFileImport(parsed, network(stored));
    expect(plan.report.people).toMatchObject({ created: 1 });
    expect(plan.report.duplicates.intoExisting).toBe(2);
    const merged = Object.fromEntries(plan.report.merges.filter((m) => m.existing).map((m) => [m.id, m.matchedOn]));
    expect(merged).toEqual({ ann: ['name+company'], bob: ['email'] });
    expect(plan.document.people.map((p) => p.id).filter((id) => id === 'ann' || id === 'bob').length).toBeLessThanOrEqual(2);
  });
});

describe('names with invisible characters inside', () => {
  it('when a row spells a stored name and company with a zero-width space or soft hyphen inside, then it is merged into that person, not created beside it', async () => {
    const stored: Person[] = [
      { id: 'zoe', name: 'Zoë Scott', company: 'Northwind Legal' },
      { id: 'henrik', name: 'Henrik Nielsen', company: 'Kingfisher Security' },
    ];
    const parsed = await readImport('people', 'name,company\nZo\u200Bë Scott,Northwind Legal\nHenrik Niel\u00ADsen,Kingfisher Security\n');
    const plan = planFileImport(parsed, network(stored));
    expect(plan.report.people.created).toBe(0);
    expect(Object.fromEntries(plan.report.merges.filter((m) => m.existing).map((m) => [m.id, m.matchedOn]))).toEqual({ zoe: ['name+company'], henrik: ['name+company'] });
  });
});

describe('CJK names whose owner typed the family name as the first name', () => {
  it('when the LinkedIn profile URL spells the name given-field first, then that order is kept', async () => {
    const text = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n王,伟,https://www.linkedin.com/in/wang-wei-%E7%8E%8B%E4%BC%9F,,Acme,PM,03 Mar 2023\n娜,李,https://www.linkedin.com/in/li-na-123,,Acme,PM,03 Mar 2023\n';
    expect(await names(text, 'linkedin')).toEqual(['王伟', '李娜']);
  });
});

describe('namesakes of people already in the network', () => {
  it('when a new row has the name of a stored person but another company (or none), then it is flagged as a possible duplicate', async () => {
    const stored: Person[] = [{ id: 'ann', name: 'Ann Archer' }, { id: 'zoe-1', name: 'Zoë Scott', company: 'Scott Tax' }];
    const parsed = await readImport('people', 'name,company\nMrs Ann Archer,Archer Law\nZoe Scott,Other Co\nCara Cole,Cole Ltd\n');
    const plan = planFileImport(parsed, network(stored));
    expect(plan.report.people.created).toBe(3);
    const flagged = plan.report.warnings.filter((w) => w.message.startsWith('possible duplicate'));
    expect(flagged.map((w) => w.row)).toEqual([2, 3]);
    expect(flagged[0]!.message).toContain('id ann');
    expect(flagged[1]!.message).toContain('id zoe-1');
  });
});
