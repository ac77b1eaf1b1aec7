// A new permit application: figures, the site (a clicked parcel or a drawn outline), the footprint drawn on the map, checked live.
import type Feature from 'ol/Feature.js';
import { ApiError } from '../api/client.ts';
import type { ApiClient } from '../api/client.ts';
import type { PermitClient } from '../api/permit-client.ts';
import type { PermitApplication } from '../api/permit-types.ts';
import type { LandUseCode } from '../api/types.ts';
import type { Polygonal } from '../../api/checks/index.ts';
import { createPolygonEditor } from '../edit/polygon-editor.ts';
import type { I18n } from '../i18n/i18n.ts';
import { writePolygonal } from '../map/geo-format.ts';
import { PARCEL_MIN_ZOOM } from '../layers/parcel-layer.ts';
import { sketchStyles } from '../style/permit-style.ts';
import { h } from '../ui/dom.ts';
import { createFieldErrors } from '../ui/field-errors.ts';
import { createProposalFields } from '../ui/proposal-fields.ts';
import { areaOf, createFootprintTools, createShapeTools } from '../ui/shape-tools.ts';
import { createLivePanel } from './live-panel.ts';
import { createPermitMap } from './permit-map.ts';
import type { PermitPageState } from './permit-state.ts';
import { paths } from './routes.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';

export interface NewViewOptions {
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  permits: PermitClient;
  state: PermitPageState;
  uses: Promise<LandUseCode[]>;
  palette: Promise<LandUsePalette | undefined>;
}

// Ninh Kiều at parcel zoom: where most demo applications lie.
const DEFAULT_CENTER: [number, number] = [105.77, 10.03];

/** `?center=lon,lat&zoom=z` opens the map at a place (links from the public map, tests). */
function startView(): { center: [number, number]; zoom: number } {
  const params = new URLSearchParams(window.location.search);
  const [lon, lat] = (params.get('center') ?? '').split(',').map(Number);
  const zoom = Number(params.get('zoom'));
  const valid = Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90 && params.has('center');
  return { center: valid ? [lon!, lat!] : DEFAULT_CENTER, zoom: Number.isFinite(zoom) && zoom >= 9 && zoom <= 20 ? zoom : PARCEL_MIN_ZOOM + 0.5 };
}

