/**
 * Routers for memberships (person ∈ group) and attendance (person at event): records keyed by
 * their two ends, so they are added with POST (upsert) and removed by both ids.
 */
import { Router } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import { listQuerySchemas } from '../../graph/service/list-queries.js';
import { parseQuery } from '../parse.js';
import { viewerOf } from '../security/viewer.js';
import { writerOf } from '../security/writer.js';

const LINKS = {
  membership: { path: 'memberships', right: 'group' },
  attendance: { path: 'attendance', right: 'event' },
} as const;

/** GET list, POST (201 new / 200 replaced), DELETE /:person/:group|event. */
export function linkRouter(service: NetworkService, kind: keyof typeof LINKS): Router {
  const { path } = LINKS[kind];
  const router = Router();

  router.get(`/${path}`, async (req, res) => {
    res.json(await service.list(kind, parseQuery(listQuerySchemas[kind], req), viewerOf(req)));
  });

  router.post(`/${path}`, async (req, res) => {
    const { record, created } = await service.putPair(kind, req.body, writerOf(req));
    res.status(created ? 201 : 200).json(record);
  });

  router.delete(`/${path}/:person/:other`, async (req, res) => {
    await service.removePair(kind, req.params.person, req.params.other, writerOf(req));
    res.status(204).end();
  });

  return router;
}
