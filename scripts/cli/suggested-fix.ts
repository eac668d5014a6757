/**
 * "Did you mean" as a command-line fix: the option the user gave, with each value the server
 * refused replaced by its closest spelling (the problem's `errors[].unknown`, docs/API.md
 * "Errors"), ready to paste into the command again: `--target "Law,Tax"`, `-d industry`,
 * `--where industry=Legal`.
 */
import type { Issue } from '../../graph/service/errors.js';
import type { Query } from './http-client.js';

/** The corrected option for one refused parameter, or undefined when no refused value has a close spelling. */
export function suggestedOption(issue: Issue, query: Query): string | undefined {
  const fix = new Map((issue.unknown ?? []).flatMap((u) => (u.didYouMean[0] === undefined ? [] : [[u.value, u.didYouMean[0]] as const])));
  if (fix.size === 0) return undefined;
  const fixed = (v: string) => fix.get(v) ?? v;
  switch (issue.path) {
    case '/query/target': {
      if (typeof query.target !== 'string') return undefined;
      // Split as the server splits target= (api/routes/analytics.ts).
      const entries = query.target.split(',').map((s) => s.trim()).filter(Boolean).map(fixed);
      return `--target ${shellWord([...new Set(entries)].join(','))}`;
    }
    case '/query/dimension':
      return typeof query.dimension === 'string' ? `-d ${shellWord(fixed(query.dimension))}` : undefined;
    case '/query/where': {
      const given = Object.entries(query).find(([k]) => /^where\[.+\]$/.test(k));
      if (!given || typeof given[1] !== 'string') return undefined;
      return `--where ${shellWord(`${fixed(given[0].slice('where['.length, -1))}=${fixed(given[1])}`)}`;
    }
    default:
      return undefined;
  }
}

/** A value as one shell word: bare when it is plain, else in double quotes. */
function shellWord(s: string): string {
  return /^[\w.,=@%+:/-]+$/.test(s) ? s : `"${s.replace(/["\\$`]/g, '\\$&')}"`;
}
