import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readArrayMembers } from '../../../graph/support/json-array-members.js';

/** Every batch read, as the members they rebuild (in key order) and the offsets they were given. */
function read(text: string, batch: number): { ok: boolean; members: [string, unknown[]][]; offsetsRight: boolean } {
  const members: [string, unknown[]][] = [];
  let offsetsRight = true;
  const ok = readArrayMembers(text, batch, (key, elements, offset) => {
    let last = members.at(-1);
    if (last?.[0] !== key) members.push((last = [key, []]));
    offsetsRight &&= offset === last[1].length && elements.length <= batch;
    last[1].push(...elements);
    return true;
  });
  return { ok, members, offsetsRight };
}

/** JSON.parse's verdict in the same form, or undefined when it refuses the text. */
function parsedWhole(text: string): [string, unknown[]][] | undefined {
  try {
    return Object.entries(JSON.parse(text) as Record<string, unknown[]>);
  } catch {
    return undefined;
  }
}

/** Keys from Object.prototype's names, JSON's awkward characters and any string. */
const key = fc.oneof(fc.constantFrom('people', '__proto__', 'constructor', 'a"b', 'x\\', '[', '{}', ',', ''), fc.string());
const element = fc.jsonValue();
const documentOfArrays = fc.uniqueArray(fc.tuple(key, fc.array(element, { maxLength: 12 })), { selector: ([k]) => k, maxLength: 5 });
/** The document as text, compact or indented or with CRLF line breaks. */
const asText = (members: [string, unknown[]][], style: number) => {
  const object = Object.fromEntries(members);
  if (style === 0) return JSON.stringify(object);
  const text = JSON.stringify(object, null, style === 1 ? 2 : '\t');
  return style === 3 ? `\r\n ${text.replace(/\n/g, '\r\n')} \n` : text;
};

describe('support/json-array-members', () => {
  it('when any object of arrays is read in batches of any size, then the batches rebuild what JSON.parse gives, in order, at their offsets', () => {
    fc.assert(
      fc.property(documentOfArrays, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5 }), (members, style, batch) => {
        const text = asText(members, style);
        const got = read(text, batch);
        expect(got.ok).toBe(true);
        expect(got.offsetsRight).toBe(true);
        // An empty array is visited once, with no elements: it still names its member.
        expect(got.members).toEqual(parsedWhole(text));
      }),
      { numRuns: 400 },
    );
  });

  it('when a document is damaged anywhere, then it never reads as a success that JSON.parse would refuse or read differently', () => {
    const damage = fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(',', ']', '[', '}', '{', '"', '\\', ':', ' ', 'x', '1'));
    fc.assert(
      fc.property(documentOfArrays, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.array(damage, { minLength: 1, maxLength: 3 }), (members, style, batch, damages) => {
        let text = asText(members, style);
        for (const [at, how, char] of damages) {
          const i = at % (text.length + 1);
          text = how === 0 ? text.slice(0, i) + text.slice(i + 1) : how === 1 ? text.slice(0, i) + char + text.slice(i) : text.slice(0, i) + char + text.slice(i + 1);
        }
        const got = read(text, batch);
        const whole = parsedWhole(text);
        if (got.ok) expect(got.members).toEqual(whole);
        if (whole === undefined) expect(got.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a trailing comma after a full batch', '{"a":[1,2,]}'],
    ['an empty element between batches', '{"a":[1,,2]}'],
    ['a trailing comma between members', '{"a":[1],}'],
    ['text after the object', '{"a":[1]} x'],
    ['a second value', '{"a":[1]}{}'],
    ['a member that is not an array', '{"a":{"b":[1]}}'],
    ['a key given twice (JSON.parse keeps the last)', '{"a":[1],"a":[2]}'],
    ['an array closed by a brace', '{"a":[1}}'],
    ['an unterminated string', '{"a":["x\\"]}'],
    ['not an object', '[1,2]'],
    ['nothing', ''],
  ])('when the text has %s, then it is left to JSON.parse', (_what, text) => {
    for (const batch of [1, 2, 3]) expect(read(text, batch).ok).toBe(false);
  });

  it('when a member is named __proto__, then it is read as the member it is', () => {
    expect(read('{"__proto__":[1,2,3],"constructor":[]}', 2).members).toEqual([
      ['__proto__', [1, 2, 3]],
      ['constructor', []],
    ]);
  });

  it('when the visitor says stop, then reading stops there and says so', () => {
    let batches = 0;
    expect(readArrayMembers('{"a":[1,2,3,4,5]}', 1, () => ++batches < 2)).toBe(false);
    expect(batches).toBe(2);
  });
});
