/**
 * Intro requests (graph/service/intro-requests.ts), always as the calling person (api/me.ts): ask
 * a connector for an introduction, move a request (the connector accepts, declines or marks it
 * made; the requester reports the outcome), and list my requests. Each route: parse → use-case → send.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import type { NetworkService } from '../../graph/service/network-service.js';
import { askIntroSchema, moveIntroSchema } from '../../graph/service/intro-requests.js';
import { introRequestSchema } from '../../graph/schema.js';
import { mePerson, type MeOf } from '../me.js';
import { problemResponse } from '../schemas/problem.js';
import { viewerOf } from '../security/viewer.js';

export interface IntroRequestDeps {
  service: NetworkService;
  /** Who "me" is (api/security). */
  meOf: MeOf;
}

/** What a caller who is nobody can do: there is no /api/people/{id} form, a request is always its person's own. */
const NOBODY_HINT = 'intro requests are asked, answered and listed by a person themselves: sign in with your account (or, in local mode, choose "me" with PUT /api/me first)';

/** Mount under /api. */
export function introRequestsRouter(deps: IntroRequestDeps): Router {
  const { service, meOf } = deps;
  const router = Router();
  router.get('/intro-requests', async (req, res) => {
    res.json(await service.introRequests(mePerson(meOf, req, NOBODY_HINT), viewerOf(req)));
  });
  router.post('/intro-requests', async (req, res) => {
    res.status(201).json(await service.askIntro(mePerson(meOf, req, NOBODY_HINT), req.body, viewerOf(req)));
  });
  router.post('/intro-requests/:id/status', async (req, res) => {
    res.json(await service.moveIntro(mePerson(meOf, req, NOBODY_HINT), req.params.id, req.body, viewerOf(req)));
  });
  return router;
}

/** The intro request paths in the OpenAPI document. */
export function registerIntroRequestsOpenApi(registry: OpenAPIRegistry): void {
  const tags = ['intro requests'];
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const nobody = { 409: problemResponse('The request acts as no person (an API key, or local mode before choosing "me")') };
  const list = z.object({ byMe: z.array(introRequestSchema), ofMe: z.array(introRequestSchema), aboutMe: z.array(introRequestSchema) });
  registry.registerPath({ method: 'get', path: '/api/intro-requests', tags, summary: 'My intro requests: asked by me, asked of me (as connector), naming me as target (without the requester\'s or connector\'s notes); newest first', responses: { 200: json('My requests', list), 404: problemResponse('"me" is no stored person'), ...nobody } });
  registry.registerPath({
    method: 'post',
    path: '/api/intro-requests',
    tags,
    summary: 'Ask a connector for an introduction to a target (I am the requester); the connector must have ties to both',
    request: { body: body(askIntroSchema) },
    responses: {
      201: json('The request, status asked', introRequestSchema),
      400: problemResponse('Invalid body, an unknown person, a person the connector may not see (a private contact not theirs, named to the requester), or a missing tie (named)'),
      409: problemResponse('The request acts as no person (an API key, or local mode before choosing "me"), or I already asked this connector for this target and that request is still open (asked or accepted; named with its date)'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/intro-requests/{id}/status',
    tags,
    summary: 'Move a request: the connector accepts, declines or marks it made (which logs an introduction interaction in the same write); the requester reports the outcome',
    request: { params: z.object({ id: z.string().describe('the intro request id') }), body: body(moveIntroSchema) },
    responses: {
      200: json('The request as moved', introRequestSchema),
      400: problemResponse('Invalid body'),
      403: problemResponse('Not mine to move (only the connector answers, only the requester reports the outcome)'),
      404: problemResponse('Unknown request'),
      409: problemResponse('Not a move from the current status, or the request acts as no person'),
    },
  });
}
