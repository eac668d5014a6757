/**
 * The privacy policy: which dimensions are sensitive (person attribute keys such as `health` or
 * `religion`, or a built-in field) and the smallest count k a report may show for one of them
 * (default 5). A small count on a sensitive dimension identifies people: "the one Buddhist in the
 * chapter". Configured by SENSITIVE_ATTRIBUTES and PRIVACY_MIN_COUNT.
 */
import { ATTRIBUTE_PREFIX, parseDimension } from '../analytics/dimensions.js';

export interface PrivacyPolicy {
  sensitive: ReadonlySet<string>;
  /** Smallest count shown for a sensitive dimension; smaller cells are merged or withheld. */
  k: number;
}

export const DEFAULT_MIN_COUNT = 5;

/** The policy from configuration values (`SENSITIVE_ATTRIBUTES=health,religion`). */
export function privacyPolicy(options: { SENSITIVE_ATTRIBUTES?: string; PRIVACY_MIN_COUNT?: number } = {}): PrivacyPolicy {
  const sensitive = new Set(
    (options.SENSITIVE_ATTRIBUTES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return { sensitive, k: options.PRIVACY_MIN_COUNT ?? DEFAULT_MIN_COUNT };
}

/**
 * True when reports on this dimension must follow the k rule. An attribute is sensitive under
 * any of its names (`religion`, `attributes.religion`), so another spelling cannot bypass the
 * rule; a configured `industry` also covers an attribute named `industry` (the safer reading).
 */
export function isSensitive(policy: PrivacyPolicy, dimension: string): boolean {
  if (policy.sensitive.has(dimension)) return true;
  const d = parseDimension(dimension);
  return d.kind === 'attribute' && (policy.sensitive.has(d.key) || policy.sensitive.has(ATTRIBUTE_PREFIX + d.key));
}
