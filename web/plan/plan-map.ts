// The map of the plan pages: the plan in force (zones, constraints, parcels), a change set's edits over it, the shape being edited and check evidence.
import Feature from 'ol/Feature.js';
import type Geometry from 'ol/geom/Geometry.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent.js';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import type { ChangeSetEdit, EditLayer } from '../api/plan-client.ts';
import type { ParcelLayer } from '../layers/parcel-layer.ts';
import type { ZoningLayer } from '../layers/zoning-layer.ts';
import type { PublicMap } from '../map/create-map.ts';
import { readGeometry } from '../map/geo-format.ts';
import { createPlanLayersMap, type PlanLayersMapOptions } from '../map/plan-layers-map.ts';
import { createLandUsePalette, type LandUsePalette } from '../style/land-use-style.ts';
import { EVIDENCE_COLOUR, evidenceStyle, sketchStyles } from '../style/permit-style.ts';
import { h } from '../ui/dom.ts';
import type { Status } from '../ui/status.ts';
import { changeKindOf, DIFF_COLOURS, diffStyle, type DiffPhase } from './diff-style.ts';

/** The shared map's options (plan-layers-map.ts); the plan pages load up to 3,000 zones a view. */
export type PlanMapOptions = Omit<PlanLayersMapOptions, 'zoneLimit' | 'testId'> & { testId?: string };

export interface EvidenceItem {
  geometry: GeoJsonGeometry;
  /** Index of the check message it belongs to (highlighting and zooming go by it). */
  index: number;
}

export interface PlanMap {
  publicMap: PublicMap;
  zoning: ZoningLayer;
  constraintSource: VectorSource<Feature>;
  parcels: ParcelLayer | null;
  /** The plan as the open change set would leave it (edited features replaced): the outlines new shapes snap to. */
  working: Record<EditLayer, VectorSource<Feature>>;
  /** The shape being drawn or edited. */
  pendingSource: VectorSource<Feature>;
  status: Status;
  setPalette(palette: LandUsePalette): void;
  /** Draws a change set's edits over the plan and hides the features they replace; `phase` picks the shape of modifications. */
  setEdits(edits: ChangeSetEdit[], phase?: DiffPhase, highlightEditId?: number | null): { added: number; modified: number; removed: number };
  /** Leaves one feature out of the working outlines (the one being edited must not snap to its old self). */
  setEditing(layer: EditLayer, featureId: number | null): void;
  setEvidence(items: EvidenceItem[], highlighted: number | null): void;
  zoomToEvidence(index: number): boolean;
  fit(geometry: GeoJsonGeometry | Extent, maxZoom?: number): void;
  pixelOf(lonLat: [number, number]): [number, number] | null;
  /** Resolves once zones and constraints of the view have loaded (or failed) and the map has drawn them. */
  whenDrawn(): Promise<void>;
  dispose(): void;
}

/** Geometry of an edit's side as GeoJSON, whatever the API nests it in. */
export function geometryOf(side: ChangeSetEdit['before']): GeoJsonGeometry | null {
  if (!side) return null;
  if ('geometry' in side && side.geometry) return side.geometry;
  return null;
}

export function attributesOf(side: ChangeSetEdit['before']): Record<string, unknown> {
  if (!side) return {};
  const props = (side as { properties?: Record<string, unknown> }).properties;
  return props ?? {};
}

