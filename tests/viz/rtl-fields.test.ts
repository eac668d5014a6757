/**
 * Names and labels may be written right to left (Arabic, Hebrew): every free-text field of the
 * pages takes its direction from what is typed (dir="auto"), so an Arabic name is not cut off at
 * its start. Fields that hold only left-to-right syntax (email, URL, phone, numbers, dates) are exempt.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const VIZ = join(import.meta.dirname, '../../viz');
const LTR_TYPES = new Set(['email', 'url', 'tel', 'number', 'date', 'datetime-local', 'month', 'time', 'range', 'file', 'checkbox', 'radio', 'hidden', 'password', 'color']);

describe('right-to-left names in the pages', () => {
  it('when a page has a text field or text area, then it has dir="auto"', () => {
    const missing: string[] = [];
    let fields = 0;
    for (const file of readdirSync(VIZ).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(VIZ, file), 'utf8');
      for (const tag of html.match(/<(input|textarea)\b[^>]*>/g) ?? []) {
        const type = /\btype="([^"]+)"/.exec(tag)?.[1] ?? 'text';
        if (LTR_TYPES.has(type) || /\binputmode="email"/.test(tag)) continue;
        fields++;
        if (!/\bdir="auto"/.test(tag)) missing.push(`${file}: ${tag}`);
      }
    }
    expect(fields).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
