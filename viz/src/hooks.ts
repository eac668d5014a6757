/**
 * Test hooks on `window.__refnet`: the live renderer, graph and display state, plus the page's
 * actions, so a browser test scenario is a single page.evaluate instead of pixel hunting.
 */
import type { MapPage } from './main.js';
import type { TargetKind } from './map/paths.js';

export interface MapActions {
  load(): Promise<void>;
  /** Selects a person by id (not by graph node key). */
  select(id: string): Promise<void>;
  /** `from` and a person `to` are ids or names. */
  findPaths(from: string, toKind: TargetKind, to: string, k: number): Promise<number>;
  closePanel(): void;
  applyState(): void;
  /** Shows the time slider's i-th month (the last: now); resolves when drawn. */
  showMonth(i: number): Promise<void>;
  /** The current view as SVG (what the SVG export downloads). */
  svg(): string;
}

declare global {
  interface Window {
    __refnet?: MapPage & MapActions;
  }
}

/** Publishes the page state and actions for tests and the browser benchmark. */
export function exposeHooks(page: MapPage, actions: MapActions): void {
  window.__refnet = Object.assign(page, actions);
}
