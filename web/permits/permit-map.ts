// The map of the permit pages: zones, constraints and (optionally) parcels around the site, the site and footprint, failing-check evidence.
import Feature from 'ol/Feature.js';
import type Geometry from 'ol/geom/Geometry.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type BaseLayer from 'ol/layer/Base.js';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import { createEvidenceLayer, type EvidenceLayer } from '../layers/evidence-layer.ts';
import type { ParcelLayer } from '../layers/parcel-layer.ts';
import type { ZoningLayer } from '../layers/zoning-layer.ts';
import type { PublicMap } from '../map/create-map.ts';
import { readGeometry } from '../map/geo-format.ts';
import { createPlanLayersMap, type PlanLayersMapOptions } from '../map/plan-layers-map.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { EVIDENCE_COLOUR, FOOTPRINT_COLOUR, footprintStyles, SITE_COLOUR, siteStyles } from '../style/permit-style.ts';
import { h } from '../ui/dom.ts';
import type { Status } from '../ui/status.ts';

/** The shared map's options (plan-layers-map.ts): the start view is the one before the site is known. */
export type PermitMapOptions = Omit<PlanLayersMapOptions, 'zoneLimit' | 'testId' | 'onZonesLoaded'>;

export interface PermitMap {
  publicMap: PublicMap;
  zoning: ZoningLayer;
  parcels: ParcelLayer | null;
  siteSource: VectorSource<Feature>;
  footprintSource: VectorSource<Feature>;
  evidence: EvidenceLayer;
  status: Status;
  setPalette(palette: LandUsePalette): void;
  /** Replaces the site / footprint drawn from API geometry (null clears it). */
  setSite(geometry: GeoJsonGeometry | null): void;
  setFootprint(geometry: GeoJsonGeometry | null): void;
  /** Zooms to the site (or to the given geometry), leaving room around it. */
  fitSite(geometry?: Geometry, duration?: number): void;
  /** Page coordinates (CSS px) of a lon/lat. */
  pixelOf(lonLat: [number, number]): [number, number] | null;
  /** Resolves once zones and constraints of the view have loaded (or failed) and the map has drawn them. */
  whenDrawn(): Promise<void>;
}

export function createPermitMap(options: PermitMapOptions): PermitMap {
  const { i18n, container } = options;
  const base = createPlanLayersMap({ ...options, testId: 'permit-map', zoneLimit: 2000 });
  const { target, publicMap, map, status, zoning, constraintLayers, parcels } = base;

  const siteSource = new VectorSource<Feature>();
  const footprintSource = new VectorSource<Feature>();
  const evidence = createEvidenceLayer({ map, zIndex: 60 });
  const layers: BaseLayer[] = [
    zoning.layer,
    ...constraintLayers,
    ...(parcels ? [parcels.layer] : []),
    new VectorLayer({ source: siteSource, style: siteStyles, zIndex: 45, properties: { sppKind: 'site' } }),
    new VectorLayer({ source: footprintSource, style: footprintStyles, zIndex: 50, properties: { sppKind: 'footprint' } }),
    evidence.layer,
  ];
  for (const layer of layers) map.addLayer(layer);

  // A small key for what the permit pages add to the plan's own symbols.
  const key = h('ul', { class: 'map-key', 'aria-hidden': 'true' });
  container.append(key);
  function renderKey(): void {
    key.replaceChildren(
      ...([
        [SITE_COLOUR, 'map.site'],
        [FOOTPRINT_COLOUR, 'map.footprint'],
        [EVIDENCE_COLOUR, 'map.evidence'],
      ] as const).map(([colour, label]) => h('li', {}, [h('span', { class: 'map-key-swatch', style: `border-color:${colour};background:${colour}33` }), i18n.t(label)])),
    );
    target.setAttribute('aria-label', i18n.t('map.label'));
    publicMap.setControlLabels({ zoomIn: i18n.t('map.zoomIn'), zoomOut: i18n.t('map.zoomOut'), attribution: i18n.t('map.attribution') });
  }
  i18n.onChange(renderKey);
  renderKey();

  function setOne(source: VectorSource<Feature>, geometry: GeoJsonGeometry | null): void {
    source.clear();
    if (geometry) source.addFeature(new Feature({ geometry: readGeometry(geometry) }));
  }

  return {
    publicMap,
    zoning,
    parcels,
    siteSource,
    footprintSource,
    evidence,
    status,
    setPalette(palette) {
      zoning.setPalette(palette);
    },
    setSite: (geometry) => setOne(siteSource, geometry),
    setFootprint: (geometry) => setOne(footprintSource, geometry),
    fitSite(geometry, duration = 0) {
      const extent = geometry?.getExtent() ?? (siteSource.isEmpty() ? undefined : siteSource.getExtent());
      if (!extent) return;
      map.getView().fit(extent, { padding: [48, 48, 48, 48], maxZoom: 20, duration });
    },
    whenDrawn: base.whenDrawn,
    pixelOf: base.pixelOf,
  };
}
