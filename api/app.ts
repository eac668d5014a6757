/**
 * createApp builds the Express application from its dependencies and never listens (tests and
 * server.ts own the port). The middleware runs in named stages so later features slot in without
 * reshuffling: request id + logging → security headers → request line checks → health → /api
 * guards (auth, rate limits) → undocumented query parameters (400) → body parsing → docs → store
 * sync → routers → 405 → 404 → the one error handler.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseQueryString } from 'node:querystring';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { LiveNetwork } from '../graph/live-network.js';
import type { NetworkService } from '../graph/service/network-service.js';
import type { StorePort } from '../graph/store/port.js';
import type { Config } from './config.js';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { privateNoCache } from './cache-control.js';
import { JSON_BODY, JSON_TYPES, hasBody, jsonBodyParser, unsupportedMediaType } from './json-body.js';
import { canonicalPathOf, isUnder } from './canonical-path.js';
import { jsonDocumentBody } from './json-document-body.js';
import { buildOpenApiDocument } from './openapi.js';
import type { Metrics } from './metrics.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { errorHandler, notFoundHandler } from './problem.js';
import { requestLineGuard } from './request-line.js';
import { undocumentedQuery } from './undocumented-query.js';
import { backupRouter } from './routes/backup.js';
import { docsRouter } from './routes/docs.js';
import { healthRouter } from './routes/health.js';
import { importExportRouter } from './routes/import-export.js';
import { importFilesRouter } from './routes/import-files.js';
import { linkRouter } from './routes/links.js';
import { vizRouter } from './routes/map-static.js';
import { recordRouter } from './routes/records.js';
import { shareRouter } from './routes/share.js';

export interface AppDeps {
  config: Pick<Config, 'BODY_LIMIT' | 'JSON_BODY_LIMIT'> & Partial<Pick<Config, 'TRUST_PROXY'>>;
  logger: Logger;
  store: StorePort;
  network: LiveNetwork;
  service: NetworkService;
  /** Run before every /api route, before the body is read: authentication, rate limits. */
  guards?: RequestHandler[];
  /** Extra routers mounted under /api after the built-in ones (analytics, map). */
  routers?: Router[];
  /** Extra members of the /readyz body (e.g. the analytics warm-up state). */
  readiness?: () => Record<string, unknown>;
  /** Why the service is not ready although the store answers (e.g. the analytics projection failed), if so. */
  notReady?: () => string | undefined;
  /** Registers the extra routers' paths and schemas in the OpenAPI document. */
  openapi?: ((registry: OpenAPIRegistry) => void)[];
  /** Prometheus metrics: every request is counted, and GET /metrics serves them behind the /api guards. */
  metrics?: Metrics;
}

/** The refnet HTTP application. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, store, network, service } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Flat key=value pairs, as 'simple' reads them, but every one of them: 'simple' stops after
  // 1,000, so a parameter placed after 1,000 `&` (dryRun=true on an import) was silently dropped.
  // The URL's length limit (api/request-line.ts) bounds how many there can be.
  app.set('query parser', (query: string) => parseQueryString(query, '&', '=', { maxKeys: 0 }));
  app.set('trust proxy', config.TRUST_PROXY ?? false);

  if (deps.metrics) app.use(deps.metrics.requests);
  app.use(requestLogging(logger));
  // refnet serves plain HTTP (TLS, if any, ends at a proxy): CSP's upgrade-insecure-requests
  // would send the docs page's and map's own scripts to https:// on any non-localhost address.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(requestLineGuard);
  app.use(healthRouter(store, network, deps.readiness, deps.notReady));
  const guards = guardChain(deps.guards ?? []);
  app.use(apiGuards(guards));
  const openapi = buildOpenApiDocument((registry) => deps.openapi?.forEach((register) => register(registry)));
  // After authentication, before any body is read: a query parameter the operation does not document is a 400.
  app.use(undocumentedQuery(openapi));
  // Outside /api as Prometheus expects, but behind the same guards: a key with read scope when
  // keys exist (scrapers send it as a bearer token), open in local mode.
  if (deps.metrics) app.get('/metrics', guards, deps.metrics.handler);

  const api = express.Router();
  api.use(privateNoCache);
  // CSV and vCard uploads to /import (graph/importers) are read before the JSON-only body guard.
  api.use(importFilesRouter(service, config.BODY_LIMIT));
  api.use(requireJsonBody);
  api.use('/import', jsonDocumentBody(config.BODY_LIMIT, JSON_TYPES));
  api.use(jsonBodyParser({ limit: config.JSON_BODY_LIMIT }));
  api.use(docsRouter(openapi));
  api.use(syncBeforeData(network));

  api.use(importExportRouter(service));
  api.use(backupRouter(service, store.kind));
  for (const kind of ['person', 'company', 'group', 'event', 'interaction', 'referral'] as const) api.use(recordRouter(service, kind));
  api.use(shareRouter(service));
  api.use(linkRouter(service, 'membership'));
  api.use(linkRouter(service, 'attendance'));
  // Analytics and map routers are mounted here, one line each (api.use(xRouter(deps))).
  for (const router of deps.routers ?? []) api.use(router);

  app.use('/api', ...(deps.metrics ? [deps.metrics.mountedAt('/api')] : []), api);
  app.use(vizRouter());
  app.use(methodNotAllowed(openapi));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** The guards as one handler. */
function guardChain(guards: RequestHandler[]): RequestHandler {
  const chain = express.Router();
  for (const guard of guards) chain.use(guard);
  return chain;
}

/**
 * Runs the guards for every request whose canonical path is under /api — not only for those the
 * /api mount matches — so that no spelling of an /api path (letter case, doubled slashes,
 * percent-encoding) is authorized differently from the canonical one.
 */
function apiGuards(chain: RequestHandler): RequestHandler {
  return (req, res, next) => (isUnder(canonicalPathOf(req), '/api') ? chain(req, res, next) : next());
}

/** pino-http with request ids (a sane incoming X-Request-Id is kept) and no secrets in logs. */
function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Headers may carry API keys and cookies; bodies carry personal data. Log neither.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** A write whose body is not JSON is refused up front (415, naming what it reads) rather than read as "no body". */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is(JSON_TYPES)) {
    return next(unsupportedMediaType(req, JSON_BODY));
  }
  next();
};

/** Data requests see everything written before them, even by another instance on the same store. */
function syncBeforeData(network: LiveNetwork): RequestHandler {
  return (_req, _res, next) => {
    network.sync().then(() => next(), next);
  };
}
