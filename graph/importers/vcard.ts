/**
 * vCard address books (.vcf from iOS Contacts, Google Contacts, Outlook; vCard 2.1, 3.0 and 4.0)
 * to person drafts. One card is one "row"; its row number is the line of its BEGIN:VCARD.
 *
 * Mapping: FN (or N) → name; EMAIL (preferred first) → email, others attributes.otherEmails;
 * ORG → company (+ attributes.department); TITLE → title; ROLE → attributes.role;
 * TEL (preferred first) → attributes.phone, the others attributes.otherPhones; N's honorific prefix
 * and a leading honorific in FN are left out of the name; ADR locality/region/country → location;
 * NOTE → attributes.note; CATEGORIES → tags; a LinkedIn URL or X-SOCIALPROFILE → attributes.linkedin.
 * Company cards (iOS X-ABShowAs:COMPANY, or an ORG with no name) are skipped with that reason.
 */
import { addEmails, emptyParsed, ImportFormatError, type ParsedImport, type PersonDraft } from './drafts.js';
import { normalizeLinkedInUrl } from './normalize.js';
import { fullName, withoutHonorifics } from './person-name.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import { components, unescapeText, vCardSteps, type VCard, type VProperty } from './vcard-parser.js';

const MAX_ATTRIBUTE = 1000;

/** Reads .vcf text (any number of cards) into person drafts. */
export function readVCards(text: string): ParsedImport {
  return runAtOnce(readVCardSteps(text));
}

/** readVCards as pausable steps (graph/support/time-slices.ts), for big files on a server. */
export function* readVCardSteps(text: string): Steps<ParsedImport> {
  const file = yield* vCardSteps(text);
  if (file.cards.length === 0 && !file.problems.some((p) => p.message.startsWith('card not closed'))) throw noCards(text);
  const out = emptyParsed('vcard');
  out.rowsRead = file.cards.length;
  for (const p of file.problems) {
    // A card that never closes is lost data: skip it loudly. Other problems are lines, not cards.
    if (p.message.startsWith('card not closed')) {
      out.skipped.push({ row: p.line, reason: p.message });
      out.rowsRead++;
    } else out.warnings.push({ row: p.line, message: p.message });
  }
  let count = 0;
  for (const card of file.cards) {
    if (++count % STEP_EVERY === 0) yield;
    const result = cardToDraft(card, out);
    if (typeof result === 'string') out.skipped.push({ row: card.line, reason: result });
    else out.people.push(result);
  }
  out.skipped.sort((a, b) => a.row - b.row);
  return out;
}

/**
 * A text without a single card is no vCard file, like a CSV file without a header row: refused
 * (a 400, a usage error on the CLI) rather than reported as an import of nothing. A card that
 * never closes counts: it is reported as skipped.
 */
function noCards(text: string): ImportFormatError {
  const what = text.trim() === '' ? 'the file is empty' : 'the file has no BEGIN:VCARD line';
  return new ImportFormatError(`${what}: it holds no vCard (a card runs from BEGIN:VCARD to END:VCARD)`);
}

/** Properties named `name`, preferred ones first (TYPE=pref in 3.0, PREF=1 in 4.0). */
function all(card: VCard, name: string): VProperty[] {
  const rank = (p: VProperty) => {
    const pref = p.params.PREF?.[0];
    if (pref) return Number(pref) || 100;
    return p.params.TYPE?.some((t) => t.toLowerCase() === 'pref') ? 1 : 100;
  };
  return card.properties
    .filter((p) => p.name === name)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

function first(card: VCard, name: string): VProperty | undefined {
  return all(card, name)[0];
}

function textOf(p: VProperty | undefined): string | undefined {
  if (!p) return undefined;
  const v = unescapeText(p.raw).replace(/\r\n?/g, '\n').trim();
  return v || undefined;
}

function cardToDraft(card: VCard, out: ParsedImport): PersonDraft | string {
  // The file's text holds no NUL (formats.ts refuseNulText), but quoted-printable can encode one (=00).
  const nul = card.properties.find((p) => p.raw.includes('\0'));
  if (nul) return `${nul.name} holds a NUL character once decoded (=00 in quoted-printable?): not text; fix the card and import it again`;
  const org = first(card, 'ORG');
  const orgParts = org ? components(org.raw).map((s) => s.trim()) : [];
  const showAs = textOf(first(card, 'X-ABSHOWAS'))?.toUpperCase();
  if (showAs === 'COMPANY') return `a company card (X-ABShowAs:COMPANY${orgParts[0] ? `, ${orgParts[0]}` : ''}), not a person`;

  const n = first(card, 'N');
  const nParts = n ? components(n.raw).map((s) => s.trim()) : [];
  // N is family;given;additional;prefix;suffix. The prefix ("Mr.", "Dr.") is a form of address,
  // not part of the name. FN is how the person wants the name shown, honorifics left out too.
  const fromN = [fullName([nParts[1], nParts[2]].filter(Boolean).join(' '), nParts[0]), nParts[4]].filter(Boolean).join(' ');
  const fn = textOf(first(card, 'FN'));
  const name = (fn && withoutHonorifics(fn)) || (fromN || undefined);
  if (!name) {
    return orgParts[0] ? `a company card (ORG "${orgParts[0]}" and no FN or N), not a person` : 'no name (neither FN nor N)';
  }
  if (name === orgParts[0] && !fromN) return `a company card (FN is the ORG "${name}" and N is empty), not a person`;

  const draft: PersonDraft = { row: card.line, name, emails: [], attributes: {} };
  addEmails(draft, all(card, 'EMAIL').map((p) => unescapeText(p.raw)), out.warnings);
  if (orgParts[0]) draft.company = orgParts[0];
  if (orgParts[1]) draft.attributes.department = orgParts.slice(1).filter(Boolean).join(', ');
  const title = textOf(first(card, 'TITLE'));
  if (title) draft.title = title;
  const role = textOf(first(card, 'ROLE'));
  if (role) draft.attributes.role = role;
  // Every TEL is kept: the preferred one as phone, the others in order as otherPhones.
  const phones = [...new Set(all(card, 'TEL').map((p) => textOf(p)?.replace(/^tel:/i, '').trim()).filter((t): t is string => !!t))];
  if (phones[0]) draft.attributes.phone = phones[0];
  if (phones.length > 1) draft.attributes.otherPhones = phones.slice(1).join(', ');
  const adr = first(card, 'ADR');
  if (adr) {
    // ADR is pobox;extended;street;locality;region;postal code;country. Location = city, region, country.
    const a = components(adr.raw).map((s) => s.replace(/\s+/g, ' ').trim());
    const location = [a[3], a[4], a[6]].filter(Boolean).join(', ');
    if (location) draft.location = location;
  }
  const note = textOf(first(card, 'NOTE'));
  if (note) {
    if (note.length > MAX_ATTRIBUTE) out.warnings.push({ row: card.line, message: `NOTE cut to ${MAX_ATTRIBUTE} characters` });
    draft.attributes.note = note.slice(0, MAX_ATTRIBUTE);
  }
  const categories = all(card, 'CATEGORIES').flatMap((p) => p.raw.split(/(?<!\\),/).map((t) => unescapeText(t).trim()));
  if (categories.some(Boolean)) draft.tags = [...new Set(categories.filter(Boolean))];
  for (const p of [...all(card, 'X-SOCIALPROFILE'), ...all(card, 'URL')]) {
    const url = normalizeLinkedInUrl(unescapeText(p.raw).replace(/^x-apple:/i, ''));
    if (url) {
      draft.attributes.linkedin = url;
      break;
    }
  }
  return draft;
}
