// Draws and reshapes one polygon on the map (OpenLayers Draw/Modify), snapping to the given outlines.
import type Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type Geometry from 'ol/geom/Geometry.js';
import Draw, { type DrawEvent } from 'ol/interaction/Draw.js';
import Modify from 'ol/interaction/Modify.js';
import Snap from 'ol/interaction/Snap.js';
import type VectorSource from 'ol/source/Vector.js';
import type { StyleLike } from 'ol/style/Style.js';
import type { EventsKey } from 'ol/events.js';
import { unByKey } from 'ol/Observable.js';

/** How close (px) a corner must come to an outline to snap onto it. */
export const SNAP_PIXELS = 12;

export interface PolygonEditorOptions {
  map: Map;
  /** Holds the polygon (at most one feature). */
  source: VectorSource<Feature>;
  /** Outlines the corners snap to, besides the polygon's own (e.g. the site for a footprint). */
  snapTo?: VectorSource<Feature>[];
  sketchStyle?: StyleLike;
  /** Called as the shape changes under the pointer (drawing or dragging a corner); null when drawing is cancelled. */
  onSketch?(geometry: Geometry | null): void;
  /** Called once a change is complete: drawing finished, a corner dropped, the polygon cleared. */
  onChange(geometry: Geometry | null): void;
  /** Called when drawing starts or stops (to update buttons and hints). */
  onModeChange?(mode: 'idle' | 'drawing' | 'editing'): void;
}

export interface PolygonEditor {
  draw(): void;
  /** Lets the user drag the polygon's corners (when there is one). */
  edit(): void;
  stop(): void;
  clear(): void;
  geometry(): Geometry | null;
  readonly mode: 'idle' | 'drawing' | 'editing';
}

export function createPolygonEditor(options: PolygonEditorOptions): PolygonEditor {
  const { map, source } = options;
  let mode: 'idle' | 'drawing' | 'editing' = 'idle';
  let draw: Draw | undefined;
  let modify: Modify | undefined;
  let snaps: Snap[] = [];
  let sketchKey: EventsKey | undefined;
  let geometryKey: EventsKey | undefined;

  const current = (): Feature | undefined => source.getFeatures()[0];

  function setMode(next: typeof mode): void {
    mode = next;
    options.onModeChange?.(mode);
  }

  // Snap must be added after Draw and Modify so it sees their pointer events first. A new outline
  // does not snap to the one it replaces (that would pull a redrawn footprint back onto the old one).
  function addSnaps(own: boolean): void {
    const targets = own ? [source, ...(options.snapTo ?? [])] : (options.snapTo ?? []);
    snaps = targets.map((s) => new Snap({ source: s, pixelTolerance: SNAP_PIXELS }));
    for (const snap of snaps) map.addInteraction(snap);
  }

  function removeInteractions(): void {
    if (draw) map.removeInteraction(draw);
    if (modify) map.removeInteraction(modify);
    for (const snap of snaps) map.removeInteraction(snap);
    draw = undefined;
    modify = undefined;
    snaps = [];
    if (sketchKey) unByKey(sketchKey);
    if (geometryKey) unByKey(geometryKey);
    sketchKey = undefined;
    geometryKey = undefined;
  }

  function stop(): void {
    const wasDrawing = mode === 'drawing';
    removeInteractions();
    setMode('idle');
    if (wasDrawing) options.onSketch?.(null);
  }

  function draw_(): void {
    removeInteractions();
    draw = new Draw({ type: 'Polygon', style: options.sketchStyle, stopClick: true });
    draw.on('drawstart', (event: DrawEvent) => {
      const geometry = event.feature.getGeometry();
      if (!geometry) return;
      sketchKey = geometry.on('change', () => options.onSketch?.(geometry));
    });
    draw.on('drawend', (event: DrawEvent) => {
      source.clear();
      source.addFeature(event.feature);
      // Let Draw finish its own event handling before it is removed from the map.
      setTimeout(() => {
        edit();
        options.onChange(event.feature.getGeometry() ?? null);
      }, 0);
    });
    draw.on('drawabort', () => options.onSketch?.(null));
    map.addInteraction(draw);
    addSnaps(false);
    setMode('drawing');
  }

  function edit(): void {
    removeInteractions();
    const feature = current();
    if (!feature) {
      setMode('idle');
      return;
    }
    modify = new Modify({ source });
    const geometry = feature.getGeometry();
    // While a corner is dragged the geometry changes on every pointer move: feed the live check.
    if (geometry) geometryKey = geometry.on('change', () => options.onSketch?.(geometry));
    modify.on('modifyend', () => options.onChange(current()?.getGeometry() ?? null));
    map.addInteraction(modify);
    addSnaps(true);
    setMode('editing');
  }

  // Esc gives up the sketch (keeping any earlier polygon); Backspace takes back the last corner.
  document.addEventListener('keydown', (event) => {
    if (mode !== 'drawing' || !draw) return;
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === 'Escape') {
      stop();
      if (current()) edit();
    } else if (event.key === 'Backspace') {
      draw.removeLastPoint();
      event.preventDefault();
    }
  });

  return {
    draw: draw_,
    edit,
    stop,
    clear() {
      stop();
      source.clear();
      options.onChange(null);
    },
    geometry: () => current()?.getGeometry() ?? null,
    get mode() {
      return mode;
    },
  };
}
