// A vector source that holds exactly the features the API returned for the current view.
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorSource from 'ol/source/Vector.js';
import type Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type { AttributionLike } from 'ol/source/Source.js';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import type { FeaturePage, LonLatBbox } from '../api/types.ts';
import { createViewLoader, type ViewLoader } from '../map/view-loader.ts';

/** What a load returned: `numberMatched` above `numberReturned` means the page was cut at the limit. */
export interface PageInfo {
  numberMatched: number | undefined;
  numberReturned: number;
}

export interface PagedSourceOptions {
  map: Map;
  viewBbox(): LonLatBbox | undefined;
  fetchPage(bbox: LonLatBbox, signal: AbortSignal): Promise<FeaturePage<GeoJsonGeometry | null, unknown>>;
  onLoaded?(info: PageInfo): void;
  onError?(error: unknown): void;
  onBusy?(busy: boolean): void;
  attributions?: AttributionLike;
  debounceMs?: number;
}

export interface PagedSource {
  source: VectorSource<Feature>;
  loader: ViewLoader;
}

// The API speaks EPSG:4326 (RFC 7946); the view is Web Mercator.
const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export function createPagedSource(options: PagedSourceOptions): PagedSource {
  const source = new VectorSource({ attributions: options.attributions });
  const loader = createViewLoader({
    map: options.map,
    viewBbox: options.viewBbox,
    debounceMs: options.debounceMs,
    onError: options.onError,
    onBusy: options.onBusy,
    async load(bbox, signal) {
      const page = await options.fetchPage(bbox, signal);
      if (signal.aborted) return;
      const features = format.readFeatures(page) as Feature[];
      // Replacing (not accumulating) keeps memory bounded however far the user pans.
      source.clear(true);
      source.addFeatures(features);
      options.onLoaded?.({
        numberMatched: typeof page.numberMatched === 'number' ? page.numberMatched : undefined,
        numberReturned: typeof page.numberReturned === 'number' ? page.numberReturned : features.length,
      });
    },
  });
  return { source, loader };
}
