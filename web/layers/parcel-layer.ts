// Cadastral parcels of the current view, loaded and drawn only from zoom 16 on (where a lot is big enough to click).
import VectorLayer from 'ol/layer/Vector.js';
import type Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import type { ApiClient } from '../api/client.ts';
import type { LonLatBbox, ParcelPage } from '../api/types.ts';
import type { ViewLoader } from '../map/view-loader.ts';
import { parcelStyle } from '../style/permit-style.ts';
import { createPagedSource, type PageInfo } from './paged-source.ts';

export const PARCEL_MIN_ZOOM = 16;

export interface ParcelLayerOptions {
  map: Map;
  api: ApiClient;
  viewBbox(): LonLatBbox | undefined;
  limit?: number;
  zIndex?: number;
  onLoaded?(info: PageInfo): void;
  onError?(error: unknown): void;
  onBusy?(busy: boolean): void;
}

export interface ParcelLayer {
  layer: VectorLayer<VectorSource<Feature>>;
  source: VectorSource<Feature>;
  loader: ViewLoader;
  /** The parcel under a view coordinate (EPSG:3857), if loaded. */
  parcelAt(coordinate: number[]): Feature | undefined;
}

const EMPTY_PAGE: ParcelPage = { type: 'FeatureCollection', features: [], numberMatched: 0, numberReturned: 0 };

export function createParcelLayer(options: ParcelLayerOptions): ParcelLayer {
  const { map } = options;
  const { source, loader } = createPagedSource({
    map,
    viewBbox: options.viewBbox,
    // Below zoom 16 a view holds thousands of parcels too small to pick: ask for none.
    fetchPage: async (bbox, signal) =>
      (map.getView().getZoom() ?? 0) < PARCEL_MIN_ZOOM ? EMPTY_PAGE : options.api.parcels({ bbox, limit: options.limit ?? 3000, signal }),
    onLoaded: options.onLoaded,
    onError: options.onError,
    onBusy: options.onBusy,
  });
  const layer = new VectorLayer({
    source,
    zIndex: options.zIndex ?? 15,
    minZoom: PARCEL_MIN_ZOOM - 0.01,
    properties: { sppKind: 'parcel' },
    style: parcelStyle,
  });
  return {
    layer,
    source,
    loader,
    parcelAt(coordinate) {
      return source.getFeaturesAtCoordinate(coordinate)[0];
    },
  };
}
