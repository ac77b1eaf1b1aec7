// "Sketch a building" on the open parcel: draw a footprint, set floors, height, floor area and use; checked live in the browser, then confirmed by the server.
import Feature from 'ol/Feature.js';
import type Geometry from 'ol/geom/Geometry.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type Map from 'ol/Map.js';
import type { CheckId, ComplianceReport, Polygonal } from '../../api/checks/index.ts';
import type { ApiClient } from '../api/client.ts';
import { ApiError } from '../api/client.ts';
import { createLiveCheck, type LiveCheck, type LiveCheckState } from '../checks/live-check.ts';
import { createPolygonEditor, type PolygonEditor } from '../edit/polygon-editor.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { createEvidenceLayer } from '../layers/evidence-layer.ts';
import { readGeometry, writePolygonal } from '../map/geo-format.ts';
import { footprintStyles, sketchStyles } from '../style/permit-style.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { createComplianceReport } from '../ui/compliance-report.ts';
import { h, replace } from '../ui/dom.ts';
import { areaOf, createShapeTools } from '../ui/shape-tools.ts';
import { datedApi, type FeasibilityReport, type LookupApi, type RuleCard } from './lookup-api.ts';

/** What a share link carries of a sketch; null numbers are "automatic". */
export interface SketchState {
  footprint: Polygonal | null;
  floors: number | null;
  height_m: number | null;
  gfa_m2: number | null;
  use: string | null;
}

/** Summary of a report for the page's test hook. */
export interface ReportSummary {
  status: string;
  checks: Record<string, string>;
}

export interface SketchHookState {
  live: ReportSummary | null;
  server: (ReportSummary & { matches: boolean }) | null;
  serverError: string | null;
  footprintArea: number | null;
}

export interface SketchToolOptions {
  map: Map;
  i18n: I18n;
  api: ApiClient;
  lookup: LookupApi;
  palette(): LandUsePalette | undefined;
  /** Outlines a corner snaps to (the card's parcel and parts). */
  snapTo: VectorSource<Feature>;
  /** Called after every change the share link must follow. */
  onChange(): void;
  /** Drawing started or stopped (phones fold the sheet to show the map). */
  onModeChange(mode: 'idle' | 'drawing' | 'editing'): void;
  errorText(error: unknown): string;
  hook: SketchHookState;
}

export interface SketchTool {
  element: HTMLElement;
  /** The parcel to sketch on (null: none, the tool says so); keeps the sketch when the parcel stays. */
  setCard(card: RuleCard | null, date: string | null): void;
  state(): SketchState;
  /** Restores a shared sketch (after setCard). */
  restore(state: SketchState): void;
  readonly mode: 'idle' | 'drawing' | 'editing';
  clear(): void;
}

/** Storey height assumed when the height is left empty (m): a common Vietnamese town-house storey. */
const STOREY_M = 3.6;
const DEFAULT_FLOORS = 3;
/** Pause after the last edit before the server is asked (the feasibility budget is 60 a minute). */
const CONFIRM_DELAY_MS = 700;

export function summarise(report: ComplianceReport): ReportSummary {
  return { status: report.status, checks: Object.fromEntries(report.checks.map((c) => [c.id, c.status])) };
}

