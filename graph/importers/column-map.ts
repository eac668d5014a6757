/**
 * Column mappings for generic CSV: which header holds which field. Headers are recognised by
 * common names ("Full Name", "E-mail Address", "Organization"…) and a user mapping
 * ("name=Full Name,email=E-mail") overrides or completes the guess. A mapping that names an
 * unknown field or a header the file lacks is refused with the list of what exists.
 */
import { RESERVED_ATTRIBUTE_KEYS } from '../schema.js';
import { dict } from '../support/prototype-names.js';
import { ImportFormatError } from './drafts.js';

export type CsvKind = 'people' | 'interactions' | 'referrals';

/** Fields each kind understands, with the header names recognised without a mapping. */
const FIELDS: Record<CsvKind, Record<string, string[]>> = {
  people: {
    id: ['id', 'personid'],
    // English first, then German, French and Spanish headers (Excel exports in those locales).
    name: ['name', 'fullname', 'displayname', 'contactname', 'person', 'vollstandigername', 'nom', 'nomcomplet', 'nombre', 'nombrecompleto'],
    firstName: ['firstname', 'givenname', 'first', 'vorname', 'prenom'],
    lastName: ['lastname', 'surname', 'familyname', 'last', 'nachname', 'familienname', 'nomdefamille', 'apellido', 'apellidos'],
    email: ['email', 'emailaddress', 'mail', 'email1value', 'primaryemail', 'emailadresse', 'courriel', 'adresseemail', 'correo', 'correoelectronico'],
    company: ['company', 'organization', 'organisation', 'employer', 'organization1name', 'business', 'firma', 'unternehmen', 'entreprise', 'societe', 'empresa'],
    title: ['title', 'jobtitle', 'position', 'organization1title', 'berufsbezeichnung', 'poste', 'fonction', 'cargo', 'puesto'],
    industry: ['industry', 'sector', 'branche', 'secteur', 'industrie', 'industria'],
    profession: ['profession', 'occupation', 'classification', 'specialty', 'speciality', 'beruf', 'metier', 'profesion'],
    location: ['location', 'city', 'town', 'ort', 'stadt', 'wohnort', 'ville', 'ciudad', 'localidad'],
    tags: ['tags', 'labels', 'groupmembership'],
    linkedin: ['linkedin', 'linkedinurl', 'linkedinprofile', 'profileurl', 'url'],
    phone: ['phone', 'telephone', 'mobile', 'phonenumber', 'phone1value', 'telefon', 'mobil', 'handy', 'portable', 'telefono', 'movil'],
    note: ['note', 'notes', 'comment', 'comments', 'notiz', 'bemerkung', 'remarque', 'nota', 'notas'],
  },
  interactions: {
    id: ['id', 'interactionid'],
    a: ['a', 'person', 'personA', 'from', 'member', 'who'],
    b: ['b', 'with', 'metwith', 'personb', 'to', 'contact', 'otherperson'],
    kind: ['kind', 'type', 'interaction', 'interactiontype'],
    at: ['at', 'date', 'when', 'on', 'dateof'],
    note: ['note', 'notes', 'comment', 'comments', 'topic'],
  },
  referrals: {
    id: ['id', 'referralid', 'slip', 'slipnumber'],
    from: ['from', 'giver', 'givenby', 'referrer', 'passedby', 'referredby'],
    to: ['to', 'receiver', 'receivedby', 'recipient', 'givento', 'passedto', 'referredto'],
    at: ['at', 'date', 'when', 'datepassed', 'passedon'],
    status: ['status', 'outcome', 'stage'],
    value: ['value', 'amount', 'closedvalue', 'revenue', 'closedbusiness', 'thankyouforclosedbusiness', 'tyfcb'],
    prospect: ['prospect', 'referral', 'contact', 'referralname', 'client'],
    note: ['note', 'notes', 'comment', 'comments', 'details'],
  },
};

/** Fields a row must have a column for. people: name or first/last (checked separately). */
const REQUIRED: Record<CsvKind, string[]> = {
  people: [],
  interactions: ['a', 'b', 'kind', 'at'],
  referrals: ['from', 'to', 'at'],
};

/**
 * A resolved mapping: field → header name in the file; `attributes` maps attribute key → header.
 * Both are null-prototype: attribute keys and headers are user data (`attr.constructor` is a key).
 */
export interface ColumnMapping {
  fields: Record<string, string>;
  attributes: Record<string, string>;
}

