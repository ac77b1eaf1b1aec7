// The public planning map page: wires the API, map layers, legend and switcher, and the investor/citizen tools (search, rule card, sketch, share, sheet).
import 'ol/ol.css';
import './styles/page.css';
import './styles/controls.css';
import './styles/panel.css';
import './styles/report.css';
import './styles/lookup.css';
import type Feature from 'ol/Feature.js';
import type BaseLayer from 'ol/layer/Base.js';
import { ApiError, createApiClient } from './api/client.ts';
import type { Plan } from './api/types.ts';
import { createI18n } from './i18n/i18n.ts';
import { createBaseLayer } from './layers/base-layer.ts';
import { createConstraintLayerSet, createConstraintSource } from './layers/constraint-layer.ts';
import { createWardLayer } from './layers/ward-layer.ts';
import { createZoningLayer } from './layers/zoning-layer.ts';
import { createMap } from './map/create-map.ts';
import { createPageState } from './page-state.ts';
import { permitVi } from './i18n/permit-messages.ts';
import { permitEn } from './i18n/permit-messages-en.ts';
import { createParcelLayer } from './layers/parcel-layer.ts';
import { createLookupTools } from './lookup/lookup-tools.ts';
import { createLandUsePalette, type LandUsePalette } from './style/land-use-style.ts';
import { createControlsCard } from './ui/controls-card.ts';
import { createFeaturePanel } from './ui/feature-panel.ts';
import { createHeader } from './ui/header.ts';
import { createLayerSwitcher } from './ui/layer-switcher.ts';
import { createLegend } from './ui/legend.ts';
import { errorText as describeError } from './ui/error-text.ts';
import { createStatus } from './ui/status.ts';

// Centre of the former Quận Ninh Kiều, the city's historic core.
const START_CENTER: [number, number] = [105.77, 10.03];
const START_ZOOM = 14;
// Enough for a full-screen view at the start zoom (about 1,700 demo lots); beyond it the page says "zoom in".
const ZONE_LIMIT = 2000;
const CONSTRAINT_LIMIT = 2000;

const narrowQuery = window.matchMedia('(max-width: 640px)');
const narrow = narrowQuery.matches;
// The sketch's compliance report speaks the permit pages' words for checks and results.
const i18n = createI18n({ extra: { vi: permitVi, en: permitEn } });
const state = createPageState(i18n.lang);
const api = createApiClient();

const headerSlot = document.getElementById('header-slot')!;
const mapArea = document.getElementById('map-area')!;
const mapTarget = document.getElementById('map')!;

const header = createHeader({ container: headerSlot, i18n, noticeOpen: !narrow });
const status = createStatus({ container: mapArea, i18n });

let palette: LandUsePalette | undefined;
let plans: Plan[] = [];

/** A failed request in the reader's language: the API's Vietnamese detail to a Vietnamese reader. */
const errorText = (error: unknown): string => describeError(i18n, error);

function reportLoad(source: string) {
  return (error: unknown) => {
    // The page state (read by tests and support) keeps the API's English detail.
    state.error = `${source}: ${error instanceof ApiError ? (error.problem.detail ?? error.message) : error instanceof Error ? error.message : String(error)}`;
    status.notify(`load-${source}`, () => i18n.t('error.load', { detail: errorText(error) }), 'error');
  };
}

function clearLoadError(source: string): void {
  status.dismiss(`load-${source}`);
  if (state.error?.startsWith(`${source}:`)) state.error = null;
}

// --- map and layers (draw order: base < zones < river/flood < heritage/height < red lines < wards) ---

const baseLayer = createBaseLayer({
  onFailed: () => status.notify('base-failed', () => i18n.t('base.failed'), 'info'),
});

const publicMap = createMap({
  target: mapTarget,
  center: START_CENTER,
  zoom: START_ZOOM,
  layers: [baseLayer],
  attributionCollapsed: narrow,
});
const { map } = publicMap;
const viewBbox = () => publicMap.viewBbox();

