/**
 * A collision pass over Sigma's labels. Sigma's label grid keeps at most a few labels per grid
 * cell, but two labels in neighbouring cells still overprint each other, and a label at the
 * canvas edge runs off it. This pass places every label it draws in the current frame: to the
 * right of its node, else to the left, above or below — the first place that stays inside the
 * canvas and overlaps no label placed before it. Labels Sigma forces (the selection, a path, a
 * hovered person's neighbours) are placed first, against each other too, and always show (in
 * the least crowded place when none is free); the others are skipped when no place is free.
 * Highlighted nodes' label boxes (Sigma's hover layer) are drawn where their label was placed.
 */
import type Sigma from 'sigma';
import { drawDiscNodeHover } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

import { placeLabel, type LabelBox } from './label-placement.js';

export { boxesOverlap, labelBox, placeLabel, type LabelBox } from './label-placement.js';

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key: string };

/**
 * Installs the pass on `renderer`. `forced()` names the nodes whose labels must show (placed
 * before the frame's other labels). Returns the labels drawn in the last frame.
 */
export function installLabelCollisions(renderer: Sigma, forced: () => Iterable<string>): { drawn(): LabelBox[] } {
  let boxes: LabelBox[] = [];
  /** The forced labels' places in this frame, by node. */
  let reserved = new Map<string, LabelBox>();
  let owner: CanvasRenderingContext2D | undefined;
  const font = (s: Settings) => `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
  const measure = (ctx: CanvasRenderingContext2D, label: string, s: Settings) => {
    ctx.font = font(s);
    return ctx.measureText(label).width;
  };
  const canvas = () => renderer.getDimensions();
  // A canvas is drawn at its pixel ratio (its transform's scale): its size in the CSS pixels labels are placed in.
  const cssSize = (ctx: CanvasRenderingContext2D) => ({ width: ctx.canvas.width / (ctx.getTransform().a || 1), height: ctx.canvas.height / (ctx.getTransform().d || 1) });
  /**
   * The forced labels are placed at the frame's first label (or label box) drawn: by then Sigma has
   * processed the frame's display data and camera matrix, which it has not yet at 'beforeRender'.
   */
  let pending = false;
  const reserve = () => {
    if (!pending) return;
    pending = false;
    const ctx = renderer.getCanvases().labels?.getContext('2d');
    if (!ctx) return;
    const s = renderer.getSettings();
    const keys = [...new Set(forced())];
    // The forced nodes' discs (drawn above labels when highlighted) are kept free too; key '' marks them as no label.
    for (const key of keys) {
      const d = renderer.getNodeDisplayData(key);
      if (!d || d.hidden) continue;
      const p = renderer.framedGraphToViewport(d);
      const r = renderer.scaleSize(d.size);
      boxes.push({ key: '', x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r, tx: p.x, ty: p.y });
    }
    for (const key of keys) {
      const d = renderer.getNodeDisplayData(key);
      if (!d || d.hidden || !d.label || reserved.has(key)) continue;
      const p = renderer.framedGraphToViewport(d);
      const box = placeLabel({ key, x: p.x, y: p.y, size: renderer.scaleSize(d.size) }, measure(ctx, d.label, s), s.labelSize, boxes, canvas(), true)!;
      boxes.push(box);
      reserved.set(key, box);
    }
  };
  renderer.on('beforeRender', () => {
    boxes = [];
    reserved = new Map();
    owner = undefined;
    pending = true;
  });
  const write = (ctx: CanvasRenderingContext2D, data: LabelData, settings: Settings, box: LabelBox) => {
    ctx.fillStyle = settings.labelColor.color ?? '#000';
    ctx.font = font(settings);
    ctx.fillText(data.label!, box.tx, box.ty);
  };
  const draw = (ctx: CanvasRenderingContext2D, data: LabelData, settings: Settings) => {
    if (!data.label) return;
    reserve();
    // Another canvas (an image export's temporary renderer) starts a frame of its own.
    if (owner !== ctx) {
      if (owner !== undefined) {
        boxes = [];
        reserved = new Map();
      }
      owner = ctx;
    }
    let box = reserved.get(data.key);
    if (!box) {
      const isForced = [...forced()].includes(data.key);
      box = placeLabel(data, measure(ctx, data.label, settings), settings.labelSize, boxes, cssSize(ctx), isForced);
      if (!box) return;
      boxes.push(box);
    }
    write(ctx, data, settings, box);
  };
  /** A highlighted node's white label box, where its label was placed (Sigma's own when it was not). */
  const hover = (ctx: CanvasRenderingContext2D, data: LabelData, settings: Settings) => {
    reserve();
    const box = reserved.get(data.key) ?? boxes.find((b) => b.key === data.key);
    if (!box || !data.label) return drawDiscNodeHover(ctx, data, settings);
    ctx.save();
    ctx.fillStyle = '#FFF';
    ctx.shadowBlur = 8;
    ctx.shadowColor = '#000';
    ctx.fillRect(box.x, box.y, box.w, box.h);
    ctx.restore();
    write(ctx, data, settings, box);
  };
  renderer.setSetting('defaultDrawNodeLabel', draw as Settings['defaultDrawNodeLabel']);
  renderer.setSetting('defaultDrawNodeHover', hover as Settings['defaultDrawNodeHover']);
  return { drawn: () => boxes.filter((b) => b.key !== '') };
}
