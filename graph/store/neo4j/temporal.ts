/**
 * Dates go into Neo4j as DATE or DATETIME values, so Cypher users can compare and index them.
 * The statements convert with date()/datetime() only what is certainly valid for them; anything
 * else stays a string. The exact input string is kept beside the value only when Neo4j would print
 * it differently (09:30:00Z prints as 09:30Z), so a record reads back exactly as written.
 */

export type TemporalKind = 'date' | 'datetime' | 'text';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Which Cypher constructor can take `value` without failing or losing precision. */
export function temporalKind(value: string): TemporalKind {
  const date = DATE.exec(value);
  if (date) return validDay(date[1]!, date[2]!, date[3]!) ? 'date' : 'text';
  const dt = DATETIME.exec(value);
  if (!dt || !validDay(dt[1]!, dt[2]!, dt[3]!)) return 'text';
  const [hour, minute, second] = [Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0)];
  return hour < 24 && minute < 60 && second < 60 ? 'datetime' : 'text';
}

function validDay(y: string, m: string, d: string): boolean {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Cypher (constant text) that stores `row.<field>` on `variable` as a temporal and keeps the exact input when needed. */
export function setTemporalCypher(variable: string, field: string): string {
  const input = `row.${field}`;
  const kind = `row.${field}Kind`;
  return [
    `SET ${variable}.${field} = CASE ${kind} WHEN 'date' THEN date(${input}) WHEN 'datetime' THEN datetime(${input}) ELSE ${input} END`,
    `SET ${variable}.${field}Text = CASE WHEN ${input} IS NULL OR toString(${variable}.${field}) = ${input} THEN null ELSE ${input} END`,
  ].join('\n');
}

/** Cypher (constant text) reading a temporal field back as the string that was written. */
export function readTemporalCypher(variable: string, field: string): string {
  return `${field}: coalesce(${variable}.${field}Text, toString(${variable}.${field}))`;
}
