/** Pooled worker job of the map's full layout (layout.ts): the positions, copied back (two arrays of n numbers). */
import { layoutByCommunity, type LayoutInput } from './community-layout.js';

export default function layoutOnWorker(input: LayoutInput): { x: Float64Array; y: Float64Array } {
  return layoutByCommunity(input);
}