export function createPlanMap(options: PlanMapOptions): PlanMap {
  const { i18n, container } = options;
  const base = createPlanLayersMap({ ...options, testId: options.testId ?? 'plan-map', zoneLimit: 3000 });
  const { target, publicMap, map, status, zoning, constraints, constraintLayers, parcels } = base;

  let palette = createLandUsePalette({ codes: [] });
  // Features the open change set replaces or removes are drawn by the edit overlay instead.
  const hidden: Record<EditLayer, Set<number>> = { zones: new Set(), constraints: new Set() };
  const editing: Record<EditLayer, number | null> = { zones: null, constraints: null };

  zoning.layer.setStyle((feature, resolution) => {
    const id = Number(feature.getId());
    if (hidden.zones.has(id) || editing.zones === id) return undefined;
    return palette.zoneStyle(feature, resolution, false);
  });
  // Slightly see-through, so the parcels and the edits drawn over the plan stay readable.
  zoning.layer.setOpacity(0.85);

  const isShown = (feature: Feature) => !hidden.constraints.has(Number(feature.getId())) && editing.constraints !== Number(feature.getId());
  for (const layer of constraintLayers) {
    const style = layer.getStyleFunction();
    layer.setStyle((feature, resolution) => (isShown(feature as Feature) && style ? style(feature, resolution) : undefined));
  }

  const editsSource = new VectorSource<Feature>();
  const pendingSource = new VectorSource<Feature>();
  const evidenceSource = new VectorSource<Feature>();
  const working: Record<EditLayer, VectorSource<Feature>> = { zones: new VectorSource<Feature>(), constraints: new VectorSource<Feature>() };
  let edits: ChangeSetEdit[] = [];

  for (const layer of [
    zoning.layer,
    ...constraintLayers,
    ...(parcels ? [parcels.layer] : []),
    new VectorLayer({ source: editsSource, style: diffStyle, zIndex: 40, properties: { sppKind: 'edits' } }),
    new VectorLayer({ source: pendingSource, style: sketchStyles, zIndex: 50, properties: { sppKind: 'pending' } }),
    new VectorLayer({ source: evidenceSource, style: evidenceStyle, zIndex: 60, properties: { sppKind: 'evidence' } }),
  ]) {
    map.addLayer(layer);
  }

  // The working outlines: the loaded plan, minus what the change set replaces, plus its new shapes.
  let rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  function rebuildWorking(): void {
    rebuildTimer = undefined;
    const sources: Record<EditLayer, VectorSource<Feature>> = { zones: zoning.source, constraints: constraints.source };
    for (const layer of ['zones', 'constraints'] as const) {
      const out: Feature[] = [];
      for (const feature of sources[layer].getFeatures()) {
        const id = Number(feature.getId());
        if (hidden[layer].has(id) || editing[layer] === id) continue;
        const copy = new Feature({ geometry: feature.getGeometry()?.clone(), lot_code: feature.get('lot_code') });
        copy.setId(id);
        out.push(copy);
      }
      for (const edit of edits) {
        const geometry = geometryOf(edit.after);
        if (edit.layer !== layer || edit.op === 'delete' || !geometry) continue;
        if (edit.feature_id !== null && editing[layer] === edit.feature_id) continue;
        const copy = new Feature({ geometry: readGeometry(geometry), lot_code: attributesOf(edit.after).lot_code, edit_id: edit.id });
        copy.setId(edit.feature_id ?? `edit-${edit.id}`);
        out.push(copy);
      }
      working[layer].clear(true);
      working[layer].addFeatures(out);
    }
  }
  const scheduleRebuild = () => {
    if (rebuildTimer === undefined) rebuildTimer = setTimeout(rebuildWorking, 0);
  };
  zoning.source.on('change', scheduleRebuild);
  constraints.source.on('change', scheduleRebuild);

  const key = h('ul', { class: 'map-key', 'aria-hidden': 'true' });
  container.append(key);
  function renderKey(): void {
    key.replaceChildren(
      ...(
        [
          [DIFF_COLOURS.added, 'plan.key.added', false],
          [DIFF_COLOURS.modified, 'plan.key.modified', false],
          [DIFF_COLOURS.removed, 'plan.key.removed', true],
          [EVIDENCE_COLOUR, 'plan.key.evidence', false],
        ] as const
      ).map(([colour, label, dashed]) =>
        h('li', {}, [h('span', { class: 'map-key-swatch', style: `border-color:${colour};background:${colour}33;border-style:${dashed ? 'dashed' : 'solid'}` }), i18n.t(label)]),
      ),
    );
    target.setAttribute('aria-label', i18n.t('plan.map.label'));
    publicMap.setControlLabels({ zoomIn: i18n.t('map.zoomIn'), zoomOut: i18n.t('map.zoomOut'), attribution: i18n.t('map.attribution') });
  }
  i18n.onChange(renderKey);
  renderKey();

  function redrawPlan(): void {
    zoning.layer.changed();
    for (const layer of constraintLayers) layer.changed();
    scheduleRebuild();
  }

  function fit(what: GeoJsonGeometry | Extent, maxZoom = 19): void {
    const extent = Array.isArray(what) ? what : readGeometry(what).getExtent();
    if (isEmpty(extent)) return;
    map.getView().fit(extent, { padding: [60, 60, 60, 60], maxZoom, duration: 300 });
  }

  return {
    publicMap,
    zoning,
    constraintSource: constraints.source,
    parcels,
    working,
    pendingSource,
    status,
    setPalette(next) {
      palette = next;
      zoning.layer.changed();
    },
    setEdits(next, phase = 'after', highlightEditId = null) {
      edits = next;
      hidden.zones.clear();
      hidden.constraints.clear();
      const counts = { added: 0, modified: 0, removed: 0 };
      const features: Feature[] = [];
      for (const edit of edits) {
        const kind = changeKindOf(edit.op);
        counts[kind] += 1;
        if (edit.feature_id !== null) hidden[edit.layer].add(edit.feature_id);
        const highlighted = highlightEditId === edit.id;
        const add = (side: ChangeSetEdit['before'], shapePhase: DiffPhase) => {
          const geometry = geometryOf(side);
          if (!geometry) return;
          const attrs = attributesOf(side);
          features.push(new Feature({ geometry: readGeometry(geometry), change: kind, phase: shapePhase, highlighted, edit_id: edit.id, lot_code: attrs.lot_code ?? attrs.name ?? null }));
        };
        if (kind === 'removed') add(edit.before, 'before');
        else if (kind === 'added') add(edit.after, 'after');
        else if (phase === 'before') add(edit.before, 'after');
        else {
          add(edit.before, 'before');
          add(edit.after, 'after');
        }
      }
      editsSource.clear(true);
      editsSource.addFeatures(features);
      redrawPlan();
      return counts;
    },
    setEditing(layer, featureId) {
      editing.zones = null;
      editing.constraints = null;
      editing[layer] = featureId;
      redrawPlan();
      rebuildWorking();
    },
    setEvidence(items, highlighted) {
      evidenceSource.clear(true);
      evidenceSource.addFeatures(items.map((item) => new Feature({ geometry: readGeometry(item.geometry), check_index: item.index, highlighted: item.index === highlighted })));
    },
    zoomToEvidence(index) {
      const extent = createEmpty();
      for (const feature of evidenceSource.getFeatures()) {
        if (feature.get('check_index') === index) extend(extent, (feature.getGeometry() as Geometry).getExtent());
      }
      if (isEmpty(extent)) return false;
      fit(extent, 20);
      return true;
    },
    fit,
    pixelOf: base.pixelOf,
    whenDrawn: base.whenDrawn,
    dispose() {
      zoning.loader.dispose();
      constraints.loader.dispose();
      parcels?.loader.dispose();
      map.setTarget(undefined);
    },
  };
}
