/**
 * Where a map label goes (pure geometry, no Sigma: unit-tested in tests/viz/label-placement.test.ts):
 * beside its node on the first side — right, left, above, below — that stays inside the canvas
 * and overlaps no label already placed. Used by the collision pass (label-collisions.ts).
 */

export interface LabelBox {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** where the text starts (left end) and its baseline */
  tx: number;
  ty: number;
}

/** Space kept free around a label, in pixels. */
const GAP = 2;
/** Space between a node's disc and its label. */
const OFFSET = 3;

export type Side = 'right' | 'left' | 'above' | 'below';
const SIDES: readonly Side[] = ['right', 'left', 'above', 'below'];

/** The box a label takes on one side of its node (x, y: the node's centre in pixels). */
export function labelBox(key: string, x: number, y: number, nodeSize: number, textWidth: number, fontSize: number, side: Side = 'right'): LabelBox {
  const half = 0.6 * fontSize;
  const tx = side === 'right' ? x + nodeSize + OFFSET : side === 'left' ? x - nodeSize - OFFSET - textWidth : x - textWidth / 2;
  const cy = side === 'above' ? y - nodeSize - OFFSET - half : side === 'below' ? y + nodeSize + OFFSET + half : y;
  return { key, x: tx - GAP, y: cy - half - GAP, w: textWidth + 2 * GAP, h: 2 * half + 2 * GAP, tx, ty: cy + fontSize / 3 };
}

export function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const overlapArea = (a: LabelBox, b: LabelBox) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
const inside = (b: LabelBox, width: number, height: number) => b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height;

/**
 * Where a label goes: the first side (right, left, above, below) inside the canvas that overlaps
 * none of `placed`. None free: undefined, unless `force`, then the side overlapping least (inside
 * the canvas first).
 */
export function placeLabel(
  node: { key: string; x: number; y: number; size: number },
  textWidth: number,
  fontSize: number,
  placed: readonly LabelBox[],
  canvas: { width: number; height: number },
  force = false,
): LabelBox | undefined {
  const candidates = SIDES.map((side) => labelBox(node.key, node.x, node.y, node.size, textWidth, fontSize, side));
  const free = candidates.find((b) => inside(b, canvas.width, canvas.height) && !placed.some((p) => boxesOverlap(p, b)));
  if (free || !force) return free;
  const crowding = (b: LabelBox) => placed.reduce((sum, p) => sum + overlapArea(p, b), 0) + (inside(b, canvas.width, canvas.height) ? 0 : 1e9);
  return candidates.reduce((best, b) => (crowding(b) < crowding(best) ? b : best));
}

