// Where checks fail: the evidence geometry of every failing check in red, and one check highlighted on demand.
import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent.js';
import type Map from 'ol/Map.js';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import type { CheckId, CheckResult, ComplianceReport } from '../../api/checks/index.ts';
import { readGeometry } from '../map/geo-format.ts';
import { evidenceStyle } from '../style/permit-style.ts';

export interface EvidenceLayerOptions {
  map: Map;
  zIndex?: number;
}

export interface EvidenceLayer {
  layer: VectorLayer<VectorSource<Feature>>;
  /** Draws the evidence of every failing check of `report` (none for null); keeps the highlight if its check still has evidence. */
  setReport(report: ComplianceReport | null): void;
  /** Highlights one check's evidence (and its hits) and zooms to it; returns the number of features drawn. */
  highlight(checkId: CheckId | null, zoom?: boolean): number;
  readonly highlighted: CheckId | null;
  /** Features drawn for the highlighted check. */
  readonly highlightedCount: number;
  /** Evidence features drawn (highlighted included). */
  readonly count: number;
}

/** Every geometry a check points at: its evidence, then the geometry of each constraint hit. */
export function evidenceGeometries(check: CheckResult): GeoJsonGeometry[] {
  const out: GeoJsonGeometry[] = [];
  if (check.evidence) out.push(check.evidence);
  for (const hit of check.hits ?? []) if (hit.geometry) out.push(hit.geometry);
  return out;
}

export function createEvidenceLayer(options: EvidenceLayerOptions): EvidenceLayer {
  const source = new VectorSource<Feature>();
  const layer = new VectorLayer({ source, zIndex: options.zIndex ?? 60, style: evidenceStyle, properties: { sppKind: 'evidence' } });
  let report: ComplianceReport | null = null;
  let highlighted: CheckId | null = null;
  let highlightedCount = 0;

  function featuresOf(check: CheckResult, isHighlighted: boolean): Feature[] {
    return evidenceGeometries(check).map((geometry) => new Feature({ geometry: readGeometry(geometry), check_id: check.id, highlighted: isHighlighted }));
  }

  function redraw(): number {
    source.clear(true);
    highlightedCount = 0;
    if (!report) return 0;
    let shown = 0;
    for (const check of report.checks) {
      const isHighlighted = check.id === highlighted;
      // Failing checks show by default; any other check only while the user asks for it.
      if (check.status !== 'fail' && !isHighlighted) continue;
      const features = featuresOf(check, isHighlighted);
      if (isHighlighted) shown = features.length;
      source.addFeatures(features);
    }
    highlightedCount = shown;
    return shown;
  }

  function zoomTo(checkId: CheckId): void {
    const extent: Extent = createEmpty();
    for (const feature of source.getFeatures()) {
      if (feature.get('check_id') === checkId) extend(extent, feature.getGeometry()!.getExtent());
    }
    if (isEmpty(extent)) return;
    options.map.getView().fit(extent, { padding: [60, 60, 60, 60], maxZoom: 20, duration: 350 });
  }

  return {
    layer,
    setReport(next) {
      report = next;
      if (highlighted && !report?.checks.some((c) => c.id === highlighted && evidenceGeometries(c).length > 0)) highlighted = null;
      redraw();
    },
    highlight(checkId, zoom = true) {
      highlighted = checkId;
      const count = redraw();
      if (checkId && count > 0 && zoom) zoomTo(checkId);
      return count;
    },
    get highlighted() {
      return highlighted;
    },
    get highlightedCount() {
      return highlightedCount;
    },
    get count() {
      return source.getFeatures().length;
    },
  };
}
