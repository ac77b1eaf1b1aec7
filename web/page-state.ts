// The page's observable state on window.__spp, read by browser tests and handy when debugging in the console.
import type { LonLatBbox } from './api/types.ts';
import type { Lang } from './i18n/i18n.ts';

export interface SppPageState {
  /** True once the first zone page has been loaded, styled and rendered. */
  ready: boolean;
  lang: Lang;
  /** Features currently loaded per source (the current view's page). */
  counts: { wards: number; zones: number; constraints: number };
  /** Zones inside the extent of the last rendered frame. */
  renderedZoneCount: number;
  /** Last load error shown to the user, if any. */
  error: string | null;
  viewBbox: LonLatBbox | null;
  /** What the feature panel currently shows first. */
  selected: { kind: 'zone' | 'constraint'; id: string | number | null; lotCode?: string } | null;
}

declare global {
  interface Window {
    __spp: SppPageState;
  }
}

export function createPageState(lang: Lang): SppPageState {
  const state: SppPageState = {
    ready: false,
    lang,
    counts: { wards: 0, zones: 0, constraints: 0 },
    renderedZoneCount: 0,
    error: null,
    viewBbox: null,
    selected: null,
  };
  window.__spp = state;
  return state;
}
