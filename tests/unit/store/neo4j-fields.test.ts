/**
 * The Neo4j store writes and reads a record's fields by FIELDS (graph/store/neo4j/model.ts): a field
 * of the record schemas missing there would be dropped by this store alone, unseen (a private
 * contact's privateTo among them). So the lists are the schemas' own fields, in their order.
 */
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../../graph/store/neo4j/model.js';
import * as schema from '../../../graph/schema.js';
import type { RecordKind } from '../../../graph/records.js';

const SCHEMAS = {
  person: schema.personSchema,
  company: schema.companySchema,
  group: schema.groupSchema,
  event: schema.eventSchema,
  membership: schema.membershipSchema,
  attendance: schema.attendanceSchema,
  interaction: schema.interactionSchema,
  referral: schema.referralSchema,
  dismissal: schema.dismissalSchema,
  introRequest: schema.introRequestSchema,
} satisfies Record<RecordKind, { shape: object }>;

describe('the Neo4j store\'s record fields', () => {
  it.each(Object.keys(SCHEMAS) as RecordKind[])('when a %s is stored, then every field of its schema is written, in schema order', (kind) => {
    expect([...FIELDS[kind]]).toEqual(Object.keys(SCHEMAS[kind].shape));
  });
});