export function createSketchTool(options: SketchToolOptions): SketchTool {
  const { i18n, map, hook } = options;
  let card: RuleCard | null = null;
  let date: string | null = null;
  let live: LiveCheck | null = null;
  let liveReport: ComplianceReport | null = null;
  let serverTimer: ReturnType<typeof setTimeout> | undefined;
  let serverController: AbortController | undefined;
  let serverState: { kind: 'idle' } | { kind: 'waiting' } | { kind: 'done'; report: FeasibilityReport } | { kind: 'error'; message: () => string } = { kind: 'idle' };
  let sketching: Polygonal | null = null;

  const source = new VectorSource<Feature>();
  const layer = new VectorLayer({ source, zIndex: 70, style: footprintStyles, properties: { sppKind: 'sketch' } });
  const evidence = createEvidenceLayer({ map, zIndex: 65 });
  map.addLayer(evidence.layer);
  map.addLayer(layer);

  // --- form ---
  const heading = h('h3', { class: 'card-heading' });
  const intro = h('p', { class: 'sketch-intro' });
  const toolsSlot = h('div', { class: 'sketch-shape' });
  const field = (name: string, input: HTMLElement) => {
    const label = h('label', { for: `sketch-${name}`, class: 'sketch-label' });
    return { label, wrap: h('div', { class: `sketch-field field-${name}` }, [label, input]) };
  };
  const floorsInput = h('input', { id: 'sketch-floors', type: 'number', inputmode: 'numeric', min: '1', max: '200', step: '1', 'data-testid': 'sketch-floors' });
  const heightInput = h('input', { id: 'sketch-height', type: 'number', inputmode: 'decimal', min: '0', step: '0.1', 'data-testid': 'sketch-height' });
  const gfaInput = h('input', { id: 'sketch-gfa', type: 'number', inputmode: 'decimal', min: '0', step: '1', 'data-testid': 'sketch-gfa' });
  const useSelect = h('select', { id: 'sketch-use', 'data-testid': 'sketch-use' });
  const floorsField = field('floors', floorsInput);
  const heightField = field('height', heightInput);
  const gfaField = field('gfa', gfaInput);
  const useField = field('use', useSelect);
  const gfaHint = h('p', { class: 'hint sketch-gfa-hint' });
  const figures = h('div', { class: 'sketch-figures' }, [floorsField.wrap, heightField.wrap, gfaField.wrap, useField.wrap]);
  const reportSlot = h('div', { class: 'sketch-report' });
  const serverLine = h('p', { class: 'sketch-server', role: 'status', 'data-testid': 'sketch-server' });
  const body = h('div', { class: 'sketch-body' }, [toolsSlot, figures, gfaHint, reportSlot, serverLine]);
  const element = h('section', { class: 'panel-section sketch', 'data-testid': 'sketch' }, [heading, intro, body]);

  const report = createComplianceReport({
    container: reportSlot,
    i18n,
    title: 'check.live',
    testId: 'sketch-live',
    onSelect: (checkId: CheckId | null) => {
      evidence.highlight(checkId);
      report.setSelected(evidence.highlighted);
    },
  });
  report.element.classList.add('live');

  const editor: PolygonEditor = createPolygonEditor({
    map,
    source,
    snapTo: [options.snapTo],
    sketchStyle: sketchStyles,
    onSketch: (geometry) => {
      sketching = usable(geometry);
      refresh(false);
    },
    onChange: () => {
      sketching = null;
      refresh(true);
      options.onChange();
    },
    onModeChange: (mode) => {
      tools.update();
      options.onModeChange(mode);
    },
  });
  const tools = createShapeTools({
    container: toolsSlot,
    i18n,
    editor,
    testId: 'sketch-tools',
    path: '/footprint',
    drawKey: 'footprint.draw',
    emptyKey: 'footprint.none',
    describe: (area) => i18n.t('footprint.area', { area }),
  });

  function usable(geometry: Geometry | null): Polygonal | null {
    const g = writePolygonal(geometry);
    if (!g || g.type !== 'Polygon') return g;
    return g.coordinates[0]!.length >= 4 ? g : null;
  }

  const footprint = (): Polygonal | null => sketching ?? writePolygonal(editor.geometry());
  const numberOf = (input: HTMLInputElement): number | null => {
    if (input.value.trim() === '') return null;
    const n = Number(input.value);
    return Number.isFinite(n) ? n : null;
  };
  const floors = (): number | null => numberOf(floorsInput);
  const heightM = (): number | null => numberOf(heightInput) ?? (floors() !== null ? Math.round(floors()! * STOREY_M * 10) / 10 : null);
  const gfa = (): number | null => {
    const typed = numberOf(gfaInput);
    if (typed !== null) return typed;
    const a = areaOf(footprint());
    return a !== null && floors() !== null ? Math.round(a * floors()! * 10) / 10 : null;
  };

  // --- live check ---
  function onLiveState(result: LiveCheckState): void {
    if (result.kind === 'done') {
      liveReport = result.report;
      report.setReport(result.report, { pending: result.pending, note: i18n.t('check.liveNote') });
      evidence.setReport(result.report);
      report.setSelected(evidence.highlighted);
      hook.live = summarise(result.report);
    } else {
      if (result.kind !== 'loading') {
        liveReport = null;
        evidence.setReport(null);
        hook.live = null;
      }
      report.setPlaceholder(
        result.kind === 'waiting'
          ? { kind: 'waiting' }
          : result.kind === 'loading'
            ? { kind: 'loading', key: 'check.loadingContext' }
            : { kind: 'error', message: i18n.t('check.contextError', { detail: options.errorText(result.error) }) },
      );
    }
    renderServer();
  }

  function resetLive(): void {
    live?.dispose();
    live = createLiveCheck({ api: datedApi(options.api, date), onState: onLiveState });
  }

  function refresh(confirm: boolean): void {
    hook.footprintArea = areaOf(footprint());
    renderHints();
    if (!card?.parcel || !card.geometry) return;
    live?.update({
      site: card.geometry.parcel,
      footprint: footprint(),
      parcel: { id: card.parcel.id, geometry: card.geometry.parcel },
      use: useSelect.value,
      floors: floors(),
      basement_floors: 0,
      height_m: heightM(),
      gfa_m2: gfa(),
    });
    if (confirm) scheduleServer();
  }

  // --- server confirmation ---
  function scheduleServer(): void {
    if (serverTimer !== undefined) clearTimeout(serverTimer);
    serverController?.abort();
    const fp = writePolygonal(editor.geometry());
    const f = floors();
    const ht = heightM();
    const g = gfa();
    if (!card?.parcel || !fp || f === null || ht === null || g === null || !useSelect.value || f < 1 || ht <= 0 || g <= 0) {
      serverState = { kind: 'idle' };
      hook.server = null;
      hook.serverError = null;
      renderServer();
      return;
    }
    serverState = { kind: 'waiting' };
    hook.server = null;
    renderServer();
    const request = { parcel_id: card.parcel.id, footprint: fp, use: useSelect.value, floors: Math.round(f), height_m: ht, gfa_m2: g, ...(date ? { date } : {}) };
    serverTimer = setTimeout(() => {
      const controller = new AbortController();
      serverController = controller;
      options.lookup
        .feasibility(request, controller.signal)
        .then((result) => {
          if (controller.signal.aborted) return;
          serverState = { kind: 'done', report: result };
          hook.serverError = null;
          renderServer();
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          // Worded at each render, so it follows the reader's language.
          const message = (): string =>
            error instanceof ApiError && error.status === 429 ? i18n.t('sketch.server.rateLimited') : i18n.t('sketch.server.error', { detail: options.errorText(error) });
          serverState = { kind: 'error', message };
          hook.server = null;
          hook.serverError = message();
          renderServer();
          // Over budget: ask again once the window has room.
          if (error instanceof ApiError && error.status === 429) serverTimer = setTimeout(scheduleServer, 15_000);
        });
    }, CONFIRM_DELAY_MS);
  }

  /** Checks whose status differs between the live and the server report. */
  function differences(server: ComplianceReport, local: ComplianceReport | null): CheckId[] {
    if (!local) return [];
    const mine = new globalThis.Map(local.checks.map((c) => [c.id, c.status]));
    return server.checks.filter((c) => mine.get(c.id) !== c.status).map((c) => c.id);
  }

  function renderServer(): void {
    const s = serverState;
    serverLine.dataset.state = s.kind;
    if (s.kind === 'idle') {
      serverLine.textContent = writePolygonal(editor.geometry()) ? i18n.t('sketch.server.idle') : '';
      serverLine.hidden = !writePolygonal(editor.geometry());
      return;
    }
    serverLine.hidden = false;
    if (s.kind === 'waiting') {
      serverLine.textContent = i18n.t('sketch.server.waiting');
      return;
    }
    if (s.kind === 'error') {
      serverLine.dataset.status = 'error';
      serverLine.textContent = s.message();
      return;
    }
    const statusText = i18n.t(`report.${s.report.status}` as MessageKey);
    // The live result may lag one edit behind: compare only when it describes the same sketch.
    const diff = sketching ? [] : differences(s.report, liveReport);
    const matches = liveReport !== null && diff.length === 0 && liveReport.status === s.report.status;
    hook.server = { ...summarise(s.report), matches };
    serverLine.dataset.status = s.report.status;
    serverLine.textContent =
      diff.length === 0
        ? i18n.t('sketch.server.confirmed', { status: statusText })
        : i18n.t('sketch.server.differs', { checks: diff.map((id) => i18n.t(`checkName.${id}` as MessageKey)).join(', '), status: statusText });
  }

  // --- inputs ---
  function renderHints(): void {
    const a = areaOf(footprint());
    const f = floors();
    gfaInput.placeholder = a !== null && f !== null ? i18n.number(Math.round(a * f * 10) / 10, 1) : '';
    heightInput.placeholder = f !== null ? i18n.number(Math.round(f * STOREY_M * 10) / 10, 1) : '';
    gfaHint.textContent = a !== null && f !== null && gfaInput.value.trim() === '' ? i18n.t('sketch.gfaAuto', { value: i18n.number(Math.round(a * f * 10) / 10, 1) }) : '';
  }

  for (const input of [floorsInput, heightInput, gfaInput]) {
    input.addEventListener('input', () => {
      refresh(true);
      options.onChange();
    });
  }
  useSelect.addEventListener('change', () => {
    refresh(true);
    options.onChange();
  });

  function fillUses(preferred: string | null): void {
    const zoneUses = card?.zones.filter((z) => z.governs).flatMap((z) => z.permitted_uses) ?? [];
    const uses = [...new Set(zoneUses)];
    // A use not permitted here may still be tried (the check then says so); keep a shared one.
    if (preferred && !uses.includes(preferred)) uses.push(preferred);
    const palette = options.palette();
    replace(
      useSelect,
      uses.map((code) => {
        const entry = palette?.entryIn('land_law', code);
        return h('option', { value: code }, [entry ? `${i18n.pick(entry.name_vi, entry.name_en)} (${code})` : code]);
      }),
    );
    useSelect.value = preferred && uses.includes(preferred) ? preferred : (uses[0] ?? '');
    useSelect.disabled = uses.length === 0;
  }

  function render(): void {
    heading.textContent = i18n.t('sketch.title');
    intro.textContent = i18n.t('sketch.intro');
    floorsField.label.textContent = i18n.t('sketch.floors');
    heightField.label.textContent = i18n.t('sketch.height');
    gfaField.label.textContent = i18n.t('sketch.gfa');
    useField.label.textContent = i18n.t('sketch.use');
    if (card) fillUses(useSelect.value || null);
    renderHints();
    renderServer();
  }
  i18n.onChange(render);

  function clearSketch(): void {
    editor.stop();
    source.clear();
    sketching = null;
    if (serverTimer !== undefined) clearTimeout(serverTimer);
    serverController?.abort();
    serverState = { kind: 'idle' };
    hook.server = null;
    hook.serverError = null;
    hook.live = null;
    hook.footprintArea = null;
    evidence.setReport(null);
    liveReport = null;
    report.setPlaceholder({ kind: 'waiting' });
  }

  render();
  return {
    element,
    setCard(next, nextDate) {
      const sameParcel = next?.parcel && card?.parcel && next.parcel.id === card.parcel.id;
      const dateChanged = nextDate !== date || !live;
      card = next;
      date = nextDate;
      if (!sameParcel) {
        clearSketch();
        floorsInput.value = '';
        heightInput.value = '';
        gfaInput.value = '';
        const governing = next?.zones.filter((z) => z.governs) ?? [];
        const maxFloors = governing.map((z) => z.max_floors).filter((v): v is number => v !== null);
        floorsInput.value = String(Math.max(1, Math.min(DEFAULT_FLOORS, ...maxFloors)));
        fillUses(governing[0]?.permitted_uses[0] ?? null);
      } else {
        fillUses(useSelect.value || null);
      }
      element.hidden = !next?.parcel;
      if (dateChanged) resetLive();
      tools.update();
      render();
      refresh(true);
    },
    state() {
      return {
        footprint: writePolygonal(editor.geometry()),
        floors: floors(),
        height_m: numberOf(heightInput),
        gfa_m2: numberOf(gfaInput),
        use: useSelect.value || null,
      };
    },
    restore(state) {
      if (state.floors !== null) floorsInput.value = String(state.floors);
      heightInput.value = state.height_m !== null ? String(state.height_m) : '';
      gfaInput.value = state.gfa_m2 !== null ? String(state.gfa_m2) : '';
      if (state.use) fillUses(state.use);
      source.clear();
      if (state.footprint) {
        source.addFeature(new Feature({ geometry: readGeometry(state.footprint) }));
        editor.edit();
      }
      tools.update();
      refresh(true);
    },
    get mode() {
      return editor.mode;
    },
    clear: clearSketch,
  };
}
