/**
 * Names are data, and data may hold terminal control sequences (ESC, BEL) or bidi overrides that
 * reorder what follows (a CSV or vCard can carry them). Every CLI output path shows them as
 * visible escapes, never raw, without touching ordinary text (accents, CJK, emoji).
 */
import { describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../../scripts/cli/failures.js';
import { usageError } from '../../scripts/cli/errors.js';
import { keyValues, printJson, say, table } from '../../scripts/cli/output.js';
import { visibleText } from '../../scripts/cli/visible-text.js';

/** Every C0 and C1 control, DEL, and the bidi embedding, override and isolate characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const HOSTILE = ['Bell\u0007\u001b[31mRED\u001b[0m', 'Esc \u001b[2J Name', 'evil\u202egpj.exe', 'iso\u2066late\u2069', 'c1\u009b31m', 'del\u007f', 'cr\rover', 'tab\there', 'nul\u0000'];
const ORDINARY = ['Zoë Iñigo Álvarez', '陈伟 山本 太郎', '🙂 黄军🎉', 'עברית', 'O\u2019Brien — ok'];

function captured(fn: () => void): string {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('control characters in CLI output', () => {
  it('when a table, key/value block or plain line shows hostile names, then no control or bidi character reaches the terminal', () => {
    for (const name of HOSTILE) {
      const shown = [table(['name'], [[name]], 200), keyValues([['name', name]]), captured(() => say(`Imported ${name}.\nnext line`))];
      for (const text of shown) expect(text.replace(/\n/g, ''), JSON.stringify(name)).not.toMatch(UNSAFE);
    }
    expect(table(['name'], [['Bell\u0007\u001b[31mRED']], 200)).toContain('Bell\\x07\\x1B[31mRED');
    expect(keyValues([['name', 'evil\u202egpj.exe']])).toContain('evil\\u202Egpj.exe');
  });

  it('when plain lines hold line breaks of their own, then they stay line breaks', () => {
    expect(captured(() => say('one\ntwo'))).toBe('one\ntwo\n');
  });

  it('when names are ordinary unicode, then they are shown exactly as they are', () => {
    for (const name of ORDINARY) {
      expect(visibleText(name)).toBe(name);
      expect(table(['name'], [[name]], 200)).toContain(name);
      expect(captured(() => say(name))).toBe(`${name}\n`);
    }
  });

  it('when --json prints hostile names, then the JSON parses back to the same names and holds no raw control or bidi character', () => {
    const out = captured(() => printJson({ names: [...HOSTILE, ...ORDINARY] }));
    expect(out.replace(/\n/g, '')).not.toMatch(UNSAFE);
    expect(JSON.parse(out)).toEqual({ names: [...HOSTILE, ...ORDINARY] });
  });

  it('when an error quotes user data, then the message on stderr is escaped too', () => {
    let err = '';
    const code = reportFailure(usageError('no person named "Esc \u001b[2J"', 'try "\u202eevil"'), (t) => (err += t));
    expect(code).toBe(2);
    expect(err.replace(/\n/g, '')).not.toMatch(UNSAFE);
    expect(err).toContain('Esc \\x1B[2J');
  });
});