export function createNewView(options: NewViewOptions): void {
  const { i18n, state } = options;
  let siteMode: 'parcel' | 'draw' = 'parcel';
  let parcel: { id: number; feature: Feature } | null = null;
  let saving = false;

  const heading = h('h1', { class: 'page-title' });
  const form = h('form', { class: 'permit-form', novalidate: true, 'data-testid': 'permit-form' }, [heading]);
  const side = h('div', { class: 'side-panel' }, [form]);
  const mapPane = h('div', { class: 'map-pane' });
  options.container.append(h('div', { class: 'workspace' }, [mapPane, side]));

  const start = startView();
  const permitMap = createPermitMap({
    container: mapPane,
    i18n,
    api: options.api,
    center: start.center,
    zoom: start.zoom,
    withParcels: true,
    onParcelsLoaded: (count) => {
      state.parcelCount = count;
      renderSite();
    },
  });
  const { map } = permitMap.publicMap;
  state.pixelOf = (lonLat) => permitMap.pixelOf(lonLat);
  void options.palette.then((palette) => palette && permitMap.setPalette(palette));

  const fields = createProposalFields({
    container: form,
    i18n,
    uses: [],
    withApplicant: true,
    footprintArea: () => areaOf(writePolygonal(footprintEditor.geometry())),
    onInput: () => live.refresh(),
  });
  void options.uses.then((uses) => fields.setUses(uses));

  // --- site: a clicked parcel, or an outline drawn by hand ---
  const siteLegend = h('legend');
  const modeInputs = (['parcel', 'draw'] as const).map((mode) => {
    const input = h('input', { type: 'radio', name: 'site-mode', value: mode, checked: mode === siteMode, 'data-testid': `site-mode-${mode}` });
    const text = h('span');
    input.addEventListener('change', () => setSiteMode(mode));
    return { mode, input, text, label: h('label', { class: 'radio' }, [input, text]) };
  });
  const siteStatus = h('p', { class: 'shape-status', 'data-testid': 'site-status', 'aria-live': 'polite', 'data-path': '/parcel_id' });
  const siteHint = h('p', { class: 'hint' });
  const siteSet = h('fieldset', { class: 'field-set field', 'data-path': '/site' }, [
    siteLegend,
    h('div', { class: 'radio-row' }, modeInputs.map((m) => m.label)),
    siteStatus,
    siteHint,
  ]);
  form.append(siteSet);

  const siteEditor = createPolygonEditor({
    map,
    source: permitMap.siteSource,
    snapTo: permitMap.parcels ? [permitMap.parcels.source] : [],
    sketchStyle: sketchStyles,
    onSketch: (geometry) => live.refresh({ target: 'site', geometry }),
    onChange: () => {
      siteTools.update();
      footprintTools.update();
      renderSite();
      live.refresh();
    },
    onModeChange: () => siteTools.update(),
  });
  const siteTools = createShapeTools({
    container: siteSet,
    i18n,
    editor: siteEditor,
    testId: 'site-tools',
    path: '/site',
    drawKey: 'site.draw',
    emptyKey: 'site.none',
    describe: (area) => i18n.t('site.drawn', { area }),
  });

  // --- footprint: drawn inside the site, snapping to its outline ---
  const footprintLegend = h('legend');
  const footprintSet = h('fieldset', { class: 'field-set' }, [footprintLegend]);
  form.append(footprintSet);
  const footprintEditor = createPolygonEditor({
    map,
    source: permitMap.footprintSource,
    snapTo: [permitMap.siteSource],
    sketchStyle: sketchStyles,
    onSketch: (geometry) => live.refresh({ target: 'footprint', geometry }),
    onChange: () => {
      footprintTools.update();
      live.refresh();
    },
    onModeChange: () => footprintTools.update(),
  });
  const footprintTools = createFootprintTools({
    container: footprintSet,
    i18n,
    editor: footprintEditor,
    blocked: () => (permitMap.siteSource.isEmpty() ? 'footprint.needSite' : null),
  });

  const liveContainer = h('div');
  form.append(liveContainer);
  const live = createLivePanel({
    container: liveContainer,
    mapContainer: mapPane,
    i18n,
    api: options.api,
    permitMap,
    state,
    proposal: () => {
      const v = fields.values();
      const site = writePolygonal(permitMap.siteSource.getFeatures()[0]?.getGeometry());
      return {
        site,
        footprint: writePolygonal(footprintEditor.geometry()),
        parcel: parcel && siteMode === 'parcel' && site ? { id: parcel.id, geometry: site } : null,
        use: v.use,
        floors: v.floors,
        basement_floors: v.basement_floors,
        height_m: v.height_m,
        gfa_m2: v.gfa_m2,
      };
    },
  });

  const summary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'save-permit' });
  const cancel = h('a', { href: paths.list(), class: 'button' });
  // The summary sits in the sticky footer with the buttons, so it shows wherever the form is scrolled.
  form.append(h('div', { class: 'form-footer sticky' }, [summary, h('div', { class: 'form-actions' }, [save, cancel])]));
  const errors = createFieldErrors({ root: form, summary, i18n });

  function setSiteMode(mode: 'parcel' | 'draw'): void {
    if (mode === siteMode) return;
    siteMode = mode;
    siteEditor.stop();
    permitMap.siteSource.clear();
    parcel = null;
    state.parcelId = null;
    siteTools.update();
    footprintTools.update();
    renderSite();
    live.refresh();
  }

  function pickParcel(feature: Feature): void {
    const id = Number(feature.getId());
    const geometry = feature.getGeometry();
    if (!geometry || !Number.isInteger(id)) return;
    parcel = { id, feature };
    state.parcelId = id;
    permitMap.siteSource.clear();
    permitMap.setSite(writePolygonal(geometry));
    footprintTools.update();
    renderSite();
    live.refresh();
  }

  map.on('singleclick', (event) => {
    if (siteMode !== 'parcel' || footprintEditor.mode === 'drawing' || siteEditor.mode === 'drawing') return;
    const feature = permitMap.parcels?.parcelAt(event.coordinate);
    if (feature) pickParcel(feature);
  });
  map.on('pointermove', (event) => {
    if (event.dragging || siteMode !== 'parcel' || footprintEditor.mode === 'drawing') return;
    const target = map.getTargetElement();
    if (target) target.style.cursor = permitMap.parcels?.parcelAt(event.coordinate) ? 'pointer' : '';
  });
  map.on('moveend', renderSite);

  function renderSite(): void {
    siteLegend.textContent = i18n.t('form.site');
    for (const m of modeInputs) m.text.textContent = i18n.t(m.mode === 'parcel' ? 'site.modeParcel' : 'site.modeDraw');
    siteTools.element.hidden = siteMode !== 'draw';
    siteStatus.hidden = siteMode !== 'parcel';
    const site = writePolygonal(permitMap.siteSource.getFeatures()[0]?.getGeometry()) as Polygonal | null;
    if (siteMode === 'parcel') {
      const area = areaOf(site);
      siteStatus.textContent =
        parcel && area !== null
          ? i18n.t('site.parcel', { sheet: String(parcel.feature.get('sheet_no')), parcel: String(parcel.feature.get('parcel_no')), area: i18n.number(area, 1) })
          : i18n.t('site.none');
      const zoomedIn = (map.getView().getZoom() ?? 0) >= PARCEL_MIN_ZOOM;
      siteHint.textContent = zoomedIn ? i18n.t('site.pickHint') : i18n.t('site.zoomHint');
    } else {
      siteHint.textContent = '';
    }
  }

  function render(): void {
    heading.textContent = i18n.t('form.newTitle');
    footprintLegend.textContent = i18n.t('form.footprint');
    save.textContent = i18n.t(saving ? 'form.saving' : 'form.save');
    cancel.textContent = i18n.t('form.cancel');
    renderSite();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (saving) return;
    errors.clear();
    const v = fields.values();
    const site = writePolygonal(permitMap.siteSource.getFeatures()[0]?.getGeometry());
    const footprint = writePolygonal(footprintEditor.geometry());
    for (const [path, message] of fields.problems()) errors.add(path, message);
    if (!site) errors.add('/site', () => i18n.t('form.noSite'));
    if (!footprint) errors.add('/footprint', () => i18n.t('form.noFootprint'));
    if (errors.count > 0) {
      errors.summarise(() => i18n.t('form.fix'));
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body: PermitApplication = {
      applicant: v.applicant,
      ...(parcel && siteMode === 'parcel' ? { parcel_id: parcel.id } : { site: site! }),
      footprint: footprint!,
      use: v.use,
      floors: v.floors!,
      basement_floors: v.basement_floors ?? 0,
      height_m: v.height_m!,
      gfa_m2: v.gfa_m2!,
    };
    saving = true;
    save.disabled = true;
    render();
    options.permits
      .create(body)
      .then((permit) => window.location.assign(paths.detail(permit.id)))
      .catch((error: unknown) => {
        saving = false;
        save.disabled = false;
        render();
        if (error instanceof ApiError) errors.showProblem(error.problem, () => i18n.t('form.fix'));
        else errors.summarise(() => i18n.t('error.generic', { detail: String(error) }));
        state.error = error instanceof Error ? error.message : String(error);
      });
  });

  i18n.onChange(render);
  render();
  void permitMap.whenDrawn().then(() => {
    state.ready = true;
  });
}
