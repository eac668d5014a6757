/** GET /api/openapi.json and the API docs page at /api/docs (Swagger UI, served locally: api/docs-page.ts). */
import { Router } from 'express';
import { DOCS_CSS, DOCS_HTML, DOCS_JS, SWAGGER_FILES, swaggerFile } from '../docs-page.js';

export function docsRouter(openApiDocument: object): Router {
  const router = Router();
  const spec = JSON.stringify(openApiDocument);
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(spec);
  });
  router.get(['/docs', '/docs/'], (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_JS);
  });
  router.get('/docs/page.css', (_req, res) => {
    res.type('text/css').send(DOCS_CSS);
  });
  router.get('/docs/:file', (req, res, next) => {
    const type = Object.hasOwn(SWAGGER_FILES, req.params.file) ? SWAGGER_FILES[req.params.file] : undefined;
    if (!type) return next();
    res.type(type).sendFile(swaggerFile(req.params.file), { maxAge: '1d' });
  });
  return router;
}
