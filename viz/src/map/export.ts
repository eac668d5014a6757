/**
 * Export of the current view: PNG through @sigma/export-image (the WebGL layers and the labels,
 * at the current camera), SVG built from what the renderer displays — visible ties and people at
 * their on-screen positions, colours and sizes after the reducers, and the labels drawn — so both
 * files show exactly the filters, colours and highlight on screen.
 */
import { downloadAsPNG } from '@sigma/export-image';
import type { LabelBox } from './label-collisions.js';
import type { MapSigma } from './renderer.js';

export async function exportPng(renderer: MapSigma, fileName: string): Promise<void> {
  await downloadAsPNG(renderer, { fileName, backgroundColor: '#ffffff' });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The current view as an SVG document. */
export function viewAsSvg(renderer: MapSigma, labels: LabelBox[]): string {
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
  graph.forEachNode((node) => {
    const n = at(node);
    if (n) out.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${n.r.toFixed(2)}" fill="${esc(n.color)}"/>`);
  });
  for (const box of labels) {
    const n = at(box.key);
    if (n?.label) out.push(`<text x="${box.tx.toFixed(1)}" y="${box.ty.toFixed(1)}">${esc(n.label)}</text>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-family="${esc(s.labelFont)}" font-size="${s.labelSize}" fill="#1d2330">`,
    ...out,
    '</g></svg>',
  ].join('\n');
}

/** Offers `text` as a file download. */
export function download(text: string, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
