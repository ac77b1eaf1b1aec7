// The 2025 ward (phường/xã) boundaries of the current view, with names from mid zoom on.
import VectorLayer from 'ol/layer/Vector.js';
import type Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import type { ApiClient } from '../api/client.ts';
import type { LonLatBbox } from '../api/types.ts';
import type { ViewLoader } from '../map/view-loader.ts';
import { wardStyle } from '../style/ward-style.ts';
import { createPagedSource, type PageInfo } from './paged-source.ts';

export interface WardLayerOptions {
  map: Map;
  api: ApiClient;
  viewBbox(): LonLatBbox | undefined;
  /** Source credit shown by the attribution control (the ward data is licensed with attribution). */
  attribution: string;
  /** The whole city has about a hundred wards: one page covers any view. */
  limit?: number;
  zIndex?: number;
  onLoaded?(info: PageInfo): void;
  onError?(error: unknown): void;
  onBusy?(busy: boolean): void;
}

export interface WardLayer {
  layer: VectorLayer<VectorSource<Feature>>;
  source: VectorSource<Feature>;
  loader: ViewLoader;
  setAttribution(text: string): void;
  /** The ward containing a map coordinate (EPSG:3857), if loaded. */
  wardAt(coordinate: number[]): Feature | undefined;
}

export function createWardLayer(options: WardLayerOptions): WardLayer {
  const { source, loader } = createPagedSource({
    map: options.map,
    viewBbox: options.viewBbox,
    fetchPage: (bbox, signal) => options.api.wards({ bbox, limit: options.limit ?? 500, signal }),
    attributions: options.attribution,
    onLoaded: options.onLoaded,
    onError: options.onError,
    onBusy: options.onBusy,
  });
  const layer = new VectorLayer({
    source,
    zIndex: options.zIndex ?? 40,
    properties: { sppKind: 'ward' },
    style: wardStyle,
    // Ward names must not pile up on each other at low zoom.
    declutter: true,
  });
  return {
    layer,
    source,
    loader,
    setAttribution(text) {
      source.setAttributions(text);
    },
    wardAt(coordinate) {
      return source.getFeaturesAtCoordinate(coordinate)[0];
    },
  };
}