let zonesLoaded = false;
let paletteSettled = false;

const zoning = createZoningLayer({
  map,
  api,
  viewBbox,
  palette: createLandUsePalette({ codes: [] }),
  limit: ZONE_LIMIT,
  date: () => tools?.date ?? null,
  zIndex: 10,
  onBusy: (busy) => status.setBusy('zones', busy),
  onError: reportLoad('zones'),
  onLoaded: (info) => {
    const features = zoning.source.getFeatures();
    state.counts.zones = features.length;
    legend.setCodesInView(features.map((feature) => String(feature.get('land_use_code') ?? '')));
    status.setTruncation('zones', info);
    clearLoadError('zones');
    zonesLoaded = true;
    markReadyWhenRendered();
  },
  onRendered: (count) => {
    state.renderedZoneCount = count;
  },
});

const constraints = createConstraintSource({
  map,
  api,
  viewBbox,
  limit: CONSTRAINT_LIMIT,
  date: () => tools?.date ?? null,
  onBusy: (busy) => status.setBusy('constraints', busy),
  onError: reportLoad('constraints'),
  onLoaded: (info) => {
    state.counts.constraints = constraints.source.getFeatures().length;
    status.setTruncation('constraints', info);
    clearLoadError('constraints');
  },
});
// By id, not by object: a reload after panning replaces the feature objects.
const selectedConstraints = new Set<string | number>();
const isSelected = (feature: Feature) => {
  const id = feature.getId();
  return id !== undefined && selectedConstraints.has(id);
};
const { river: riverLayer, other: otherConstraintLayer, redLine: redLineLayer, all: constraintLayers } = createConstraintLayerSet(constraints.source, isSelected);
const clickableLayers = new Set<BaseLayer>([zoning.layer, ...constraintLayers]);

const wards = createWardLayer({
  map,
  api,
  viewBbox,
  attribution: i18n.t('attribution.wards'),
  zIndex: 40,
  onBusy: (busy) => status.setBusy('wards', busy),
  onError: reportLoad('wards'),
  onLoaded: () => {
    state.counts.wards = wards.source.getFeatures().length;
    clearLoadError('wards');
  },
});

// Parcels appear from zoom 16, where a lot is big enough to tap.
const parcels = createParcelLayer({
  map,
  api,
  viewBbox,
  zIndex: 15,
  onBusy: (busy) => status.setBusy('parcels', busy),
  onError: reportLoad('parcels'),
  onLoaded: () => clearLoadError('parcels'),
});

for (const layer of [zoning.layer, parcels.layer, ...constraintLayers, wards.layer]) map.addLayer(layer);

// `ready` means: zones loaded, styled with the real palette, and drawn at least once.
let readyPending = false;
function markReadyWhenRendered(): void {
  if (state.ready || readyPending || !zonesLoaded || !paletteSettled) return;
  readyPending = true;
  map.once('rendercomplete', () => {
    state.ready = true;
  });
  map.render();
}

// --- side panel, legend and switcher ---

const controls = createControlsCard({ container: mapArea, i18n, collapsed: narrow });
createLayerSwitcher({
  container: controls.body,
  i18n,
  entries: [
    { id: 'zones', label: 'layers.zones', layers: [zoning.layer] },
    { id: 'parcels', label: 'layers.parcels', layers: [parcels.layer] },
    { id: 'red-lines', label: 'layers.redLines', layers: [redLineLayer] },
    { id: 'river', label: 'layers.river', layers: [riverLayer] },
    { id: 'other-constraints', label: 'layers.otherConstraints', layers: [otherConstraintLayer] },
    { id: 'wards', label: 'layers.wards', layers: [wards.layer] },
    { id: 'base', label: 'layers.base', layers: [baseLayer as BaseLayer] },
  ],
});
const legend = createLegend({ container: controls.body, i18n, palette: undefined });

function clearSelection(): void {
  zoning.setSelected(null);
  selectedConstraints.clear();
  for (const layer of constraintLayers) layer.changed();
  state.selected = null;
}

