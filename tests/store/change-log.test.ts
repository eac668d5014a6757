/** The embedded store's bounded change log: what changesSince can still answer, and when it must say undefined. */
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../graph/store/embedded/change-log.js';
import type { StoredChange } from '../../graph/store/embedded/encode-batch.js';

const batch = (...ids: string[]): StoredChange[] => ids.map((id) => ['person', { id, name: id }]);
const ids = (log: ChangeLog, since: number, current: number) =>
  log.since(since, current)?.changes.map((c) => (c.op === 'put' ? (c.record as { id: string }).id : `-${c.key}`));

describe('embedded change log', () => {
  it('when batches exceed the limit, then the oldest whole batches are dropped and older versions answer undefined', () => {
    const log = new ChangeLog(4, 10);
    log.push(11, batch('a', 'b'));
    log.push(12, batch('c', 'd'));
    expect(ids(log, 10, 12)).toStrictEqual(['a', 'b', 'c', 'd']);
    log.push(13, batch('e'));
    expect(log.since(10, 13)).toBeUndefined();
    expect(ids(log, 11, 13)).toStrictEqual(['c', 'd', 'e']);
    expect(ids(log, 12, 13)).toStrictEqual(['e']);
    expect(ids(log, 13, 13)).toStrictEqual([]);
  });

  it('when one batch alone is over the limit, then it is still kept whole', () => {
    const log = new ChangeLog(2, 0);
    log.push(1, batch('a'));
    log.push(2, batch('b', 'c', 'd'));
    expect(log.since(0, 2)).toBeUndefined();
    expect(ids(log, 1, 2)).toStrictEqual(['b', 'c', 'd']);
  });

  it('when deletes are logged, then they come back as delete changes', () => {
    const log = new ChangeLog(10, 0);
    log.push(1, [['membership', '["p","g"]']]);
    expect(log.since(0, 1)).toStrictEqual({ version: 1, changes: [{ op: 'delete', kind: 'membership', key: '["p","g"]' }] });
  });

  it('when asked for a future, fractional or forgotten version, then the answer is undefined', () => {
    const log = new ChangeLog(10, 0);
    log.push(1, batch('a'));
    log.push(2, batch('b'));
    expect(log.since(3, 2)).toBeUndefined();
    expect(log.since(0.5, 2)).toBeUndefined();
    log.forgetThrough(2);
    expect(log.since(1, 2)).toBeUndefined();
    expect(log.since(2, 2)).toStrictEqual({ version: 2, changes: [] });
  });

  it('when thousands of batches pass through, then the log stays exact for what it holds', () => {
    const log = new ChangeLog(3000, 0);
    for (let v = 1; v <= 5000; v++) log.push(v, batch(`p${v}`));
    expect(log.since(1999, 5000)).toBeUndefined();
    expect(ids(log, 2000, 5000)).toHaveLength(3000);
    expect(ids(log, 4997, 5000)).toStrictEqual(['p4998', 'p4999', 'p5000']);
  });
});
