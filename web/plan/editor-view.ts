// The planner's editor: the plan on a map, a change set's edits over it, drawing and vertex editing with live checks, attributes, adding edits.
import type Feature from 'ol/Feature.js';
import { intersects as extentsIntersect, buffer as bufferExtent } from 'ol/extent.js';
import type { Polygonal } from '../../api/checks/check.types.ts';
import type { EditCheckContext, EditCheckResult } from '../../api/checks/zoning/edit-check.types.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import type { ChangeSet, ChangeSetEdit, EditLayer, NewEdit, PlanClient } from '../api/plan-client.ts';
import type { User } from '../api/permit-types.ts';
import type { LandUseCode, Plan } from '../api/types.ts';
import { word, type I18n, type Message } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { PARCEL_MIN_ZOOM } from '../layers/parcel-layer.ts';
import { readGeometry, writePolygonal } from '../map/geo-format.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h, replace } from '../ui/dom.ts';
import { problemDetail } from '../ui/error-text.ts';
import { createFieldErrors } from '../ui/field-errors.ts';
import { createAttributeForm } from './attribute-form.ts';
import { createChangeSetPanel } from './changeset-panel.ts';
import { createCheckResults, evidenceOf, isBlocking, summariseChecks } from './check-results.ts';
import { createDrawTools } from './draw-tools.ts';
import { createEditCheckRunner } from './edit-check-runner.ts';
import { geometryOf, createPlanMap } from './plan-map.ts';
import { planHref, type PlanPageState } from './plan-state.ts';

export interface EditorViewOptions {
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  client: PlanClient;
  state: PlanPageState;
  user: User;
  plans: Promise<Plan[]>;
  codes: Promise<LandUseCode[]>;
  palette: Promise<LandUsePalette | undefined>;
  changeSetId: number | null;
  onError(error: unknown): void;
}

// Ninh Kiều at parcel zoom, where the demo plan is densest.
const DEFAULT_CENTER: [number, number] = [105.7846, 10.0341];
/** Neighbours within this distance (m) of an edited shape are checked against it. */
const NEIGHBOUR_REACH_M = 60;

/** `?center=lon,lat&zoom=z` opens the map at a place (links, tests). */
export function startView(search: string, fallbackZoom: number): { center: [number, number]; zoom: number } {
  const params = new URLSearchParams(search);
  const [lon, lat] = (params.get('center') ?? '').split(',').map(Number);
  const zoom = Number(params.get('zoom'));
  const valid = params.has('center') && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90;
  return { center: valid ? [lon!, lat!] : DEFAULT_CENTER, zoom: params.has('zoom') && Number.isFinite(zoom) && zoom >= 9 && zoom <= 20 ? zoom : fallbackZoom };
}

type Selection = { layer: EditLayer; feature: Feature };

