/**
 * Normalisation for deduplication keys: the forms under which two records of the same person,
 * written by different tools, compare equal. None of these values is ever shown or stored as
 * the person's data; they only decide identity.
 */
import { emailSchema } from '../schema.js';

/** Letters that NFKD does not decompose but that people type without their accent. */
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * NFKD, invisible format characters and diacritics stripped, lower case, punctuation dropped,
 * whitespace collapsed. A zero-width space or soft hyphen inside a word ("Zo\u200Bë") is dropped,
 * not read as a space: the name on screen is the same name, so it must meet its namesake.
 */
export function normalizeName(value: string): string {
  // ASCII needs no decomposition or folding: the same result with one pass.
  if (/^\p{ASCII}*$/u.test(value)) return value.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return value
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Legal-form suffixes that differ between sources for the same employer ("Acme" vs "Acme, Inc."). */
const LEGAL_SUFFIX = /(?:\s(?:inc|incorporated|llc|llp|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|plc|corp|corporation|co|company|pty|oy|ab|as|kg))+$/;

/** A company name as a key: normalised like a person's name, with a trailing legal form dropped. */
export function normalizeCompany(value: string): string {
  const name = normalizeName(value);
  const stripped = name.replace(LEGAL_SUFFIX, '').trim();
  return stripped || name;
}

/** Emails compare case-insensitively (the local part is case-sensitive in theory, never in practice). */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * A LinkedIn profile URL in one canonical form, https://www.linkedin.com/in/<slug>, or undefined
 * when the value is not a profile URL. Handles missing scheme, country subdomains (uk.linkedin.com),
 * query strings, trailing slashes, percent-encoded and mixed-case slugs.
 */
export function normalizeLinkedInUrl(value: string): string | undefined {
  let raw = value.trim();
  if (!raw) return undefined;
  // The form LinkedIn's own export writes, ASCII slug: no URL parser needed.
  const plain = /^https?:\/\/(?:www\.)?linkedin\.com\/(in|pub)\/([A-Za-z0-9_-]+)\/?$/.exec(raw);
  if (plain) return `https://www.linkedin.com/${plain[1]!.toLowerCase()}/${plain[2]!.toLowerCase()}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) raw = `https://${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!/(^|\.)linkedin\.com$/i.test(url.hostname)) return undefined;
  const match = /^\/(in|pub)\/([^/]+)/i.exec(url.pathname);
  if (!match) return undefined;
  let slug = match[2]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // A stray % is part of the slug as typed; keep it as it is.
  }
  return `https://www.linkedin.com/${match[1]!.toLowerCase()}/${slug.normalize('NFC').toLowerCase()}`;
}

/** A short ASCII slug for readable ids: "Jürgen Müller" → "jurgen-muller". */
export function slugify(value: string, max = 40): string {
  const slug = normalizeName(value).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}


/** True when the schema will accept `value` as a person's email. */
export function isEmail(value: string): boolean {
  return emailSchema.safeParse(value).success;
}
