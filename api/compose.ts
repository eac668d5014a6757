/**
 * The composition root: from a configuration to a running refnet (store → live network →
 * service → app). scripts/serve.ts uses it; analytics and map listeners and routers are wired
 * here, so every entry point gets the same service.
 */
import type { Express } from 'express';
import type { Logger } from 'pino';
import { LiveNetwork } from '../graph/live-network.js';
import { NetworkService } from '../graph/service/network-service.js';
import type { Clock } from '../graph/support/clock.js';
import { StoreUnavailableError, type StorePort } from '../graph/store/port.js';
import { AnalyticsEngine, type Analytics } from '../graph/analytics/engine.js';
import { privacyPolicy } from '../graph/privacy/policy.js';
import { PrivateAnalyticsEngine } from '../graph/privacy/private-analytics.js';
import { createApp } from './app.js';
import { analyticsRouter } from './routes/analytics.js';
import { chapterReportRouter } from './routes/chapter-report.js';
import { registerChapterReportOpenApi } from './schemas/chapter-report.js';
import { registerAnalyticsOpenApi } from './routes/analytics-schemas.js';
import { mapRouter } from './routes/map.js';
import { sensitiveFiltersGuard } from './routes/sensitive-filters.js';
import { registerThisWeekOpenApi, thisWeekRouter } from './routes/this-week.js';
import { introRequestsRouter, registerIntroRequestsOpenApi } from './routes/intro-requests.js';
import { registerMapOpenApi } from './schemas/register-map.js';
import { registerSecurityOpenApi } from './schemas/register-security.js';
import { warmUpGate } from './routes/warm-up-gate.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { openStore } from './open-store.js';
import { createSecurity, type SecurityOptions } from './security/index.js';

/** The OpenAPI registrations of the routers wired here (the built-in routes register in createApp). */
export const OPENAPI_ROUTES = [registerAnalyticsOpenApi, registerChapterReportOpenApi, registerMapOpenApi, registerSecurityOpenApi, registerThisWeekOpenApi, registerIntroRequestsOpenApi];

export interface Refnet {
  app: Express;
  store: StorePort;
  network: LiveNetwork;
  service: NetworkService;
  /** The analytics (an engine with its projection, CSR snapshots and caches, kept in step with `network`, behind the privacy policy). */
  analytics: Analytics;
  logger: Logger;
  /** Closes the store (after the server has stopped taking requests). */
  close(): Promise<void>;
}

/** Opens the configured store, loads the network and builds the app (does not listen). */
export async function createRefnet(config: Config, options: { logger?: Logger; store?: StorePort; security?: SecurityOptions; clock?: Clock } = {}): Promise<Refnet> {
  const logger = options.logger ?? createLogger(config);
  // Refuses an unsafe bind (non-loopback HOST, no API key) before touching the store.
  const security = createSecurity(config, options.security);
  logger.info({ auth: security.mode, keysFile: security.keysFile }, security.mode === 'local' ? 'local mode: loopback only, no API key needed' : 'API keys required');
  const store = options.store ?? (await openStore(config, logger));
  try {
    const metrics = createMetrics(store);
    const network = new LiveNetwork(store);
    network.onWrite = (ms, ok) => metrics.storeWrite(ms, ok);
    await openAndLoad(store, network, logger);
    const service = new NetworkService(network, { clock: options.clock, accounts: security.accountHolders });
    // Sensitive attributes follow the k rule in every analytics answer (graph/privacy).
    // The projection is built in the background (sliced) after the load, and after a bulk write
    // when an analytics read asks: the service is ready once the records are loaded; analytics
    // reads wait (bounded) for the warm-up (api/routes/warm-up-gate.ts).
    const policy = privacyPolicy(config);
    const engine = new AnalyticsEngine({ ...config.ANALYTICS_CONFIG, currency: config.CURRENCY })
      .onProjectionError((err, during) => logger.error({ err, during }, during === 'change' ? 'a change did not apply to the analytics projection: rebuilding it from the records' : 'the analytics projection failed to build'))
      .observe(metrics.analytics)
      .attach(network)
      .warmSoon();
    const analytics = new PrivateAnalyticsEngine(engine, policy);
    metrics.watchWarmUp(() => analytics.warmUpStatus());
    const routers = [warmUpGate(analytics), mapRouter({ analytics, policy }), analyticsRouter({ analytics }), chapterReportRouter(analytics), thisWeekRouter({ analytics, service, config, meOf: security.meOf }), introRequestsRouter({ service, meOf: security.meOf }), security.router(store), security.sessionRouter(service), security.adminAccountsRouter(service)];
    const guards = [...security.guards, sensitiveFiltersGuard(policy)];
    const app = createApp({ config, logger, store, network, service, guards, openapi: OPENAPI_ROUTES, routers, metrics, readiness: () => ({ analytics: analytics.warmUpStatus() }),
      notReady: () => (analytics.warmUpStatus().state === 'failed' ? 'the analytics projection failed to build (see the log)' : undefined) });
    return { app, store, network, service, analytics, logger, close: () => store.close() };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Opens the store and loads the network. A store unreachable at start (Neo4j down) does not stop
 * the service: it starts not ready (/readyz and data endpoints answer 503), and the first request
 * after the store answers again catches up through network.sync().
 */
async function openAndLoad(store: StorePort, network: LiveNetwork, logger: Logger): Promise<void> {
  try {
    await store.open();
    await network.load();
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    logger.warn({ store: store.kind, reason: err.message }, 'the store is unavailable: starting not ready');
  }
}
