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

/**
 * Cypher (constant text) computing each field's Neo4j value from `row` into a variable v_<field>,
 * before any write: reading a value only after setting it would make the planner buffer the batch.
 */
export function temporalValuesCypher(fields: readonly string[]): string {
  if (fields.length === 0) return '';
  const values = fields.map((f) => {
    const input = `row.${f}`;
    return `CASE row.${f}Kind WHEN 'date' THEN date(${input}) WHEN 'datetime' THEN datetime(${input}) ELSE ${input} END AS v_${f}`;
  });
  return `WITH *, ${values.join(', ')}`;
}

/** Cypher (constant text) storing the v_<field> values on `variable`, keeping the exact input only when Neo4j prints it differently. */
export function setTemporalCypher(variable: string, fields: readonly string[]): string {
  if (fields.length === 0) return '';
  const sets = fields.map(
    (f) => `${variable}.${f} = v_${f}, ${variable}.${f}Text = CASE WHEN row.${f} IS NULL OR toString(v_${f}) = row.${f} THEN null ELSE row.${f} END`,
  );
  return `SET ${sets.join(', ')}`;
}

/** Cypher (constant text) reading a temporal field back as the string that was written. */
export function readTemporalCypher(variable: string, field: string): string {
  return `${field}: coalesce(${variable}.${field}Text, toString(${variable}.${field}))`;
}
