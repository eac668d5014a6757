import { describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../graph/analytics/engine.js';
import type { AnalyticsObserver } from '../../../graph/analytics/observer.js';
import { RecordSet } from '../../../graph/record-set.js';
import { networkDocumentSchema } from '../../../graph/schema.js';
import { met, people } from '../network-fixture.js';

const T = '2024-01-01';
const records = () => RecordSet.fromDocument(networkDocumentSchema.parse({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T), met('b', 'c', T)] }));

/** An observer that writes down what it hears. */
function recorder() {
  const heard: string[] = [];
  const durations: number[] = [];
  const observer: Required<AnalyticsObserver> = {
    projectionBuilt: (ms, mode) => (heard.push(`projection ${mode}`), durations.push(ms)),
    passDone: (kind, mode, ms) => (heard.push(`${kind} ${mode}`), durations.push(ms)),
  };
  return { heard, durations, observer };
}

describe('AnalyticsObserver', () => {
  it('when the first read builds the projection and runs the passes in line, then the observer hears each once, with durations', () => {
    const { heard, durations, observer } = recorder();
    const engine = new AnalyticsEngine().observe(observer).attach({ subscribe: (l) => l.reset(records()) });
    expect(heard).toEqual([]);
    engine.networkMetrics(Date.parse('2030-01-01'));
    expect(heard.sort()).toEqual(['betweenness inline', 'communities inline', 'projection inline']);
    expect(durations.every((ms) => ms >= 0 && Number.isFinite(ms))).toBe(true);
    engine.networkMetrics(Date.parse('2030-01-01'));
    expect(heard).toHaveLength(3);
  });

  it('when the betweenness pass is too big for the request path, then the observer hears it done in the background', async () => {
    const { heard, observer } = recorder();
    const engine = new AnalyticsEngine({ backgroundThreads: 0, betweenness: { syncMaxWork: 0 } }).observe(observer).attach({ subscribe: (l) => l.reset(records()) });
    engine.networkMetrics();
    await engine.idle();
    expect(heard).toContain('betweenness background');
    expect(heard).not.toContain('betweenness inline');
  });

  it('when the observer listens to nothing, then the engine works all the same (every method is optional)', () => {
    const engine = new AnalyticsEngine().observe({}).attach({ subscribe: (l) => l.reset(records()) });
    expect(engine.networkMetrics(Date.parse('2030-01-01')).people).toBe(3);
  });
});
