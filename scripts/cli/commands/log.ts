/**
 * `refnet log PERSON_A PERSON_B --kind KIND`: logs an interaction between two people (POST
 * /api/interactions), as the home page's "Log a meeting" form does: dated today unless --at says
 * otherwise, never after today.
 */
import type { Command } from 'commander';
import { INTERACTION_KINDS, interactionSchema, type Interaction, type InteractionKind } from '../../../graph/schema.js';
import { parseKind } from '../../../graph/importers/values.js';
import type { GlobalOptions } from '../backend.js';
import { usageError } from '../errors.js';
import { checkName, resolve, type Labels } from '../names.js';
import { checkBodyOptions, notInTheFuture, today } from '../option-checks.js';
import { date, printJson, say } from '../output.js';
import { session } from './analytics.js';

const KINDS = INTERACTION_KINDS.join(', ');

/** Each kind as a sentence says it: "Logged a one-to-one between …". */
const KIND_WORDS: Record<InteractionKind, string> = { met: 'a meeting', one_to_one: 'a one-to-one', follow_up: 'a follow-up', call: 'a call', message: 'a message', introduction: 'an introduction' };

/** The hint for a kind the schema refuses: its spelling when it is an everyday name for one ("1-2-1"), else the list. */
function kindHint(given: unknown): string {
  const near = typeof given === 'string' ? parseKind(given) : undefined;
  return near?.ok ? `try … --kind ${near.value} (kinds are written as the API names them: ${KINDS})` : `give --kind one of: ${KINDS}`;
}

async function describe(labels: Labels, i: Interaction & { id: string }): Promise<string> {
  await labels.load('person', [i.a, i.b]);
  return `Logged ${KIND_WORDS[i.kind]} between ${labels.person(i.a)} and ${labels.person(i.b)} on ${date(i.at)}${i.note ? ` (note: ${i.note})` : ''} [${i.id}]`;
}

export function registerLog(program: Command, globals: () => GlobalOptions): void {
  program
    .command('log')
    .description('log an interaction between two people (a meeting, a call…): the home page\'s "Log a meeting"')
    .argument('<person-a>', 'person id or name')
    .argument('<person-b>', 'person id or name')
    .requiredOption('--kind <kind>', `what it was: ${KINDS}`)
    .option('--at <date>', 'when (YYYY-MM-DD, or a date-time with its offset; default today, never after today)')
    .option('--note <text>', 'a note kept with it')
    .action(async (whoA: string, whoB: string, o: { kind: string; at?: string; note?: string }) => {
      const g = globals();
      const at = o.at ?? today();
      checkBodyOptions(interactionSchema.shape, '/api/interactions', { kind: o.kind, at, note: o.note }, { kind: { flag: '--kind', hint: kindHint }, at: { flag: '--at' }, note: { flag: '--note' } });
      notInTheFuture('--at', at, 'log a meeting once it has happened');
      checkName('person', whoA);
      checkName('person', whoB);
      await session(g, async ({ http, labels }) => {
        const [a, b] = [await resolve(http, 'person', whoA), await resolve(http, 'person', whoB)];
        if (a.id === b.id) {
          await labels.load('person', [a.id]);
          throw usageError(`"${whoA}" and "${whoB}" are the same person (${labels.person(a.id)}): an interaction is between two people`, 'name two different people (`refnet people find TEXT` lists them)');
        }
        const body = { a: a.id, b: b.id, kind: o.kind, at, ...(o.note !== undefined && { note: o.note }) };
        const i = await http.post<Interaction & { id: string }>('/api/interactions', JSON.stringify(body), 'application/json');
        if (g.json) return printJson(i);
        say(await describe(labels, i));
      });
    });
}
