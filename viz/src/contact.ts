/**
 * How to reach a person, wherever a person is shown: mailto:, tel: and LinkedIn links. The API
 * sends contact cards (graph/service/contact-card.ts) in home-page rows; elsewhere the card is
 * read from the person record (imports keep phone and LinkedIn URL in attributes).
 */
import { getJson } from './api.js';
import { h } from './dom.js';

export interface ContactCard {
  email?: string;
  phone?: string;
  linkedin?: string;
}

interface PersonRecord {
  email?: string;
  attributes?: Record<string, string>;
}

/** The card of a person record. */
export function cardOf(p: PersonRecord): ContactCard {
  const linkedin = p.attributes?.linkedin;
  return { email: p.email, phone: p.attributes?.phone, linkedin: linkedin && /^https:\/\//i.test(linkedin) ? linkedin : undefined };
}

/** The card of a person by id, or an empty card when it cannot be read. */
export async function loadCard(id: string): Promise<ContactCard> {
  try {
    return cardOf(await getJson<PersonRecord>(`/api/people/${encodeURIComponent(id)}`));
  } catch {
    return {};
  }
}

/** The links of a card ("no contact details" when it has none), led by `whose` name when a row shows two people's. */
export function contactLinks(c: ContactCard, whose?: string): HTMLElement {
  const links = h('span', { class: 'contact', 'data-testid': 'contact' });
  if (c.email) links.append(h('a', { href: `mailto:${c.email}`, text: c.email }));
  if (c.phone) links.append(h('a', { href: `tel:${c.phone.replace(/[^\d+]/g, '')}`, text: c.phone }));
  if (c.linkedin) links.append(h('a', { href: c.linkedin, target: '_blank', rel: 'noopener noreferrer', text: 'LinkedIn' }));
  if (!links.childElementCount) links.append(h('span', { class: 'muted', text: 'no contact details' }));
  if (whose !== undefined) links.prepend(h('span', { class: 'contact-whose', dir: 'auto', text: `${whose}:` }));
  return links;
}
