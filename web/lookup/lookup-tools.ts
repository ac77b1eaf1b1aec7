// The investor/citizen tools of the public map: search box and as-of picker over the map, the rule card in the panel, card drawing, sketch, share link and sheet.
import type Map from 'ol/Map.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import { boundingExtent, type Extent } from 'ol/extent.js';
import type { ApiClient } from '../api/client.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { SppPageState } from '../page-state.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h } from '../ui/dom.ts';
import type { FeaturePanel } from '../ui/feature-panel.ts';
import { createAsOfPicker } from './as-of-picker.ts';
import { createCardLayers } from './card-layers.ts';
import { createCertificateAction, type CertificateHook } from './certificate-action.ts';
import { createLookupApi, type RuleCard, type SearchItem } from './lookup-api.ts';
import { attachLookupHook, type LookupHook } from './lookup-state.ts';
import { cardTitle, renderCard } from './rule-card-view.ts';
import { createSearchBox } from './search-box.ts';
import { createShareBox, decodeView, type SharedView } from './share-link.ts';
import { createSketchSlot } from './sketch-slot.ts';
import type { SketchHookState, SketchState } from './sketch-tool.ts';

export interface LookupToolsOptions {
  map: Map;
  mapTarget: HTMLElement;
  mapArea: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  state: SppPageState;
  panel: FeaturePanel;
  narrow(): boolean;
  palette(): LandUsePalette | undefined;
  wardName(code: string): string | undefined;
  errorText(error: unknown): string;
  /** The as-of date changed: reload the plan layers. */
  onDateChange(): void;
  /** Highlights the plan features under a pixel (the old "what is here" selection). */
  select(pixel: number[]): void;
  clearSelection(): void;
}

export interface LookupTools {
  readonly date: string | null;
  readonly sketchMode: 'idle' | 'drawing' | 'editing';
  /** A click or tap on the map (or Enter at the centre). */
  clickAt(pixel: number[]): void;
  /** The panel was closed. */
  closed(): void;
  paletteChanged(): void;
}

type Subject = { parcelId: number } | { point: [number, number] };

/** Zoom a searched place is shown at when it has no outline to fit. */
const POINT_ZOOM = 18;

