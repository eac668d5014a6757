/**
 * How to reach a person: what every row that names someone carries (home page, person panel,
 * re-networking queue, warm-path steps). Imports keep contact details in the person's attributes
 * (graph/importers: vCard TEL → `phone`, LinkedIn URL → `linkedin`; generic CSV the same keys),
 * the email in the record itself.
 */
import type { RecordSet } from '../record-set.js';

export interface ContactCard {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  linkedin?: string;
  company?: string;
  title?: string;
}

/** The card of a person; a person no longer stored shows as their id. */
export function contactCard(records: RecordSet, id: string): ContactCard {
  const p = records.get('person', id);
  if (!p) return { id, name: id };
  const card: ContactCard = { id, name: p.name };
  if (p.email) card.email = p.email;
  const phone = p.attributes?.phone;
  if (phone) card.phone = phone;
  const linkedin = p.attributes?.linkedin;
  if (linkedin && /^https:\/\//i.test(linkedin)) card.linkedin = linkedin;
  if (p.company) card.company = p.company;
  if (p.title) card.title = p.title;
  return card;
}

/** The cards of the people named, each once, in first-mention order. */
export function contactCards(records: RecordSet, ids: Iterable<string>): ContactCard[] {
  return [...new Set(ids)].map((id) => contactCard(records, id));
}
