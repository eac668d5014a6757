/**
 * `refnet intro ask|list|accept|decline|made|outcome`: intro requests through the API
 * (/api/intro-requests), always as "me" — in local mode the person chosen with PUT /api/me, which
 * `--as PERSON` sets first; with an admin API key (needed once accounts exist) the person `--as`
 * names, on each request (acting-as.ts).
 */
import type { Command } from 'commander';
import type { GlobalOptions } from '../backend.js';
import { actAs, AS_OPTION, checkAs } from '../acting-as.js';
import { checkBody } from '../http-client.js';
import { resolve, type Labels } from '../names.js';
import { askIntroSchema, moveIntroSchema } from '../../../graph/service/intro-requests.js';
import { date, printJson, say, table, idColumn } from '../output.js';
import { session } from './analytics.js';
import type { IntroRequest } from '../../../graph/schema.js';


const json = 'application/json';

async function describe(labels: Labels, q: IntroRequest): Promise<string> {
  await labels.load('person', [q.requester, q.connector, q.target]);
  return `${labels.person(q.requester)} asked ${labels.person(q.connector)} for an introduction to ${labels.person(q.target)}: ${q.status}${q.outcome ? ` (${q.outcome})` : ''} [${q.id}]`;
}

export function registerIntro(program: Command, globals: () => GlobalOptions): void {
  const intro = program.command('intro').description('intro requests: ask a connector for an introduction, answer the ones asked of you');
  const as = AS_OPTION;

  intro
    .command('ask')
    .description('ask a connector (who knows both of you) for an introduction to a target')
    .argument('<connector>', 'person id or name')
    .argument('<target>', 'person id or name')
    .option('--note <text>', 'why you want to meet them')
    .option(...as)
    .action(async (connector: string, target: string, o: { note?: string; as?: string }) => {
      const g = globals();
      checkAs(o.as);
      checkBody(askIntroSchema.pick({ note: true }), '/api/intro-requests', { ...(o.note !== undefined && { note: o.note }) }, { note: '--note' });
      await session(g, async ({ http, labels }) => {
        await actAs(http, o.as);
        const body = { connector: (await resolve(http, 'person', connector)).id, target: (await resolve(http, 'person', target)).id, ...(o.note !== undefined && { note: o.note }) };
        const q = await http.post<IntroRequest>('/api/intro-requests', JSON.stringify(body), json);
        if (g.json) return printJson(q);
        say(await describe(labels, q));
      });
    });

  intro
    .command('list')
    .description('intro requests asked by me and asked of me')
    .option(...as)
    .action(async (o: { as?: string }) => {
      const g = globals();
      checkAs(o.as);
      await session(g, async ({ http, labels }) => {
        await actAs(http, o.as);
        const r = await http.get<{ byMe: IntroRequest[]; ofMe: IntroRequest[]; aboutMe: IntroRequest[] }>('/api/intro-requests');
        if (g.json) return printJson(r);
        await labels.load('person', [...r.byMe, ...r.ofMe].flatMap((q) => [q.requester, q.connector, q.target]));
        const rows = (qs: IntroRequest[]) => qs.map((q) => [q.id, labels.person(q.requester), labels.person(q.connector), labels.person(q.target), q.status + (q.outcome ? ` (${q.outcome})` : ''), date(q.at)]);
        const head = [idColumn('id'), 'requester', 'connector', 'target', 'status', 'asked'];
        say(r.ofMe.length ? `Asked of me:\n${table(head, rows(r.ofMe))}` : 'Nobody has asked you for an introduction.');
        say(r.byMe.length ? `Asked by me:\n${table(head, rows(r.byMe))}` : 'You have asked for no introduction.');
      });
    });

  const move = (name: string, description: string, status: string) =>
    intro
      .command(name)
      .description(description)
      .argument('<id>', 'the request id (refnet intro list)')
      .option('--note <text>', 'a note kept with this move (the asking note stays)')
      .option(...as)
      .action(async (id: string, o: { note?: string; as?: string }) => {
        const g = globals();
        const body = { status, ...(o.note !== undefined && { note: o.note }) };
        checkAs(o.as);
        checkBody(moveIntroSchema, '/api/intro-requests/{id}/status', body, { note: '--note' });
        await session(g, async ({ http, labels }) => {
          await actAs(http, o.as);
          const q = await http.post<IntroRequest>(`/api/intro-requests/${encodeURIComponent(id)}/status`, JSON.stringify(body), json);
          if (g.json) return printJson(q);
          say(await describe(labels, q));
        });
      });
  move('accept', 'accept an introduction asked of you (as the connector)', 'accepted');
  move('decline', 'decline an introduction asked of you (as the connector)', 'declined');
  move('made', 'mark an introduction made (as the connector): logs an introduction between requester and target', 'made');

  intro
    .command('outcome')
    .description('what came of an introduction made for you (as the requester)')
    .argument('<id>', 'the request id')
    .argument('<outcome>', 'met, referral or nothing')
    .option(...as)
    .action(async (id: string, outcome: string, o: { as?: string }) => {
      const g = globals();
      const body = { status: 'outcome', outcome };
      checkAs(o.as);
      checkBody(moveIntroSchema, '/api/intro-requests/{id}/status', body, { outcome: '<outcome>' });
      await session(g, async ({ http, labels }) => {
        await actAs(http, o.as);
        const q = await http.post<IntroRequest>(`/api/intro-requests/${encodeURIComponent(id)}/status`, JSON.stringify(body), json);
        if (g.json) return printJson(q);
        say(await describe(labels, q));
      });
    });
}
