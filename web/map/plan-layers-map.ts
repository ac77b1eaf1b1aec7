// The map the signed-in pages start from: base layer, the plan's zones and constraints (and parcels) loaded by view, a status line, and when it has drawn.
import type Feature from 'ol/Feature.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type VectorSource from 'ol/source/Vector.js';
import { fromLonLat } from 'ol/proj.js';
import type Map from 'ol/Map.js';
import type { ApiClient } from '../api/client.ts';
import type { I18n } from '../i18n/i18n.ts';
import { createBaseLayer } from '../layers/base-layer.ts';
import { createConstraintLayerSet, createConstraintSource } from '../layers/constraint-layer.ts';
import type { PagedSource } from '../layers/paged-source.ts';
import { createParcelLayer, type ParcelLayer } from '../layers/parcel-layer.ts';
import { createZoningLayer, type ZoningLayer } from '../layers/zoning-layer.ts';
import { createLandUsePalette } from '../style/land-use-style.ts';
import { h } from '../ui/dom.ts';
import { createStatus, type Status } from '../ui/status.ts';
import { createMap, type PublicMap } from './create-map.ts';

export interface PlanLayersMapOptions {
  /** The positioned element the map fills; the status line goes in it too. */
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  /** Start view: [lon, lat] and zoom. */
  center: [number, number];
  zoom: number;
  testId: string;
  /** Most zones one view loads. */
  zoneLimit: number;
  withParcels?: boolean;
  onError?(error: unknown): void;
  onZonesLoaded?(count: number): void;
  onParcelsLoaded?(count: number): void;
}

export interface PlanLayersMap {
  target: HTMLElement;
  publicMap: PublicMap;
  map: Map;
  status: Status;
  zoning: ZoningLayer;
  constraints: PagedSource;
  /** River and flood, heritage and height limits, red lines: under the page's own layers. */
  constraintLayers: VectorLayer<VectorSource<Feature>>[];
  parcels: ParcelLayer | null;
  /** Page coordinates (CSS px) of a lon/lat. */
  pixelOf(lonLat: [number, number]): [number, number] | null;
  /** Resolves once zones and constraints of the view have loaded (or failed) and the map has drawn them. */
  whenDrawn(): Promise<void>;
}

export function createPlanLayersMap(options: PlanLayersMapOptions): PlanLayersMap {
  const { i18n, api, container } = options;
  const target = h('div', { class: 'map', tabindex: '0', role: 'region', 'data-testid': options.testId });
  container.append(target);
  const status = createStatus({ container, i18n });
  const reportError = (source: string) => (error: unknown) => {
    options.onError?.(error);
    status.notify(`load-${source}`, () => i18n.t('error.load', { detail: error instanceof Error ? error.message : String(error) }), 'error');
  };

  const baseLayer = createBaseLayer({ onFailed: () => status.notify('base-failed', () => i18n.t('base.failed'), 'info') });
  const publicMap = createMap({ target, center: options.center, zoom: options.zoom, layers: [baseLayer], attributionCollapsed: true });
  const { map } = publicMap;
  const viewBbox = () => publicMap.viewBbox();
  // Zones and constraints settle once each (loaded or failed) before the page counts as drawn.
  const settled = { zones: false, constraints: false };
  let onSettled: (() => void) | null = null;
  const settle = (what: keyof typeof settled) => {
    settled[what] = true;
    if (settled.zones && settled.constraints) onSettled?.();
  };

  const zoning = createZoningLayer({
    map,
    api,
    viewBbox,
    palette: createLandUsePalette({ codes: [] }),
    limit: options.zoneLimit,
    zIndex: 10,
    onBusy: (busy) => status.setBusy('zones', busy),
    onError: (error) => {
      reportError('zones')(error);
      settle('zones');
    },
    onLoaded: (info) => {
      status.dismiss('load-zones');
      options.onZonesLoaded?.(info.numberReturned);
      settle('zones');
    },
  });
  const constraints = createConstraintSource({
    map,
    api,
    viewBbox,
    limit: 2000,
    onBusy: (busy) => status.setBusy('constraints', busy),
    onError: (error) => {
      reportError('constraints')(error);
      settle('constraints');
    },
    onLoaded: () => {
      status.dismiss('load-constraints');
      settle('constraints');
    },
  });
  const constraintLayers = createConstraintLayerSet(constraints.source).all;
  const parcels = options.withParcels
    ? createParcelLayer({
        map,
        api,
        viewBbox,
        zIndex: 35,
        onBusy: (busy) => status.setBusy('parcels', busy),
        onError: reportError('parcels'),
        onLoaded: (info) => {
          status.dismiss('load-parcels');
          options.onParcelsLoaded?.(info.numberReturned);
        },
      })
    : null;

  return {
    target,
    publicMap,
    map,
    status,
    zoning,
    constraints,
    constraintLayers,
    parcels,
    pixelOf(lonLat) {
      const pixel = map.getPixelFromCoordinate(fromLonLat(lonLat));
      if (!pixel) return null;
      const rect = target.getBoundingClientRect();
      return [rect.left + pixel[0], rect.top + pixel[1]];
    },
    whenDrawn() {
      return new Promise<void>((resolve) => {
        const drawn = () => map.once('rendercomplete', () => resolve());
        if (settled.zones && settled.constraints) {
          drawn();
          map.render();
        } else {
          onSettled = () => {
            onSettled = null;
            drawn();
          };
        }
      });
    },
  };
}
