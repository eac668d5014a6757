/**
 * A collision pass over Sigma's labels. Sigma's label grid keeps at most a few labels per grid
 * cell, but two labels in neighbouring cells still overprint each other. This label drawer keeps
 * the boxes drawn in the current frame and skips a label that would overlap one of them; labels
 * Sigma forces (the selection, a path, a hovered person's neighbours) are reserved first, so they
 * always show and the others make way.
 */
import type Sigma from 'sigma';
import { drawDiscNodeLabel } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

export interface LabelBox {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Space kept free around a label, in pixels. */
const GAP = 2;

/** The box a label takes, as drawDiscNodeLabel draws it (left edge after the node, baseline a third below the centre). */
export function labelBox(key: string, x: number, y: number, nodeSize: number, textWidth: number, fontSize: number): LabelBox {
  return { key, x: x + nodeSize + 3 - GAP, y: y - 0.6 * fontSize - GAP, w: textWidth + 2 * GAP, h: 1.2 * fontSize + 2 * GAP };
}

export function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key: string };

/**
 * Installs the pass on `renderer`. `forced()` names the nodes whose labels must show (their boxes
 * are reserved before the frame's labels are drawn). Returns the labels drawn in the last frame.
 */
export function installLabelCollisions(renderer: Sigma, forced: () => Iterable<string>): { drawn(): LabelBox[] } {
  let boxes: LabelBox[] = [];
  let owner: CanvasRenderingContext2D | undefined;
  const measure = (ctx: CanvasRenderingContext2D, label: string, s: Settings) => {
    ctx.font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
    return ctx.measureText(label).width;
  };
  renderer.on('beforeRender', () => {
    boxes = [];
    owner = undefined;
    const ctx = renderer.getCanvases().labels?.getContext('2d');
    if (!ctx) return;
    const s = renderer.getSettings();
    for (const key of forced()) {
      const d = renderer.getNodeDisplayData(key);
      if (!d || d.hidden || !d.label) continue;
      const p = renderer.framedGraphToViewport(d);
      boxes.push(labelBox(key, p.x, p.y, renderer.scaleSize(d.size), measure(ctx, d.label, s), s.labelSize));
    }
  });
  const draw = (ctx: CanvasRenderingContext2D, data: LabelData, settings: Settings) => {
    if (!data.label) return;
    // Another canvas (an image export's temporary renderer) starts a frame of its own.
    if (owner !== ctx) {
      if (owner !== undefined) boxes = [];
      owner = ctx;
    }
    const box = labelBox(data.key, data.x, data.y, data.size, measure(ctx, data.label, settings), settings.labelSize);
    const reserved = boxes.findIndex((b) => b.key === data.key);
    if (reserved < 0) {
      if (boxes.some((b) => boxesOverlap(b, box))) return;
      boxes.push(box);
    }
    drawDiscNodeLabel(ctx, data, settings);
  };
  renderer.setSetting('defaultDrawNodeLabel', draw as Settings['defaultDrawNodeLabel']);
  return { drawn: () => boxes.filter((b) => b.key !== '') };
}