export function createEditorView(options: EditorViewOptions): void {
  const { i18n, state, client } = options;
  let changeSet: ChangeSet | null = null;
  let codes: LandUseCode[] = [];
  let plans: Plan[] = [];
  let layer: EditLayer = 'zones';
  let op: 'create' | 'modify' | null = null;
  let target: { featureId: number; version: number | null } | null = null;
  let selection: Selection | null = null;
  let liveResults: EditCheckResult[] | null = null;
  let saving = false;
  // Worded at each render, so it follows the reader's language.
  let notice: { kind: 'ok' | 'error'; text: Message } | null = null;
  // Ready once the change sets are listed and the map has drawn the plan around the start view.
  const loaded = { changeSet: false, map: false };
  const markReady = () => {
    if (loaded.changeSet && loaded.map) state.ready = true;
  };

  const mapPane = h('div', { class: 'map-pane' });
  const side = h('div', { class: 'side-panel plan-side' });
  options.container.append(h('div', { class: 'workspace plan-workspace' }, [mapPane, side]));

  const start = startView(window.location.search, PARCEL_MIN_ZOOM + 0.5);
  const planMap = createPlanMap({
    container: mapPane,
    i18n,
    api: options.api,
    center: start.center,
    zoom: start.zoom,
    withParcels: true,
    testId: 'editor-map',
    onError: options.onError,
    onZonesLoaded: (count) => {
      state.zoneCount = count;
    },
    onParcelsLoaded: (count) => {
      state.parcelCount = count;
    },
  });
  const { map } = planMap.publicMap;
  state.pixelOf = (lonLat) => planMap.pixelOf(lonLat);
  void options.palette.then((palette) => palette && planMap.setPalette(palette));

  const panel = createChangeSetPanel({
    container: side,
    i18n,
    client,
    user: options.user,
    plans: options.plans,
    initialId: options.changeSetId,
    onCurrent: (set) => {
      changeSet = set;
      planMap.setEdits(set?.edits ?? []);
      state.changeSet = set
        ? {
            id: set.id,
            status: set.status,
            title: set.title,
            allowedEvents: set.allowed_events ?? [],
            edits: (set.edits ?? []).map((e) => ({ id: e.id, op: e.op, layer: e.layer, featureId: e.feature_id, lotCode: lotOf(e), checks: summariseChecks(e.checks), review: e.review_decision })),
          }
        : null;
      if (!editable()) {
        cancelEdit();
        notice = null;
      }
      render();
      loaded.changeSet = true;
      markReady();
    },
    onShowEdit: (edit) => showEdit(edit),
    onListed: (count) => {
      state.changeSetCount = count;
    },
    onError: options.onError,
  });

  // --- the edit card: layer, selection, tools, attributes, checks ---
  const editHeading = h('h2', { class: 'card-title' });
  const layerLegend = h('span', { class: 'label' });
  const layerButtons = (['zones', 'constraints'] as const).map((value) => {
    const button = h('button', { type: 'button', class: 'seg-button', 'data-layer': value });
    button.addEventListener('click', () => {
      if (layer === value || op) return;
      layer = value;
      select(null);
      render();
    });
    return button;
  });
  const drawButton = h('button', { type: 'button', class: 'button primary small', 'data-testid': 'draw-new' });
  const selectionBox = h('div', { class: 'selection', 'data-testid': 'selection' });
  const editIntro = h('p', { class: 'hint' });
  const toolsBox = h('div', { class: 'tools-box' });
  const formBox = h('div', { class: 'form-box' });
  const checksBox = h('div', { class: 'checks-box' });
  const summary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
  const noticeBox = h('div', { 'data-testid': 'edit-notice' });
  const saveButton = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'save-edit' });
  const cancelButton = h('button', { type: 'button', class: 'button', 'data-testid': 'cancel-edit' });
  const footer = h('div', { class: 'form-footer sticky' }, [summary, h('div', { class: 'form-actions' }, [saveButton, cancelButton])]);
  const editForm = h('form', { class: 'card edit-card', novalidate: true, 'data-testid': 'edit-card' }, [
    editHeading,
    h('div', { class: 'layer-row' }, [layerLegend, h('div', { class: 'segmented', role: 'group' }, layerButtons), drawButton]),
    editIntro,
    noticeBox,
    selectionBox,
    toolsBox,
    formBox,
    checksBox,
    footer,
  ]);
  side.append(editForm);
  const errors = createFieldErrors({ root: editForm, summary, i18n });

  const tools = createDrawTools({
    container: toolsBox,
    i18n,
    planMap,
    onChange: (geometry) => {
      state.editor.geometry = geometry;
      syncEditorState();
      runChecks(geometry);
      render();
    },
    onSketch: (geometry) => runChecks(geometry),
    onModeChange: () => {
      syncEditorState();
      render();
    },
  });
  const attributes = createAttributeForm({ container: formBox, i18n, codes: [], onInput: () => runChecks(tools.geometry()) });
  const checks = createCheckResults({
    container: checksBox,
    i18n,
    title: 'plan.check.liveTitle',
    testId: 'live-checks',
    onFocus: (index) => {
      state.focusedCheck = index;
      planMap.setEvidence(evidenceOf(liveResults ?? []), index);
      if (index !== null) planMap.zoomToEvidence(index);
    },
  });
  const runner = createEditCheckRunner();

  void options.codes.then((list) => {
    codes = list;
    attributes.setCodes(list);
  });
  void options.plans.then((list) => {
    plans = list;
  });

  const editable = () => changeSet?.status === 'draft';
  const lotOf = (edit: ChangeSetEdit) => {
    const after = edit.after?.properties?.lot_code ?? edit.before?.properties?.lot_code;
    return typeof after === 'string' ? after : null;
  };

  function syncEditorState(): void {
    state.editor = {
      mode: tools.mode,
      layer,
      op,
      featureId: target?.featureId ?? null,
      geometry: tools.geometry(),
      undo: tools.depth.undo,
      redo: tools.depth.redo,
    };
  }

  /** The plan's boundary, when the plans list carries it. */
  function planBoundary(): Polygonal | null {
    const plan = plans.find((p) => p.id === changeSet?.plan_id) as (Plan & { boundary?: Polygonal | null }) | undefined;
    return plan?.boundary ?? null;
  }

  function context(geometry: Polygonal): EditCheckContext {
    const reach = bufferExtent(readGeometry(geometry).getExtent(), NEIGHBOUR_REACH_M * 1.02);
    const neighbours: EditCheckContext['neighbours'] = [];
    for (const feature of planMap.working[layer].getFeatures()) {
      const shape = feature.getGeometry();
      if (!shape || !extentsIntersect(shape.getExtent(), reach)) continue;
      const polygonal = writePolygonal(shape);
      if (!polygonal) continue;
      neighbours.push({ feature_id: feature.getId() ?? '', lot_code: String(feature.get('lot_code') ?? ''), geometry: polygonal });
    }
    return { neighbours, plan_boundary: planBoundary(), land_use_codes: codes.map((c) => c.code) };
  }

  function runChecks(geometry: Polygonal | null): void {
    if (!geometry || !op) {
      liveResults = null;
      state.live = null;
      checks.set({ kind: 'waiting' });
      planMap.setEvidence([], null);
      state.evidenceCount = 0;
      return;
    }
    state.live = { checks: state.live?.checks ?? [], blocking: state.live?.blocking ?? false, running: true };
    checks.set({ kind: 'running' });
    const featureId = target?.featureId ?? null;
    const job =
      layer === 'zones'
        ? ({ kind: 'zone', zone: { feature_id: featureId, attributes: attributes.zone(), geometry }, context: context(geometry) } as const)
        : ({ kind: 'constraint', constraint: { feature_id: featureId, attributes: attributes.constraint(), geometry }, context: context(geometry) } as const);
    runner
      .run(job)
      .then((results) => {
        if (!results) return;
        liveResults = results;
        state.live = { checks: summariseChecks(results), blocking: isBlocking(results), running: false };
        checks.set({ kind: 'done', results });
        const evidence = evidenceOf(results);
        planMap.setEvidence(evidence, state.focusedCheck);
        state.evidenceCount = evidence.length;
      })
      .catch((error: unknown) => {
        state.live = { checks: [], blocking: false, running: false };
        checks.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
  }

  function select(next: Selection | null): void {
    selection = next;
    const feature = next?.feature;
    state.selected = next && feature
      ? { layer: next.layer, id: Number(feature.getId()), version: numberOr(feature.get('version')), lotCode: (feature.get('lot_code') as string | undefined) ?? null }
      : null;
    planMap.zoning.setSelected(next?.layer === 'zones' ? (feature?.getId() ?? null) : null);
    render();
  }

  const numberOr = (value: unknown) => (typeof value === 'number' ? value : null);

  function startCreate(): void {
    if (!editable()) return;
    op = 'create';
    target = null;
    select(null);
    planMap.setEditing(layer, null);
    errors.clear();
    notice = null;
    attributes.setLayer(layer);
    attributes.clear();
    tools.reset();
    tools.draw(layer);
    syncEditorState();
    render();
  }

  function startModify(): void {
    if (!editable() || !selection) return;
    const geometry = writePolygonal(selection.feature.getGeometry());
    if (!geometry) return;
    layer = selection.layer;
    op = 'modify';
    target = { featureId: Number(selection.feature.getId()), version: numberOr(selection.feature.get('version')) };
    planMap.setEditing(layer, target.featureId);
    errors.clear();
    notice = null;
    attributes.setLayer(layer);
    attributes.set(selection.feature.getProperties());
    tools.edit(layer, geometry);
    state.editor.geometry = geometry;
    syncEditorState();
    runChecks(geometry);
    render();
  }

  function cancelEdit(): void {
    op = null;
    target = null;
    tools.reset();
    planMap.setEditing(layer, null);
    errors.clear();
    runChecks(null);
    syncEditorState();
    render();
  }

  function send(edit: NewEdit, done: Message): void {
    if (!changeSet || saving) return;
    saving = true;
    notice = null;
    render();
    client
      .addEdit(changeSet.id, edit)
      .then(async () => {
        if (edit.op !== 'delete') cancelEdit();
        select(null);
        notice = { kind: 'ok', text: done };
        await panel.reload();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 409) {
          notice = { kind: 'error', text: () => i18n.t('plan.edit.stale', { detail: problemDetail(i18n, error.status, error.problem) }) };
          planMap.zoning.loader.reload();
        } else if (error instanceof ApiError && (error.problem.errors?.length ?? 0) > 0) {
          errors.showProblem(error.problem, () => i18n.t('plan.edit.fix'));
        } else if (error instanceof ApiError && error.status === 401) {
          options.onError(error);
        } else {
          notice = { kind: 'error', text: () => i18n.t('error.generic', { detail: error instanceof Error ? error.message : String(error) }) };
        }
      })
      .finally(() => {
        saving = false;
        render();
      });
  }

  function deleteSelected(): void {
    if (!editable() || !selection) return;
    const featureId = Number(selection.feature.getId());
    const version = numberOr(selection.feature.get('version'));
    const label = (selection.feature.get('lot_code') as string | undefined) ?? `#${featureId}`;
    send({ op: 'delete', layer: selection.layer, feature_id: featureId, ...(version ? { base_version: version } : {}) }, () => i18n.t('plan.edit.deleted', { what: label }));
  }

  editForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!op || !changeSet) return;
    errors.clear();
    const geometry = tools.geometry();
    for (const [path, message] of attributes.problems()) errors.add(path, message);
    if (!geometry) errors.summarise(() => i18n.t('plan.edit.noShape'));
    if (errors.count > 0 || !geometry) {
      if (errors.count > 0) errors.summarise(() => i18n.t('plan.edit.fix'));
      return;
    }
    const properties = layer === 'zones' ? attributes.zone() : attributes.constraint();
    const edit: NewEdit = {
      op,
      layer,
      ...(target ? { feature_id: target.featureId } : {}),
      ...(target?.version ? { base_version: target.version } : {}),
      feature: { type: 'Feature', geometry, properties: properties as unknown as Record<string, unknown> },
    };
    const what = layer === 'zones' ? (properties as { lot_code: string }).lot_code : i18n.t(`kind.${(properties as { kind: string }).kind}` as MessageKey);
    send(edit, () => i18n.t(op === 'create' ? 'plan.edit.added' : 'plan.edit.modified', { what }));
  });
  cancelButton.addEventListener('click', cancelEdit);
  drawButton.addEventListener('click', startCreate);

  function showEdit(edit: ChangeSetEdit): void {
    const geometry = geometryOf(edit.after) ?? geometryOf(edit.before);
    if (geometry) planMap.fit(geometry);
    if (!op) {
      liveResults = edit.checks;
      checks.set({ kind: 'done', results: edit.checks });
      planMap.setEvidence(evidenceOf(edit.checks), null);
      state.evidenceCount = evidenceOf(edit.checks).length;
    }
  }

  // A click picks a zone (or constraint) of the plan when nothing is being drawn or edited.
  map.on('singleclick', (event) => {
    if (tools.mode !== 'idle' || op) return;
    let hit: Feature | undefined;
    map.forEachFeatureAtPixel(
      event.pixel,
      (feature) => {
        hit = feature as Feature;
        return true;
      },
      { layerFilter: (l) => l.get('sppKind') === (layer === 'zones' ? 'zone' : 'constraint'), hitTolerance: 2 },
    );
    select(hit ? { layer, feature: hit } : null);
  });

  function renderSelection(): void {
    if (!selection || op) {
      replace(selectionBox, []);
      selectionBox.hidden = true;
      return;
    }
    selectionBox.hidden = false;
    const f = selection.feature;
    const id = Number(f.getId());
    const version = numberOr(f.get('version'));
    const isZone = selection.layer === 'zones';
    const title = isZone ? `${f.get('lot_code') ?? `#${id}`} · ${f.get('land_use_code') ?? ''}` : `${i18n.t(`kind.${f.get('kind')}` as MessageKey)} #${id}`;
    const modify = h('button', { type: 'button', class: 'button small', 'data-action': 'modify', disabled: !editable() }, [i18n.t('plan.sel.modify')]);
    const remove = h('button', { type: 'button', class: 'button small danger', 'data-action': 'delete', disabled: !editable() || saving }, [i18n.t('plan.sel.delete')]);
    const history = h('a', { class: 'button small subtle', href: planHref({ view: 'history', layer: selection.layer, featureId: id }, new URLSearchParams(window.location.search)), 'data-action': 'history' }, [
      i18n.t('plan.sel.history'),
    ]);
    modify.addEventListener('click', startModify);
    remove.addEventListener('click', deleteSelected);
    replace(selectionBox, [
      h('p', { class: 'selection-title' }, [h('strong', {}, [title]), version ? h('span', { class: 'muted' }, [` · ${i18n.t('field.version')} ${version}`]) : null]),
      h('div', { class: 'form-actions' }, [modify, remove, history]),
    ]);
  }

  function render(): void {
    editHeading.textContent = i18n.t(op === 'create' ? 'plan.edit.createTitle' : op === 'modify' ? 'plan.edit.modifyTitle' : 'plan.edit.title');
    layerLegend.textContent = i18n.t('plan.edit.layer');
    for (const button of layerButtons) {
      const value = button.dataset.layer as EditLayer;
      button.textContent = i18n.t(`plan.layerTab.${value}` as MessageKey);
      button.setAttribute('aria-pressed', String(value === layer));
      button.disabled = op !== null;
    }
    drawButton.textContent = i18n.t(layer === 'zones' ? 'plan.edit.drawZone' : 'plan.edit.drawConstraint');
    drawButton.disabled = !editable() || op !== null;
    editIntro.textContent = !changeSet
      ? i18n.t('plan.edit.needSet')
      : !editable()
        ? i18n.t('plan.edit.notDraft')
        : op
          ? i18n.t(tools.mode === 'drawing' ? 'plan.edit.drawingIntro' : 'plan.edit.editingIntro')
          : i18n.t('plan.edit.pickIntro');
    replace(noticeBox, notice ? [h('p', { class: notice.kind === 'ok' ? 'page-notice' : 'form-summary', role: notice.kind === 'ok' ? 'status' : 'alert' }, [word(notice.text)])] : []);
    renderSelection();
    toolsBox.hidden = op === null;
    formBox.hidden = op === null;
    checksBox.hidden = op === null && liveResults === null;
    footer.hidden = op === null;
    saveButton.textContent = i18n.t(saving ? 'plan.edit.saving' : op === 'modify' ? 'plan.edit.saveModify' : 'plan.edit.saveCreate');
    saveButton.disabled = saving || !tools.geometry() || tools.mode === 'drawing';
    cancelButton.textContent = i18n.t('form.cancel');
    tools.setEnabled(editable());
  }

  i18n.onChange(render);
  render();
  syncEditorState();
  void planMap.whenDrawn().then(() => {
    loaded.map = true;
    markReady();
  });
}
