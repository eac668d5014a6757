/** GET /api/openapi.json and the browsable docs page at /api/docs. */
import { Router } from 'express';
import { DOCS_HTML, DOCS_JS } from '../docs-page.js';

export function docsRouter(openApiDocument: object): Router {
  const router = Router();
  const spec = JSON.stringify(openApiDocument);
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(spec);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  router.get('/docs/app.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_JS);
  });
  return router;
}
