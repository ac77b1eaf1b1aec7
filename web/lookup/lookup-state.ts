// The rule-card tools' part of the page's observable state (window.__spp.lookup), read by browser tests and handy in the console.
import type { SppPageState } from '../page-state.ts';
import type { CertificateHook } from './certificate-action.ts';
import type { SketchHookState } from './sketch-tool.ts';

export interface LookupHook {
  /** The open card: its parcel (null for a point card), date and zone count; null when none is open. */
  card: { parcel_id: number | null; as_of: string; zones: number; constraints: number } | null;
  cardLoading: boolean;
  cardError: string | null;
  /** The as-of date the page shows (null = today). */
  date: string | null;
  sketch: SketchHookState;
  certificate: CertificateHook;
  /** Page (CSS) pixel of a lon/lat on the map now; null when the map has no size yet. */
  pixelOf(lon: number, lat: number): [number, number] | null;
  /** The sketch editor's mode. */
  sketchMode(): 'idle' | 'drawing' | 'editing';
}

export function attachLookupHook(state: SppPageState, hook: LookupHook): LookupHook {
  (state as SppPageState & { lookup: LookupHook }).lookup = hook;
  return hook;
}
