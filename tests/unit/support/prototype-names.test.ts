import { describe, expect, it } from 'vitest';
import { escapeKey, unescapeKey } from '../../../graph/support/prototype-names.js';

describe('escapeKey', () => {
  it('when keys are escaped for a plain-object index, then ordinary keys are unchanged and every key comes back', () => {
    for (const k of ['a', '1', 'é', '']) expect(escapeKey(k)).toBe(k);
    const tricky = ['__proto__', 'constructor', '\u0000constructor', '\u0000', '\u0000\u0000a', 'toString'];
    const escaped = tricky.map(escapeKey);
    expect(new Set(escaped).size).toBe(tricky.length);
    for (const e of escaped) expect(e in Object.prototype).toBe(false);
    expect(escaped.map(unescapeKey)).toEqual(tricky);
  });
});
