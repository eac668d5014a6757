/**
 * Which schema validates each record kind over the API, and the variants used to create records
 * (id optional: the service assigns one) — all derived from graph/schema.ts.
 */
import type { z } from 'zod';
import {
  attendanceSchema,
  companySchema,
  eventSchema,
  groupSchema,
  idSchema,
  interactionSchema,
  membershipSchema,
  personSchema,
  referralSchema,
} from '../schema.js';

/** Kinds addressed by id in URLs. */
export const ID_KINDS = ['person', 'company', 'group', 'event', 'interaction', 'referral'] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** Full record schemas (a stored record always has its id). */
export const RECORD_SCHEMAS = {
  person: personSchema,
  company: companySchema,
  group: groupSchema,
  event: eventSchema,
  interaction: interactionSchema,
  referral: referralSchema,
  membership: membershipSchema,
  attendance: attendanceSchema,
} as const;

/** Bodies of POST (create): the id may be left out. */
export const CREATE_SCHEMAS = {
  person: personSchema.extend({ id: idSchema.optional() }),
  company: companySchema.extend({ id: idSchema.optional() }),
  group: groupSchema.extend({ id: idSchema.optional() }),
  event: eventSchema.extend({ id: idSchema.optional() }),
  interaction: interactionSchema,
  referral: referralSchema,
} as const satisfies { [K in IdKind]: z.ZodType };

/** Prefixes of generated ids, so a reader can tell what an id names. */
export const GENERATED_ID_PREFIX: Record<IdKind, string> = {
  person: 'p-',
  company: 'c-',
  group: 'g-',
  event: 'e-',
  interaction: 'ix-',
  referral: 'rf-',
};
