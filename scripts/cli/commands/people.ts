/**
 * `refnet people merge KEEP REMOVE`: folds a duplicate into the person kept, through the API
 * (POST /api/people/merge/preview, then /api/people/merge: one atomic write). --dry-run shows the
 * preview only; the global --json prints the API's answer unchanged.
 * `refnet people share PERSON`: a private contact joins the shared network (POST /api/people/{id}/share).
 */
import type { Command } from 'commander';
import { collectionLabel } from '../../../graph/schema.js';
import { backendFor, type GlobalOptions } from '../backend.js';
import { resolve } from '../names.js';
import { printJson, say, table } from '../output.js';

interface MergeAnswer {
  keep: { id: string; name: string };
  remove: { id: string; name: string };
  conflicts: { field: string; kept: string; dropped: string; note?: string }[];
  moved: Record<string, number>;
  dropped: Record<string, number>;
}

export function registerPeople(program: Command, globals: () => GlobalOptions): void {
  const people = program.commands.find((c) => c.name() === 'people') ?? program.command('people').description('people records');
  people
    .command('merge')
    .argument('<keep>', 'the person kept (id or name)')
    .argument('<remove>', 'the duplicate folded into them, then deleted (id or name)')
    .option('--dry-run', 'show what would move; write nothing')
    .description('merge two records of the same person: memberships, attendance, interactions, referrals and dismissals move to <keep> in one atomic write')
    .action(async (keep: string, remove: string, o: { dryRun?: boolean }) => {
      const g = globals();
      const backend = backendFor(g);
      try {
        const http = await backend.http();
        const body = JSON.stringify({ keep: (await resolve(http, 'person', keep)).id, remove: (await resolve(http, 'person', remove)).id });
        const answer = await http.post<MergeAnswer>(o.dryRun ? '/api/people/merge/preview' : '/api/people/merge', body, 'application/json');
        if (g.json) return printJson(answer);
        say(`${o.dryRun ? 'would merge' : 'merged'} ${answer.remove.name} (${answer.remove.id}) into ${answer.keep.name} (${answer.keep.id})`);
        say(table(['records', 'moved', 'dropped'], Object.keys(answer.moved).map((k) => [collectionLabel(k), answer.moved[k]!, answer.dropped[k] ?? 0])));
        // An empty kept value is none (a privateTo that goes: the merged person is shared), and the note says why.
        for (const c of answer.conflicts) say(`kept ${c.field} ${c.kept === '' ? 'none' : `"${c.kept}"`}, dropped "${c.dropped}"${c.note ? ` (${c.note})` : ''}`);
      } finally {
        await backend.close();
      }
    });
  people
    .command('share')
    .argument('<person>', 'the private contact (id or name)')
    .description("make a private contact (imported from someone's LinkedIn or vCard export) part of the shared network: its owner or an admin")
    .action(async (who: string) => {
      const g = globals();
      const backend = backendFor(g);
      try {
        const http = await backend.http();
        const { id } = await resolve(http, 'person', who);
        const answer = await http.post<{ id: string; name: string }>(`/api/people/${encodeURIComponent(id)}/share`, '', 'application/json');
        if (g.json) return printJson(answer);
        say(`shared ${answer.name} (${answer.id}) with the network`);
      } finally {
        await backend.close();
      }
    });
}
