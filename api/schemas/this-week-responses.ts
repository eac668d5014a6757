/** Response schemas of the home page's endpoints (api/routes/this-week.ts), for the OpenAPI document. */
import { z } from 'zod';
import { personSchema } from '../../graph/schema.js';

const count = z.number().int();
const stageCounts = z.object({ visibility: count, credibility: count, profitability: count });

export const contactCardResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  linkedin: z.string().optional().describe('https URL of the LinkedIn profile'),
  company: z.string().optional(),
  title: z.string().optional(),
});

const row = <T extends z.ZodRawShape>(extra: T) => z.object({ key: z.string().describe('stable row key: section and ids'), person: contactCardResponse, reason: z.string(), ...extra });

export const weekResponse = z.object({
  currency: z.string().describe('ISO 4217 code of referral values (CURRENCY)'),
  person: contactCardResponse,
  asOf: z.string(),
  followUps: z.array(row({ event: z.object({ id: z.string(), name: z.string(), at: z.string() }), daysSince: count })),
  dormant: z.array(row({ stage: z.string(), daysSinceContact: count, cadenceDays: z.number(), score: z.number() })),
  owed: z.array(row({ referralsReceived: count, valueReceived: z.number() })),
  introductions: z.array(row({ other: contactCardResponse, referralTraffic: z.number(), message: z.string().describe('a drafted introduction to copy') })),
  introductionsNote: z.string().optional().describe('why introductions are empty (a sensitive dimension)'),
  slips: z.array(row({ referral: z.string(), direction: z.enum(['given', 'received']), status: z.string(), ageDays: count, prospect: z.string().optional(), value: z.number().optional() })),
  funnel: z.object({ now: stageCounts, before: stageCounts, change: stageCounts, since: z.string() }),
  hidden: z.array(z.object({ key: z.string(), kind: z.enum(['snoozed', 'not_relevant']), until: z.string().optional(), about: z.array(z.string()) })),
});

const mergeCounts = z.object({ memberships: count, attendance: count, interactions: count, referrals: count, dismissals: count, introRequests: count });

export const mergeResponse = z.object({
  keep: personSchema,
  remove: personSchema,
  merged: personSchema.describe('the kept person as stored'),
  conflicts: z.array(
    z.object({
      field: z.string(),
      kept: z.string().describe('the merged person\'s value ("" when it has none)'),
      dropped: z.string(),
      note: z.string().optional().describe('why, when the kept value does not simply win (privateTo: a merge of a private and a shared record is shared)'),
    }),
  ),
  moved: mergeCounts.describe('records rewritten to name the kept person; dismissals: the removed person\'s and every one whose row names them, whoever hid it'),
  dropped: mergeCounts.describe('records dropped: between the two, already held by the kept person, or a dismissal of no row of its person\'s week, or one of two of a row its person hid (the later choice stays)'),
});