const panel = createFeaturePanel({
  container: mapArea,
  i18n,
  onClose: () => {
    clearSelection();
    tools?.closed();
  },
  returnFocus: () => mapTarget,
  // Esc while drawing a footprint stops the drawing, not the card.
  escapeCloses: () => tools?.sketchMode !== 'drawing',
});

/** Highlights what lies under the pixel (the zone and constraints there), as the card about to open describes. */
function selectAt(pixel: number[]): void {
  const zones: Feature[] = [];
  const hitConstraints: Feature[] = [];
  map.forEachFeatureAtPixel(
    pixel,
    (feature, layer) => {
      const target = layer === zoning.layer ? zones : hitConstraints;
      if (!target.includes(feature as Feature)) target.push(feature as Feature);
    },
    { layerFilter: (layer) => clickableLayers.has(layer), hitTolerance: 2 },
  );
  clearSelection();
  const zone = zones[0];
  if (zone) zoning.setSelected(zone.getId() ?? null);
  for (const feature of hitConstraints) {
    const id = feature.getId();
    if (id !== undefined) selectedConstraints.add(id);
  }
  for (const layer of constraintLayers) layer.changed();
  state.selected = zone
    ? { kind: 'zone', id: zone.getId() ?? null, lotCode: String(zone.get('lot_code') ?? '') }
    : hitConstraints[0]
      ? { kind: 'constraint', id: hitConstraints[0].getId() ?? null }
      : null;
}

const tools = createLookupTools({
  map,
  mapTarget,
  mapArea,
  i18n,
  api,
  state,
  panel,
  narrow: () => narrowQuery.matches,
  palette: () => palette,
  wardName: (code) => {
    const ward = wards.source.getFeatures().find((f) => f.get('code') === code);
    return ward ? String(ward.get('full_name') ?? ward.get('name') ?? '') || undefined : undefined;
  },
  errorText,
  onDateChange: () => {
    zoning.loader.reload();
    constraints.loader.reload();
  },
  select: selectAt,
  clearSelection,
});

map.on('singleclick', (event) => tools.clickAt(event.pixel));
// Keyboard users inspect what lies under the centre of the view (pan with the arrow keys, then Enter).
mapTarget.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.target !== mapTarget) return;
  const size = map.getSize();
  if (size) tools.clickAt([size[0] / 2, size[1] / 2]);
});
map.on('pointermove', (event) => {
  if (event.dragging) return;
  const hit = map.hasFeatureAtPixel(event.pixel, { layerFilter: (layer) => clickableLayers.has(layer) });
  mapTarget.style.cursor = hit ? 'pointer' : '';
});
map.on('moveend', () => {
  state.viewBbox = viewBbox() ?? null;
});

// --- language ---

function applyLanguage(): void {
  state.lang = i18n.lang;
  document.title = i18n.t('app.title');
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.t('app.description'));
  mapTarget.setAttribute('aria-label', i18n.t('map.label'));
  wards.setAttribution(i18n.t('attribution.wards'));
  publicMap.setControlLabels({
    zoomIn: i18n.t('map.zoomIn'),
    zoomOut: i18n.t('map.zoomOut'),
    attribution: i18n.t('map.attribution'),
  });
}
i18n.onChange(applyLanguage);
applyLanguage();

// --- reference data: land-use colours and plans ---

api
  .landUseCodes()
  .then((list) => {
    palette = createLandUsePalette({ codes: list.items });
    zoning.setPalette(palette);
    legend.setPalette(palette);
    tools.paletteChanged();
  })
  .catch(reportLoad('land-use-codes'))
  .finally(() => {
    paletteSettled = true;
    markReadyWhenRendered();
  });

api
  .plans()
  .then((list) => {
    plans = list.items;
    header.setPlans(plans);
  })
  .catch((error: unknown) => {
    // Without the plan list the demo notice stays up: better over-cautious than silent.
    header.setPlans(undefined);
    reportLoad('plans')(error);
  });
