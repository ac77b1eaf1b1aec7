// Constraint layers (red lines, river corridor, …): one view-loaded source drawn by per-kind layers.
import VectorLayer from 'ol/layer/Vector.js';
import type Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import type { ApiClient } from '../api/client.ts';
import type { LonLatBbox } from '../api/types.ts';
import { constraintStyle, isKnownKind } from '../style/constraint-style.ts';
import { createPagedSource, type PagedSource, type PageInfo } from './paged-source.ts';

export interface ConstraintSourceOptions {
  map: Map;
  api: ApiClient;
  viewBbox(): LonLatBbox | undefined;
  limit?: number;
  /** As-of date of the features (YYYY-MM-DD); absent or null = today. */
  date?(): string | null;
  onLoaded?(info: PageInfo): void;
  onError?(error: unknown): void;
  onBusy?(busy: boolean): void;
}

/** One request per view for all kinds; the layers below split it for drawing and switching. */
export function createConstraintSource(options: ConstraintSourceOptions): PagedSource {
  return createPagedSource({
    map: options.map,
    viewBbox: options.viewBbox,
    fetchPage: (bbox, signal) => options.api.constraints({ bbox, date: options.date?.() ?? undefined, limit: options.limit ?? 2000, signal }),
    onLoaded: options.onLoaded,
    onError: options.onError,
    onBusy: options.onBusy,
  });
}

export interface ConstraintLayerOptions {
  source: VectorSource<Feature>;
  /** Kinds this layer draws; `includeUnknown` also takes kinds the client has no symbol for. */
  kinds: string[];
  includeUnknown?: boolean;
  zIndex: number;
  /** Shared selection: which constraint feature is highlighted. */
  isSelected(feature: Feature): boolean;
}

export function createConstraintLayer(options: ConstraintLayerOptions): VectorLayer<VectorSource<Feature>> {
  const kinds = new Set(options.kinds);
  const drawn = (kind: string) => kinds.has(kind) || (options.includeUnknown === true && !isKnownKind(kind));
  return new VectorLayer({
    source: options.source,
    zIndex: options.zIndex,
    properties: { sppKind: 'constraint' },
    style: (feature, resolution) => {
      const kind = String(feature.get('kind') ?? '');
      // Returning nothing also keeps the feature out of this layer's hit detection.
      if (!drawn(kind)) return undefined;
      return constraintStyle(kind, options.isSelected(feature as Feature), resolution);
    },
  });
}

/** The three constraint layers every map draws, each switchable on its own. */
export interface ConstraintLayerSet {
  /** River corridors and flood areas, lowest. */
  river: VectorLayer<VectorSource<Feature>>;
  /** Heritage, height limits and kinds this client does not know yet. */
  other: VectorLayer<VectorSource<Feature>>;
  /** Red lines, on top: what a parcel loses to the street. */
  redLine: VectorLayer<VectorSource<Feature>>;
  /** The three in drawing order. */
  all: VectorLayer<VectorSource<Feature>>[];
}

/** The constraint layers over one source, above the zones (z 10) and under the page's own layers. */
export function createConstraintLayerSet(source: VectorSource<Feature>, isSelected: (feature: Feature) => boolean = () => false): ConstraintLayerSet {
  const river = createConstraintLayer({ source, kinds: ['river_corridor', 'flood'], zIndex: 20, isSelected });
  const other = createConstraintLayer({ source, kinds: ['heritage', 'height_limit'], includeUnknown: true, zIndex: 25, isSelected });
  const redLine = createConstraintLayer({ source, kinds: ['red_line'], zIndex: 30, isSelected });
  return { river, other, redLine, all: [river, other, redLine] };
}
