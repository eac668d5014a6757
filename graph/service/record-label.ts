/**
 * How a server message names a person, a group or an event: by name, as the pages and the CLI do,
 * never by a bare id ("Grace Parker", not "p091"). The id follows in brackets only when another
 * record of the kind has the same name (any case, accents optional: the CLI's Labels), so two
 * namesakes can be told apart; an event also gives its day. An id no record holds is quoted as
 * given. Only shared people count as namesakes: a message never hints at another member's private
 * contact.
 */
import type { RecordSet } from '../record-set.js';
import { foldText } from './text-match.js';

export type NamedKind = 'person' | 'group' | 'event';

export function recordLabel(records: RecordSet, kind: NamedKind, id: string): string {
  const record = records.get(kind, id);
  if (!record) return `"${id}"`;
  const day = 'at' in record ? ` on ${record.at.slice(0, 10)}` : '';
  const same = (other: { id: string; name: string; at?: string; privateTo?: string }) =>
    other.id !== id && other.privateTo === undefined && foldText(other.name) === foldText(record.name) && (other.at === undefined || other.at.slice(0, 10) === day.slice(4));
  let namesake = false;
  for (const other of records.maps[kind].values()) {
    if (same(other)) {
      namesake = true;
      break;
    }
  }
  return `${record.name}${day}${namesake ? ` [${id}]` : ''}`;
}

/** A person as a message names them (recordLabel). */
export function personLabel(records: RecordSet, id: string): string {
  return recordLabel(records, 'person', id);
}
