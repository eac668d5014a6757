/**
 * What the analytics engine tells an observer about its expensive work, so the operator's metrics
 * (api/metrics.ts) can time it without graph/ knowing about Prometheus. Every method is optional;
 * durations are in milliseconds.
 */
export interface AnalyticsObserver {
  /** The graph projection was built: in the background (warm-up, sliced) or inline on a read. */
  projectionBuilt?(ms: number, mode: 'background' | 'inline'): void;
  /** A betweenness or Louvain pass finished: inline on a request, or off the request path. */
  passDone?(kind: 'betweenness' | 'communities', mode: 'inline' | 'background', ms: number): void;
}
