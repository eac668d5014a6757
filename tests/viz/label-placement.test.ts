import { describe, expect, it } from 'vitest';
import { boxesOverlap, labelBox, placeLabel } from '../../viz/src/map/label-placement.js';
import { BADGE_INK, STAGE_COLORS, contrastRatio } from '../../viz/src/palette.js';

const canvas = { width: 400, height: 300 };

describe('where a map label goes', () => {
  it('when the right of a node is taken by another label, then the label goes to a free side and overlaps nothing', () => {
    const first = labelBox('a', 100, 100, 5, 80, 12);
    const placed = placeLabel({ key: 'b', x: 104, y: 102, size: 5 }, 80, 12, [first], canvas, true)!;
    expect(boxesOverlap(first, placed)).toBe(false);
  });
  it('when a label would run off the right edge (a phone), then it is drawn on the left of its node, inside the canvas', () => {
    const placed = placeLabel({ key: 'e', x: 380, y: 150, size: 5 }, 90, 12, [], canvas)!;
    expect(placed.x).toBeGreaterThanOrEqual(0);
    expect(placed.x + placed.w).toBeLessThanOrEqual(canvas.width);
    expect(placed.tx + 90).toBeLessThan(380);
  });
  it('when no side is free, then an optional label is skipped and a forced one still shows where it crowds least', () => {
    const wall = [{ key: 'w', x: 0, y: 0, w: 400, h: 300, tx: 0, ty: 0 }];
    expect(placeLabel({ key: 'o', x: 200, y: 150, size: 5 }, 50, 12, wall, canvas)).toBeUndefined();
    expect(placeLabel({ key: 'f', x: 200, y: 150, size: 5 }, 50, 12, wall, canvas, true)).toBeDefined();
  });
});

describe('stage badges', () => {
  it('when a badge shows its stage colour, then its text reads at WCAG AA for small text (4.5:1) on every stage colour', () => {
    for (const colour of Object.values(STAGE_COLORS)) expect(contrastRatio(BADGE_INK, colour)).toBeGreaterThanOrEqual(4.5);
    // White, the old ink, failed on all three (2.2–3.4:1).
    for (const colour of Object.values(STAGE_COLORS)) expect(contrastRatio('#ffffff', colour)).toBeLessThan(4.5);
  });
});
