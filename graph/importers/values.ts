/**
 * Cell values as spreadsheets write them: interaction kinds and referral statuses under their
 * everyday names ("1-2-1", "Closed won"), and money with currency signs and thousands separators.
 */
import { INTERACTION_KINDS, MAX_MONEY, REFERRAL_STATUSES, type InteractionKind, type ReferralStatus } from '../schema.js';

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const KIND_ALIASES: Record<string, InteractionKind> = {
  met: 'met', meeting: 'met', meet: 'met', event: 'met',
  onetoone: 'one_to_one', '121': 'one_to_one', '1to1': 'one_to_one', '11': 'one_to_one', oneonone: 'one_to_one', '1on1': 'one_to_one',
  followup: 'follow_up',
  call: 'call', phone: 'call', phonecall: 'call', videocall: 'call',
  message: 'message', email: 'message', msg: 'message', text: 'message', chat: 'message',
  introduction: 'introduction', intro: 'introduction',
};

const STATUS_ALIASES: Record<string, ReferralStatus> = {
  passed: 'passed', given: 'passed', open: 'passed', new: 'passed', sent: 'passed',
  contacted: 'contacted', inprogress: 'contacted', pending: 'contacted', followedup: 'contacted',
  won: 'won', closedwon: 'won', closed: 'won', converted: 'won', business: 'won',
  lost: 'lost', closedlost: 'lost', declined: 'lost', dead: 'lost', nobusiness: 'lost',
};

export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An interaction kind from its everyday name. */
export function parseKind(raw: string): ValueResult<InteractionKind> {
  const kind = KIND_ALIASES[squash(raw)];
  return kind
    ? { ok: true, value: kind }
    : { ok: false, reason: `unknown interaction kind "${raw.trim()}" (use ${INTERACTION_KINDS.join(', ')})` };
}

/** A referral status from its everyday name; an empty cell means the referral was just passed. */
export function parseStatus(raw: string): ValueResult<ReferralStatus> {
  if (!raw.trim()) return { ok: true, value: 'passed' };
  const status = STATUS_ALIASES[squash(raw)];
  return status
    ? { ok: true, value: status }
    : { ok: false, reason: `unknown referral status "${raw.trim()}" (use ${REFERRAL_STATUSES.join(', ')})` };
}

/**
 * A non-negative amount: "$1,250.00", "1.250,00 €", "1 250", "£900". When both "," and "." appear
 * the last one is the decimal mark; a lone separator followed by exactly three digits groups
 * thousands.
 */
export function parseMoney(raw: string): ValueResult<number> {
  // Accounting's (500) and a trailing 500- are negative, as a leading minus is: none is a value.
  if (/^\D*-|-\D*$|\(.*\d.*\)/.test(raw)) return { ok: false, reason: `a negative amount: "${raw.trim()}" (a referral's value is 0 or more)` };
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/^(?:[A-Z]{3}|[^\d.,-]+)|(?:[A-Z]{3}|[^\d.,]+)$/g, '');
  const bad = { ok: false as const, reason: `not an amount: "${raw.trim()}"` };
  if (!/^\d[\d.,]*$/.test(s)) return bad;
  let normalised: string;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma !== -1 && lastDot !== -1) {
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    normalised = s.split(group).join('').replace(dec, '.');
  } else {
    const sep = lastComma !== -1 ? ',' : lastDot !== -1 ? '.' : '';
    if (!sep) normalised = s;
    else {
      const parts = s.split(sep);
      const thousands = parts.length > 2 || (parts[1]!.length === 3 && parts[0] !== '0');
      normalised = thousands ? parts.join('') : parts.join('.');
    }
  }
  const value = Number(normalised);
  if (!(Number.isFinite(value) && value >= 0)) return bad;
  if (value > MAX_MONEY) return { ok: false, reason: `"${raw.trim()}" is more than a referral's value may be (at most ${MAX_MONEY.toLocaleString('en-US')})` };
  return { ok: true, value };
}