// Accents folded first, so "Prénom" and "Teléfono" match their aliases.
const squash = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Parses "name=Full Name,email=E-mail,attr.club=Club" (header names may contain commas, attribute
 * keys any character but , and =). A field given no header ("title=") is read from no column,
 * even one its name would be recognised in.
 */
export function parseColumnMap(spec: string | undefined): Record<string, string> {
  const out = dict<string>();
  if (!spec?.trim()) return out;
  // A comma starts a new entry when a field name or attr.KEY (any characters but , and =) and an
  // = follow; other commas belong to header names.
  for (const part of spec.split(/,(?=\s*(?:(?:attr|attributes?)\.[^,=]+|[A-Za-z][\w.-]*)\s*=)/)) {
    const eq = part.indexOf('=');
    if (eq === -1) throw new ImportFormatError(`bad column mapping "${part.trim()}": write field=Header Name`, 'map');
    const field = part.slice(0, eq).trim();
    const header = part.slice(eq + 1).trim();
    if (!field) throw new ImportFormatError(`bad column mapping "${part.trim()}": write field=Header Name`, 'map');
    out[field] = header;
  }
  return out;
}

/** Fields `kind` understands (for usage messages). */
export function fieldsOf(kind: CsvKind): string[] {
  return Object.keys(FIELDS[kind]);
}

/** Resolves the mapping for a file's header: explicit entries first, then recognised names. */
export function resolveMapping(kind: CsvKind, header: readonly string[], explicit: Record<string, string>): ColumnMapping {
  const known = FIELDS[kind];
  const byHeader = new Map(header.map((h) => [h.toLowerCase(), h]));
  const mapping: ColumnMapping = { fields: dict(), attributes: dict() };
  /** fields mapped to no column: not guessed either */
  const none = new Set<string>();
  for (const [field, wanted] of Object.entries(explicit)) {
    const attr = kind === 'people' ? /^(?:attr|attributes?)\.(.+)$/.exec(field) : null;
    if (!attr && !Object.hasOwn(known, field)) {
      const extra = kind === 'people' ? ', or attr.KEY for a custom attribute' : '';
      throw new ImportFormatError(`column mapping: "${field}" is not a ${kind} field (fields: ${fieldsOf(kind).join(', ')}${extra})`, 'map');
    }
    if (wanted === '' && !attr) {
      none.add(field);
      continue;
    }
    const actual = byHeader.get(wanted.toLowerCase());
    if (!actual) {
      const what = wanted === '' ? 'an attribute needs a column' : `the file has no column "${wanted}"`;
      throw new ImportFormatError(`column mapping ${field}=${wanted}: ${what} (columns: ${header.join(', ')})`, 'map');
    }
    if (attr) {
      if (RESERVED_ATTRIBUTE_KEYS.includes(attr[1]!)) throw new ImportFormatError(`column mapping ${field}: ${attr[1]} is a reserved name and cannot be an attribute key`, 'map');
      mapping.attributes[attr[1]!] = actual;
    } else mapping.fields[field] = actual;
  }
  guessColumns(kind, header, mapping.fields, new Set(Object.values(mapping.fields).concat(Object.values(mapping.attributes))), none);
  const missing = missingFields(kind, mapping.fields);
  if (missing.length) {
    throw new ImportFormatError(
      `no column for ${missing.join(', ')} (columns: ${header.join(', ')}); name the column that holds each in a column mapping: ${missing.map((m) => `${m}=Column`).join(',')}`,
    );
  }
  return mapping;
}

/**
 * Fills `fields` (field → header) with the columns recognised by their names, for the fields not
 * mapped yet nor mapped to no column (`none`), each header read for one field at most (`taken`:
 * headers already read). The one guess the importer makes and the import dialog shows.
 */
export function guessColumns(kind: CsvKind, header: readonly string[], fields: Record<string, string> = dict(), taken = new Set(Object.values(fields)), none: ReadonlySet<string> = new Set()): Record<string, string> {
  for (const [field, aliases] of Object.entries(FIELDS[kind])) {
    if (fields[field] || none.has(field)) continue;
    const found = header.find((h) => !taken.has(h) && aliases.map(squash).includes(squash(h)));
    if (found) {
      fields[field] = found;
      taken.add(found);
    }
  }
  return fields;
}

/** The fields a file of `kind` must have a column for that `fields` lacks (people: a name, or a first or last name). */
export function missingFields(kind: CsvKind, fields: Record<string, string>): string[] {
  const missing = REQUIRED[kind].filter((f) => !fields[f]);
  if (kind === 'people' && !fields.name && !fields.firstName && !fields.lastName) missing.push('name');
  return missing;
}
