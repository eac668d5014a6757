/**
 * Export of the current view: PNG through @sigma/export-image (the WebGL layers and the labels,
 * at the current camera), SVG built from what the renderer displays — visible ties and people at
 * their on-screen positions, colours and sizes after the reducers, and the labels drawn — so both
 * files show exactly the filters, colours and highlight on screen. Both carry a caption (what the
 * view is, as of which date, how many people and ties it shows) above the map and the legend
 * below it: a picture of coloured dots read later, or by someone else, says what it shows. In the
 * SVG every person's disc is titled with their name, the labels the map had room for aside.
 */
import { drawOnCanvas } from '@sigma/export-image';
import { installLabelCollisions, type LabelBox } from './label-collisions.js';
import type { MapSigma } from './renderer.js';

/** What an exported image says besides the map. */
export interface Caption {
  /** one line above the map: the view, its date, what it shows */
  title: string;
  /** the legend's heading ("Industry", "Stage of tie") */
  legendTitle: string;
  /** the legend: each colour, drawn as a disc (a category) or a line (a tie's stage), with its words */
  legend: { label: string; color: string; line: boolean }[];
}

const INK = '#1d2330';
const PAD = 12;
const TITLE_SIZE = 14;
const LEGEND_SIZE = 12;
const ROW = 20;
const SWATCH = 10;

/** Where each part of the caption goes, for a map `width` wide and `height` high: the same layout in the SVG and the PNG. */
interface CaptionLayout {
  header: number;
  footer: number;
  items: { label: string; color: string; line: boolean; x: number; y: number }[];
  legendTitleY: number;
}

function layout(caption: Caption, width: number, height: number, measure: (text: string, size: number) => number): CaptionLayout {
  const header = TITLE_SIZE + 2 * PAD;
  let x = PAD;
  let y = header + height + PAD + ROW + ROW / 2;
  const items: CaptionLayout['items'] = [];
  for (const e of caption.legend) {
    const w = SWATCH + 6 + measure(e.label, LEGEND_SIZE) + 16;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      y += ROW;
    }
    items.push({ ...e, x, y });
    x += w;
  }
  return { header, footer: y + ROW / 2 + PAD - (header + height), items, legendTitleY: header + height + PAD + LEGEND_SIZE };
}

/** A text measure from a 2D canvas, in the labels' font. */
function canvasMeasure(font: string): (text: string, size: number) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  return (text, size) => {
    if (!ctx) return text.length * size * 0.6;
    ctx.font = `${size}px ${font}`;
    return ctx.measureText(text).width;
  };
}

/**
 * The current view as a PNG (the map between its caption and its legend). The export draws with a
 * temporary renderer, which gets a label collision pass of its own (`forced`: the labels that must
 * show): sharing the map's, whose frames interleave with it, it placed a path's labels twice.
 */
export async function viewAsPng(renderer: MapSigma, caption: Caption, forced: () => Iterable<string>): Promise<Blob> {
  const map = await drawOnCanvas(renderer, {
    backgroundColor: '#ffffff',
    withTempRenderer: (tmp) => {
      installLabelCollisions(tmp, forced);
      tmp.refresh();
    },
  });
  const { width, height } = renderer.getDimensions();
  const font = renderer.getSettings().labelFont;
  const at = layout(caption, width, height, canvasMeasure(font));
  const ratio = map.width / width;
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = Math.round((at.header + height + at.footer) * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, at.header + height + at.footer);
  ctx.drawImage(map, 0, at.header, width, height);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.font = `bold ${TITLE_SIZE}px ${font}`;
  ctx.fillText(caption.title, PAD, PAD + TITLE_SIZE);
  ctx.font = `bold ${LEGEND_SIZE}px ${font}`;
  ctx.fillText(caption.legendTitle, PAD, at.legendTitleY);
  ctx.font = `${LEGEND_SIZE}px ${font}`;
  for (const item of at.items) {
    ctx.fillStyle = item.color;
    if (item.line) ctx.fillRect(item.x, item.y - 2, SWATCH + 4, 4);
    else {
      ctx.beginPath();
      ctx.arc(item.x + SWATCH / 2, item.y, SWATCH / 2, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = INK;
    ctx.fillText(item.label, item.x + SWATCH + 6, item.y + LEGEND_SIZE / 3);
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not make the PNG'))), 'image/png'));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The current view as an SVG document. */
export function viewAsSvg(renderer: MapSigma, labels: LabelBox[], caption: Caption): string {
  const { width, height } = renderer.getDimensions();
  const graph = renderer.getGraph();
  const s = renderer.getSettings();
  const at = (key: string) => {
    const d = renderer.getNodeDisplayData(key);
    return d && !d.hidden ? { ...renderer.framedGraphToViewport(d), r: renderer.scaleSize(d.size), color: d.color, label: d.label } : undefined;
  };
  const out: string[] = [];
  graph.forEachEdge((edge, _a, source, target) => {
    const e = renderer.getEdgeDisplayData(edge);
    const a = at(source);
    const b = at(target);
    if (!e || e.hidden || !a || !b) return;
    out.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${esc(e.color)}" stroke-width="${renderer.scaleSize(e.size).toFixed(2)}"/>`);
  });
  graph.forEachNode((node, attrs) => {
    const n = at(node);
    // The person's name, also where the display blanks the label (a path muting the others).
    if (n) out.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${n.r.toFixed(2)}" fill="${esc(n.color)}"><title>${esc(String(attrs.label))}</title></circle>`);
  });
  for (const box of labels) {
    const n = at(box.key);
    if (n?.label) out.push(`<text x="${box.tx.toFixed(1)}" y="${box.ty.toFixed(1)}">${esc(n.label)}</text>`);
  }
  const c = layout(caption, width, height, canvasMeasure(s.labelFont));
  const total = c.header + height + c.footer;
  const legend = c.items.map((i) =>
    [
      i.line
        ? `<rect x="${i.x.toFixed(1)}" y="${(i.y - 2).toFixed(1)}" width="${SWATCH + 4}" height="4" fill="${esc(i.color)}"/>`
        : `<rect x="${i.x.toFixed(1)}" y="${(i.y - SWATCH / 2).toFixed(1)}" width="${SWATCH}" height="${SWATCH}" rx="${SWATCH / 2}" fill="${esc(i.color)}"/>`,
      `<text x="${(i.x + SWATCH + 6).toFixed(1)}" y="${(i.y + LEGEND_SIZE / 3).toFixed(1)}">${esc(i.label)}</text>`,
    ].join(''),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">`,
    `<title>${esc(caption.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-family="${esc(s.labelFont)}" fill="${INK}">`,
    `<text class="caption" x="${PAD}" y="${PAD + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="bold">${esc(caption.title)}</text>`,
    `<svg class="map" x="0" y="${c.header}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="${s.labelSize}">`,
    ...out,
    '</svg>',
    `<g class="legend" font-size="${LEGEND_SIZE}"><text x="${PAD}" y="${c.legendTitleY}" font-weight="bold">${esc(caption.legendTitle)}</text>`,
    ...legend,
    '</g></g></svg>',
  ].join('\n');
}

/** Offers `content` as a file download. */
export function download(content: string | Blob, type: string, fileName: string): void {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Released once the browser has surely read it (revoked at once, a slow download can find it gone).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
