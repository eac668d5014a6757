/**
 * Routers for the records addressed by id (people, companies, groups, events, interactions,
 * referrals). Thin: parse the request, call the use-case, send the result.
 */
import { Router } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import { listQuerySchemas } from '../../graph/service/list-queries.js';
import type { IdKind } from '../../graph/service/record-schemas.js';
import { parseQuery } from '../parse.js';
import { viewerOf } from '../security/viewer.js';
import { writerOf } from '../security/writer.js';

/** URL segment of each kind. */
export const RESOURCE_PATHS = {
  person: 'people',
  company: 'companies',
  group: 'groups',
  event: 'events',
  interaction: 'interactions',
  referral: 'referrals',
} as const satisfies Record<IdKind, string>;

/** GET list, POST, GET/PUT/PATCH/DELETE by id for one kind, mounted under /api. */
export function recordRouter(service: NetworkService, kind: IdKind): Router {
  const base = `/${RESOURCE_PATHS[kind]}`;
  const router = Router();

  router.get(base, async (req, res) => {
    res.json(await service.list(kind, parseQuery(listQuerySchemas[kind], req), viewerOf(req)));
  });

  router.post(base, async (req, res) => {
    const record = await service.create(kind, req.body, writerOf(req));
    res.status(201).location(`/api${base}/${encodeURIComponent(record.id)}`).json(record);
  });

  router.get(`${base}/:id`, async (req, res) => {
    res.json(await service.get(kind, req.params.id, viewerOf(req)));
  });

  router.put(`${base}/:id`, async (req, res) => {
    const { record, created } = await service.put(kind, req.params.id, req.body, writerOf(req));
    res.status(created ? 201 : 200).json(record);
  });

  router.patch(`${base}/:id`, async (req, res) => {
    res.json(await service.patch(kind, req.params.id, req.body, writerOf(req)));
  });

  router.delete(`${base}/:id`, async (req, res) => {
    res.json({ deleted: await service.remove(kind, req.params.id, writerOf(req)) });
  });

  return router;
}
