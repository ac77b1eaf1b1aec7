// The zoning plan layer: zones of the current view, coloured by land use, with the selected zone outlined.
import VectorLayer from 'ol/layer/Vector.js';
import type Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import type { ApiClient } from '../api/client.ts';
import type { LonLatBbox } from '../api/types.ts';
import type { ViewLoader } from '../map/view-loader.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { createPagedSource, type PageInfo } from './paged-source.ts';

export interface ZoningLayerOptions {
  map: Map;
  api: ApiClient;
  viewBbox(): LonLatBbox | undefined;
  palette: LandUsePalette;
  /** Page size asked from the API per view (the API caps it at 10,000). */
  limit?: number;
  /** As-of date of the features (YYYY-MM-DD); absent or null = today. */
  date?(): string | null;
  zIndex?: number;
  onLoaded?(info: PageInfo): void;
  onError?(error: unknown): void;
  onBusy?(busy: boolean): void;
  /** Called after every render with the number of zones inside the rendered extent. */
  onRendered?(count: number): void;
}

export interface ZoningLayer {
  layer: VectorLayer<VectorSource<Feature>>;
  source: VectorSource<Feature>;
  loader: ViewLoader;
  setPalette(palette: LandUsePalette): void;
  setSelected(id: string | number | null): void;
}

export function createZoningLayer(options: ZoningLayerOptions): ZoningLayer {
  let palette = options.palette;
  let selectedId: string | number | null = null;
  const { source, loader } = createPagedSource({
    map: options.map,
    viewBbox: options.viewBbox,
    fetchPage: (bbox, signal) => options.api.zones({ bbox, date: options.date?.() ?? undefined, limit: options.limit ?? 1000, signal }),
    onLoaded: options.onLoaded,
    onError: options.onError,
    onBusy: options.onBusy,
  });

  const layer = new VectorLayer({
    source,
    zIndex: options.zIndex ?? 10,
    properties: { sppKind: 'zone' },
    style: (feature, resolution) => palette.zoneStyle(feature, resolution, selectedId !== null && feature.getId() === selectedId),
  });

  layer.on('postrender', (event) => {
    const extent = event.frameState?.extent;
    if (extent && layer.getVisible()) options.onRendered?.(source.getFeaturesInExtent(extent).length);
  });
  layer.on('change:visible', () => {
    if (!layer.getVisible()) options.onRendered?.(0);
  });

  return {
    layer,
    source,
    loader,
    setPalette(next) {
      palette = next;
      layer.changed();
    },
    setSelected(id) {
      selectedId = id;
      layer.changed();
    },
  };
}
