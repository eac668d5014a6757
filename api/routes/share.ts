/** POST /api/people/:id/share: a private contact joins the shared network (its owner or an admin). */
import { Router } from 'express';
import type { NetworkService } from '../../graph/service/network-service.js';
import { viewerOf } from '../security/viewer.js';

export function shareRouter(service: NetworkService): Router {
  const router = Router();
  router.post('/people/:id/share', async (req, res) => {
    res.json(await service.share(req.params.id, viewerOf(req)));
  });
  return router;
}
