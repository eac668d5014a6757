/**
 * The naming rule of dimensions (docs/DOMAIN.md, Dimensions), which the pages read too: every
 * attribute key, however spelled, has one name that reads back as that key, never as a built-in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeDimension, FIELD_DIMENSIONS, parseDimension } from '../../../graph/analytics/dimension-names.js';

describe('dimension names', () => {
  it('when a key is named like a built-in or starts with the prefix, then its name is attributes.KEY; any other key is its own name', () => {
    for (const f of [...FIELD_DIMENSIONS, 'group']) expect(attributeDimension(f)).toBe(`attributes.${f}`);
    expect(attributeDimension('attributes.x')).toBe('attributes.attributes.x');
    for (const key of ['department', 'club.name', 'home town', 'Ортак', '部署', 'constructor', '__proto__']) expect(attributeDimension(key)).toBe(key);
  });

  it('when any key is named, then its name reads back as that attribute', () => {
    const keys = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom(...FIELD_DIMENSIONS, 'group', 'attributes.', 'attributes.industry'));
    fc.assert(
      fc.property(keys, (key) => {
        expect(parseDimension(attributeDimension(key))).toEqual({ kind: 'attribute', key });
      }),
    );
  });

  it('when a built-in name is read, then it is the field or group', () => {
    expect(parseDimension('title')).toEqual({ kind: 'field', field: 'title' });
    expect(parseDimension('group')).toEqual({ kind: 'group' });
  });
});
