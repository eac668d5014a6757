import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { nodeKey, type EdgeAttrs, type NodeAttrs } from '../../viz/src/map/map-graph.js';
import { AmbiguousPersonError, resolvePersonRef } from '../../viz/src/map/person-ref.js';

function graphOf(people: [string, string][]) {
  const g = new UndirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const [id, label] of people) g.addNode(nodeKey(id), { label } as NodeAttrs);
  return g;
}

describe('the map\'s path fields: a person by id or name', () => {
  const g = graphOf([['zoe-1', 'Zoë Scott'], ['zoe-2', 'Zoë Scott'], ['ann', 'Ann Lee'], ['__proto__', 'Odd Id']]);

  it('when the name is one person\'s, then it is their id; an id is taken as it is; an unknown name is passed on', () => {
    expect(resolvePersonRef(g, 'ann lee')).toBe('ann');
    expect(resolvePersonRef(g, ' Ann Lee ')).toBe('ann');
    expect(resolvePersonRef(g, 'zoe-2')).toBe('zoe-2');
    expect(resolvePersonRef(g, '__proto__')).toBe('__proto__');
    expect(resolvePersonRef(g, 'Nobody')).toBe('Nobody');
  });

  it('when two people on the map have the name, then it is refused naming both, not resolved to either', () => {
    expect(() => resolvePersonRef(g, 'zoë scott')).toThrow(AmbiguousPersonError);
    expect(() => resolvePersonRef(g, 'zoë scott')).toThrow(/ambiguous(?=.*id zoe-1)(?=.*id zoe-2)/);
  });
});
