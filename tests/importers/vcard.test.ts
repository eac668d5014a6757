import { describe, expect, it } from 'vitest';
import { readVCards } from '../../graph/importers/vcard.js';
import { fixture } from './helpers.js';

describe('readVCards on address-book exports', () => {
  it('when an iOS export is read, then people get email, phone, location, note and LinkedIn; company cards are skipped', () => {
    const p = readVCards(fixture('vcard/ios.vcf'));
    expect(p.rowsRead).toBe(3);
    expect(p.people[0]).toEqual({
      row: 1,
      name: 'Priya Patel',
      emails: ['priya@brightside.co.uk'],
      company: 'Brightside Accounting Ltd',
      title: 'Partner',
      location: 'Leeds, United Kingdom',
      attributes: {
        department: 'Tax & Advisory',
        phone: '+44 7700 900123',
        note: 'Met at the Leeds chamber breakfast, introduced by Tom.\nLikes cycling.',
        linkedin: 'https://www.linkedin.com/in/priyapatel',
      },
    });
    expect(p.skipped).toEqual([{ row: 22, reason: 'a company card (X-ABShowAs:COMPANY, Leeds Chamber of Commerce), not a person' }]);
  });

  it('when a Google export has several emails and escaped commas, then the first email leads and the ORG comma survives', () => {
    const p = readVCards(fixture('vcard/google.vcf'));
    expect(p.people[0]).toMatchObject({
      name: 'María José García',
      emails: ['MARIA.GARCIA@EXAMPLE.ES', 'mjgarcia.personal@example.com'],
      company: 'Soluciones Norte, S.L.',
      location: 'Bilbao, Bizkaia, España',
      tags: ['myContacts', 'Clientes'],
    });
    expect(p.people[1]).toMatchObject({ name: 'Noor Haddad', emails: [] });
    expect(p.people[1]!.attributes.note).toBe('No email on file. Met at the Dubai networking lunch; keen on referrals to freight forwarders.');
  });

  it('when an Outlook 2.1 export uses quoted-printable in UTF-8 and Windows-1252, then names decode correctly', () => {
    const p = readVCards(fixture('vcard/outlook.vcf'));
    expect(p.people.map((d) => d.name)).toEqual(['Jürgen Müller', 'François Lefèvre']);
    expect(p.people[0]).toMatchObject({ company: 'ACME GmbH', location: 'München, Bayern, Deutschland', emails: ['juergen.mueller@acme.example'] });
    expect(p.people[0]!.attributes.note).toBe('Met at the München BNI chapter, wants intros to logistics firms. Follow up in Q3.\nSecond line.');
    expect(p.people[1]!.company).toBe('Cabinet Lefèvre');
    expect(p.skipped).toEqual([]);
  });

  it('when a vCard 4.0 marks a preferred email with PREF=1 and a tel: URI, then the preferred email leads and the URI prefix goes', () => {
    const p = readVCards(fixture('vcard/v4.vcf'));
    expect(p.people[0]).toMatchObject({
      name: 'Zoë Ångström',
      emails: ['zoe@nordljus.example', 'zoe.a@example.se'],
      location: 'Stockholm, Sweden',
      attributes: expect.objectContaining({ phone: '+46-70-123-4567', linkedin: 'https://www.linkedin.com/in/zoe-angstrom' }),
    });
    expect(p.people[0]!.attributes.note).toMatch(/^Runs the Stockholm founders' circle\. A long note that goes on and on so that it has/);
    expect(p.people[1]).toMatchObject({ name: 'Kwame Mensah', tags: ['mentor', 'ghana-chapter'] });
  });

  it('when a file has stray lines, a company-only card and an unclosed card, then each is reported and the good card imports', () => {
    const p = readVCards(fixture('vcard/broken.vcf'));
    expect(p.people.map((d) => d.name)).toEqual(['Complete Card']);
    expect(p.rowsRead).toBe(3);
    expect(p.skipped).toEqual([
      { row: 7, reason: 'a company card (ORG "Only A Company Inc." and no FN or N), not a person' },
      { row: 11, reason: 'card not closed with END:VCARD' },
    ]);
    expect(p.warnings).toEqual([{ row: 1, message: 'unreadable line: this line is outside any card' }]);
  });

  it('when a card has only N, then the name is built given-name first', () => {
    const p = readVCards('BEGIN:VCARD\nVERSION:3.0\nN:Souza;Ana;Maria;Dr.;PhD\nEND:VCARD\n');
    expect(p.people[0]!.name).toBe('Ana Maria Souza PhD');
  });

  it('when a card has no name at all, then it is skipped with that reason', () => {
    const p = readVCards('BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.example\nEND:VCARD\n');
    expect(p.skipped).toEqual([{ row: 1, reason: 'no name (neither FN nor N)' }]);
  });

  it('when a quoted-printable value decodes to a NUL character, then its card is skipped saying so, not imported with it', () => {
    const p = readVCards('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:A=00B\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Good Card\r\nEND:VCARD\r\n');
    expect(p.people.map((d) => d.name)).toEqual(['Good Card']);
    expect(p.skipped).toEqual([{ row: 1, reason: expect.stringMatching(/^FN holds a NUL character once decoded/) }]);
  });
});
