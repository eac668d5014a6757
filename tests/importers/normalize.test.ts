import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCompany, normalizeEmail, normalizeLinkedInUrl, normalizeName, slugify } from '../../graph/importers/normalize.js';

describe('normalizeName', () => {
  it('when names differ only by accents, case, punctuation or spacing, then they normalise alike', () => {
    expect(normalizeName('  Zoë   ÅNGSTRÖM ')).toBe('zoe angstrom');
    expect(normalizeName('Jürgen Müller')).toBe(normalizeName('JURGEN  MULLER'));
    expect(normalizeName("Tom O'Brien")).toBe('tom o brien');
    expect(normalizeName('Łukasz Żółć')).toBe('lukasz zolc');
    expect(normalizeName('Straße')).toBe('strasse');
  });
  it('when a name carries invisible format characters inside a word (zero-width space, soft hyphen, joiners, a BOM, bidi marks), then it normalises as the name shown', () => {
    for (const hidden of ['\u200B', '\u00AD', '\u200C', '\u200D', '\uFEFF', '\u200E', '\u2060']) {
      expect(normalizeName(`Zo${hidden}ë Sc${hidden}ott`)).toBe('zoe scott');
      expect(normalizeName(`Henrik Niel${hidden}sen`)).toBe(normalizeName('Henrik Nielsen'));
    }
  });
  it('when a name is in a non-Latin script, then its letters are kept', () => {
    expect(normalizeName('王 伟')).toBe('王 伟');
  });
  it('when normalised twice, then nothing changes (idempotent)', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
  });
});

describe('normalizeCompany', () => {
  it('when companies differ by legal form or punctuation, then they normalise alike', () => {
    expect(normalizeCompany('Acme, Inc.')).toBe('acme');
    expect(normalizeCompany('ACME GmbH')).toBe(normalizeCompany('Acme'));
    expect(normalizeCompany('Soluciones Norte, S.L.')).toBe('soluciones norte s l');
  });
  it('when the name is only a legal form, then it is kept rather than emptied', () => {
    expect(normalizeCompany('Co')).toBe('co');
  });
});

describe('normalizeEmail', () => {
  it('when emails differ in case or surrounding space, then they normalise alike', () => {
    expect(normalizeEmail(' Maria.Garcia@EXAMPLE.es ')).toBe('maria.garcia@example.es');
  });
});

describe('normalizeLinkedInUrl', () => {
  it('when a profile URL is written in any of its usual forms, then one canonical URL comes out', () => {
    const canonical = 'https://www.linkedin.com/in/priyapatel';
    for (const u of [
      'https://uk.linkedin.com/in/PriyaPatel/',
      'http://www.linkedin.com/in/priyapatel?trk=public_profile',
      'linkedin.com/in/priyapatel',
      'www.linkedin.com/in/priyapatel/#about',
    ]) {
      expect(normalizeLinkedInUrl(u)).toBe(canonical);
    }
  });
  it('when the slug is percent-encoded, then it is decoded', () => {
    expect(normalizeLinkedInUrl('https://www.linkedin.com/in/wang-wei-%E7%8E%8B%E4%BC%9F')).toBe('https://www.linkedin.com/in/wang-wei-王伟');
  });
  it('when the URL is not a LinkedIn profile, then there is no canonical form', () => {
    expect(normalizeLinkedInUrl('https://example.com/in/bob')).toBeUndefined();
    expect(normalizeLinkedInUrl('https://www.linkedin.com/company/acme')).toBeUndefined();
    expect(normalizeLinkedInUrl('')).toBeUndefined();
    expect(normalizeLinkedInUrl('http://[broken')).toBeUndefined();
  });
});

describe('slugify', () => {
  it('when a name has accents and punctuation, then the slug is plain ASCII words', () => {
    expect(slugify("Zoë Ångström-O'Neil")).toBe('zoe-angstrom-o-neil');
    expect(slugify('王伟')).toBe('');
  });
});
