/**
 * Connectors' track record: how often a person asked for an introduction (an intro request,
 * graph/service/intro-requests.ts) actually made it. Reliability with a Laplace-style prior of
 * two made out of two asked, so a connector never asked is 1 and one request moves it little:
 *
 *   r = (made + 2) / (asked + 2)
 *
 * over the requests decided as of asOf: made (status made or outcome by then), declined, or
 * lapsed — still `asked` LAPSE_DAYS = 30 days after it was asked counts as declined. A request
 * asked more recently, or accepted and not yet made, is still open and counts for nothing yet.
 * Each request's status as of asOf is read from its dated history (`changes`). A request naming a
 * person withheld from its connector (another member's private contact: contact-visibility.ts
 * `hiddenFromConnector`) counts for nothing: the connector can never see or answer it, so its
 * lapse says nothing of them — however it came in (an import, a person made private later).
 */
import type { RecordSet } from '../record-set.js';
import type { IntroRequest, IntroRequestStatus } from '../schema.js';
import { hiddenFromConnector } from '../service/contact-visibility.js';

export const LAPSE_DAYS = 30;
const DAY = 86_400_000;

export interface ConnectorRecord {
  /** requests decided: made + declined + lapsed */
  asked: number;
  made: number;
  declined: number;
  lapsed: number;
  /** (made + 2) / (asked + 2) */
  reliability: number;
}

/** The status a request had at `asOf` (undefined: not asked yet then). */
export function statusAt(q: IntroRequest, asOf: number): IntroRequestStatus | undefined {
  if (Date.parse(q.at) > asOf) return undefined;
  let status: IntroRequestStatus = q.changes.length ? 'asked' : q.status;
  for (const c of q.changes) if (Date.parse(c.at) <= asOf) status = c.status;
  return status;
}

/** Every connector's record as of asOf (people never asked are absent: r = 1). */
export function connectorReliability(records: RecordSet, asOf: number): Map<string, ConnectorRecord> {
  const out = new Map<string, ConnectorRecord>();
  const anyPrivate = records.privatePeople.size > 0;
  for (const q of records.maps.introRequest.values()) {
    if (anyPrivate && hiddenFromConnector(records, q).length > 0) continue;
    const status = statusAt(q, asOf);
    if (status === undefined || status === 'accepted') continue;
    const lapsed = status === 'asked';
    if (lapsed && asOf - Date.parse(q.at) < LAPSE_DAYS * DAY) continue;
    const c = out.get(q.connector) ?? { asked: 0, made: 0, declined: 0, lapsed: 0, reliability: 1 };
    c.asked++;
    if (status === 'made' || status === 'outcome') c.made++;
    else if (lapsed) c.lapsed++;
    else c.declined++;
    c.reliability = (c.made + 2) / (c.asked + 2);
    out.set(q.connector, c);
  }
  return out;
}