export function createLookupTools(options: LookupToolsOptions): LookupTools {
  const { map, i18n, panel } = options;
  const lookup = createLookupApi(options.api);
  let subject: Subject | null = null;
  let card: RuleCard | null = null;
  let loading = false;
  // The card's load failure, worded at each render in the reader's language.
  let loadError: (() => string) | null = null;
  let controller: AbortController | undefined;

  const sketchHook: SketchHookState = { live: null, server: null, serverError: null, footprintArea: null };
  const certificateHook: CertificateHook = { code: null, pdf: null, verify: null, error: null };

  // --- over the map: search and date ---
  const toolbar = h('div', { class: 'map-toolbar', 'data-testid': 'map-toolbar' });
  options.mapArea.append(toolbar);
  const search = createSearchBox({ container: toolbar, i18n, api: lookup, onPick: pickResult, errorText: options.errorText });
  const shared = decodeView(location.hash);
  const picker = createAsOfPicker({ container: toolbar, i18n, initial: shared?.date ?? null, onChange: dateChanged });

  // --- on the map: the card and the sketch ---
  const cardLayers = createCardLayers({ i18n, palette: options.palette });
  map.addLayer(cardLayers.layer);
  const sketch = createSketchSlot({
    map,
    i18n,
    api: options.api,
    lookup,
    palette: options.palette,
    snapTo: cardLayers.layer.getSource()!,
    onChange: () => updateShare(),
    onModeChange: (mode) => {
      if (!options.narrow()) return;
      // A phone needs the map to draw on: fold the sheet while drawing, unfold when the shape is done.
      panel.setPeek(mode === 'drawing');
    },
    errorText: options.errorText,
    hook: sketchHook,
  });
  const share = createShareBox({ i18n });
  const certificate = createCertificateAction({ i18n, api: lookup, errorText: options.errorText, hook: certificateHook });

  const hook: LookupHook = attachLookupHook(options.state, {
    card: null,
    cardLoading: false,
    cardError: null,
    date: picker.date,
    sketch: sketchHook,
    certificate: certificateHook,
    pixelOf(lon, lat) {
      const pixel = map.getPixelFromCoordinate(fromLonLat([lon, lat]));
      if (!pixel) return null;
      const rect = options.mapTarget.getBoundingClientRect();
      return [rect.left + pixel[0], rect.top + pixel[1]];
    },
    sketchMode: () => sketch.mode,
  });

  // --- the panel ---
  const actionButton = (label: string, target: () => HTMLElement, action: string) => {
    const b = h('button', { type: 'button', class: 'button small card-action', 'data-action': action }, [label]);
    b.addEventListener('click', () => {
      panel.setPeek(false);
      target().scrollIntoView({ block: 'start', behavior: 'smooth' });
    });
    return b;
  };

  function view(): { title: string; nodes: Node[]; busy?: boolean } {
    if (loading && !card) return { title: i18n.t('card.loading'), nodes: [h('p', { class: 'panel-empty', role: 'status' }, [i18n.t('card.loading')])], busy: true };
    if (loadError && !card) return { title: i18n.t('panel.title'), nodes: [h('p', { class: 'card-error', role: 'alert' }, [i18n.t('card.error', { detail: loadError() })])] };
    if (!card) return { title: i18n.t('panel.title'), nodes: [] };
    const sections = renderCard(card, { i18n, palette: options.palette(), wardName: options.wardName });
    const actions = h('div', { class: 'card-actions', role: 'group', 'aria-label': i18n.t('card.actions') }, [
      card.parcel ? actionButton(i18n.t('sketch.title'), () => sketch.element, 'sketch') : null,
      actionButton(i18n.t('cert.title'), () => certificate.element, 'certificate'),
      actionButton(i18n.t('share.title'), () => share.element, 'share'),
    ]);
    const status = loadError ? h('p', { class: 'card-error', role: 'alert' }, [i18n.t('card.error', { detail: loadError() })]) : null;
    return { title: cardTitle(card, i18n), nodes: [status, sections[0], actions, ...sections.slice(1), sketch.element, certificate.element, share.element].filter((n): n is HTMLElement => !!n), busy: loading };
  }

  function publish(): void {
    hook.card = card ? { parcel_id: card.parcel?.id ?? null, as_of: card.as_of, zones: card.zones.length, constraints: card.constraints.length } : null;
    hook.cardLoading = loading;
    hook.cardError = loadError?.() ?? null;
    hook.date = picker.date;
  }

  function sharedView(): SharedView | null {
    if (!subject) return null;
    return {
      parcelId: 'parcelId' in subject ? subject.parcelId : null,
      point: 'point' in subject ? subject.point : null,
      date: picker.date,
      sketch: card?.parcel ? sketch.state() : null,
    };
  }

  function updateShare(): void {
    share.update(sharedView());
  }

  /** Loads the card of `next` (as of the picker's date) into the panel; `fit` moves the map to the parcel. */
  async function open(next: Subject, how: { fit: boolean; keepScroll?: boolean; restore?: SketchState | null }): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const sameSubject = subject !== null && JSON.stringify(subject) === JSON.stringify(next);
    subject = next;
    loading = true;
    loadError = null;
    if (!sameSubject) {
      card = null;
      cardLayers.setCard(null);
    }
    publish();
    panel.showView(view, { keepScroll: how.keepScroll });
    try {
      const date = picker.date;
      const result = 'parcelId' in next ? await lookup.parcelRules(next.parcelId, date, current.signal) : await lookup.atPoint(next.point[0], next.point[1], date, current.signal);
      if (current.signal.aborted) return;
      card = result;
      // A point that lies in a parcel opens that parcel's card: from now on the subject is the parcel.
      if (result.parcel) subject = { parcelId: result.parcel.id };
      loading = false;
      cardLayers.setCard(result);
      sketch.setCard(result, date);
      if (how.restore) sketch.restore(how.restore);
      certificate.setSubject(result.parcel ? { parcel_id: result.parcel.id } : 'point' in next ? { lon: next.point[0], lat: next.point[1] } : null, date !== null);
      publish();
      panel.showView(view, { keepScroll: how.keepScroll });
      updateShare();
      if (how.fit) fitParcel();
      else keepAboveSheet();
    } catch (error) {
      if (current.signal.aborted) return;
      loading = false;
      loadError = () => options.errorText(error);
      publish();
      panel.showView(view, { keepScroll: true });
    }
  }

  /** Shows the parcel beside the panel (desktop) or above the sheet (phone). */
  function fitParcel(): void {
    const extent = cardLayers.parcelExtent();
    if (!extent) return;
    // Zoomed in far enough to draw a footprint on a town-house lot.
    fitExtent(extent, 20);
  }

  function fitExtent(extent: Extent, maxZoom: number): void {
    const size = map.getSize();
    if (!size) return;
    const narrow = options.narrow();
    const sheet = panel.isOpen ? panel.element.getBoundingClientRect() : null;
    const padding = narrow
      ? [140, 24, Math.min(size[1] * 0.7, (sheet?.height ?? 0) + 16), 24]
      : [80, panel.isOpen ? (sheet?.width ?? 370) + 40 : 40, 48, 60];
    map.getView().fit(extent, { padding, maxZoom, duration: 400 });
  }

  /** On a phone, moves the map so the tapped parcel is not hidden under the sheet. */
  function keepAboveSheet(): void {
    if (!options.narrow()) return;
    const extent = cardLayers.parcelExtent();
    if (!extent) return;
    const view_ = map.getView();
    const resolution = view_.getResolution();
    const center = view_.getCenter();
    const size = map.getSize();
    if (!resolution || !center || !size) return;
    const sheetTop = size[1] - panel.element.offsetHeight;
    const bottomPx = map.getPixelFromCoordinate([extent[0], extent[1]])?.[1];
    if (bottomPx === undefined || bottomPx < sheetTop - 16) return;
    const parcelCentreY = (map.getPixelFromCoordinate([extent[0], (extent[1] + extent[3]) / 2])?.[1] ?? bottomPx);
    const dy = parcelCentreY - sheetTop / 2;
    view_.animate({ center: [center[0], center[1] - dy * resolution], duration: 250 });
  }

  function pickResult(item: SearchItem): void {
    if (item.kind === 'parcel' && item.parcel_id) {
      map.getView().animate({ center: fromLonLat(item.point), zoom: Math.max(map.getView().getZoom() ?? 0, POINT_ZOOM), duration: 400 });
      void open({ parcelId: item.parcel_id }, { fit: true });
    } else if (item.kind === 'ward' && item.bbox) {
      const [a, b, c, d] = item.bbox;
      fitExtent(boundingExtent([fromLonLat([a, b]), fromLonLat([c, d])]), 16);
    } else {
      map.getView().animate({ center: fromLonLat(item.point), zoom: Math.max(map.getView().getZoom() ?? 0, POINT_ZOOM), duration: 400 });
      void open({ point: item.point }, { fit: false });
    }
  }

  function dateChanged(): void {
    publish();
    options.onDateChange();
    if (subject) void open(subject, { fit: false, keepScroll: true });
    else updateShare();
  }

  function insideOpenParcel(pixel: number[]): boolean {
    if (!card?.geometry || !panel.isOpen) return false;
    const coordinate = map.getCoordinateFromPixel(pixel);
    const source = cardLayers.layer.getSource();
    return !!coordinate && !!source?.getFeatures().some((f) => f.get('part') === 'parcel' && f.getGeometry()?.intersectsCoordinate(coordinate));
  }

  function paletteChanged(): void {
    cardLayers.refresh();
    panel.refresh();
  }
  i18n.onChange(() => {
    cardLayers.refresh();
    panel.refresh();
  });

  // A shared link: the same date, parcel (or point) and sketch.
  if (shared) {
    const target: Subject = shared.parcelId !== null ? { parcelId: shared.parcelId } : { point: shared.point! };
    if ('point' in target) map.getView().setCenter(fromLonLat(target.point));
    void open(target, { fit: true, restore: shared.sketch });
  }

  return {
    get date() {
      return picker.date;
    },
    get sketchMode() {
      return sketch.mode;
    },
    clickAt(pixel) {
      // Taps while drawing place corners; taps inside the open parcel edit its sketch.
      if (sketch.mode === 'drawing' || insideOpenParcel(pixel)) return;
      search.closeResults();
      options.select(pixel);
      const coordinate = map.getCoordinateFromPixel(pixel);
      if (!coordinate) return;
      const [lon, lat] = toLonLat(coordinate);
      void open({ point: [lon, lat] }, { fit: false });
    },
    closed() {
      controller?.abort();
      subject = null;
      card = null;
      loading = false;
      loadError = null;
      cardLayers.setCard(null);
      sketch.setCard(null, picker.date);
      certificate.setSubject(null, false);
      publish();
      updateShare();
    },
    paletteChanged,
  };
}
