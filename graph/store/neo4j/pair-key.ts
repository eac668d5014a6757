/** Memberships and attendance are keyed by pairKey(person, group|event): the two ids back, or undefined. */
export function parsePairKey(key: string): [string, string] | undefined {
  try {
    const pair: unknown = JSON.parse(key);
    return Array.isArray(pair) && pair.length === 2 && pair.every((end) => typeof end === 'string')
      ? (pair as [string, string])
      : undefined;
  } catch {
    return undefined;
  }
}
