// The planning context of a site for the browser's compliance check: zones and constraints around it from the public API.
import type { CheckConstraint, CheckZone, ConstraintKind, ConstraintRule, Polygonal } from '../../api/checks/index.ts';
import type { ApiClient } from '../api/client.ts';
import type { ConstraintPage, LonLatBbox, ZonePage } from '../api/types.ts';

/**
 * Margin around the site in degrees (≈ 110 m here), the same box the server expands the site by when
 * it gathers the context of its report (api/compliance): both then see the same constraints, and the
 * margin is wider than any setback a plan asks for.
 */
export const CONTEXT_MARGIN_DEG = 0.001;
const CONTEXT_MARGIN_M = 100;
// The same default as constraints.tolerance_m in the database, for a constraint that does not say.
const DEFAULT_TOLERANCE_M = 0.1;
const METRES_PER_DEGREE = 111_320;

/** The lon/lat box of a polygon grown by `marginM` metres on every side. */
export function grownBbox(geometry: Polygonal, marginM = CONTEXT_MARGIN_M): LonLatBbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const ring of parts.flat()) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const dLat = marginM / METRES_PER_DEGREE;
  const dLon = marginM / (METRES_PER_DEGREE * Math.cos((((minY + maxY) / 2) * Math.PI) / 180));
  return [minX - dLon, minY - dLat, maxX + dLon, maxY + dLat];
}

/** The lon/lat box of a polygon expanded by `marginDeg` degrees on every side (as PostGIS ST_Expand). */
export function expandedBbox(geometry: Polygonal, marginDeg = CONTEXT_MARGIN_DEG): LonLatBbox {
  const [minX, minY, maxX, maxY] = grownBbox(geometry, 0);
  return [minX - marginDeg, minY - marginDeg, maxX + marginDeg, maxY + marginDeg];
}

export function bboxContains(outer: LonLatBbox, inner: LonLatBbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

const isPolygonal = (g: { type: string } | null): g is Polygonal => g?.type === 'Polygon' || g?.type === 'MultiPolygon';

export function zonesOf(page: ZonePage): CheckZone[] {
  return page.features
    .filter((f) => isPolygonal(f.geometry))
    .map((f) => ({
      // The feature id is the zone's stable id, the one the server's report names too.
      id: f.id ?? f.properties.lot_code,
      lot_code: f.properties.lot_code,
      land_use_code: f.properties.land_use_code,
      max_coverage_pct: f.properties.max_coverage_pct,
      max_far: f.properties.max_far,
      max_floors: f.properties.max_floors,
      max_height_m: f.properties.max_height_m,
      min_setback_m: f.properties.min_setback_m,
      permitted_uses: f.properties.permitted_uses ?? [],
      citation: f.properties.citation,
      geometry: f.geometry,
    }));
}

export function constraintsOf(page: ConstraintPage): CheckConstraint[] {
  return page.features
    .filter((f) => isPolygonal(f.geometry))
    .map((f, i) => ({
      id: f.id ?? `constraint-${i}`,
      kind: f.properties.kind as ConstraintKind,
      rule: f.properties.rule as ConstraintRule,
      value: f.properties.value,
      tolerance_m: f.properties.tolerance_m ?? DEFAULT_TOLERANCE_M,
      name: f.properties.name,
      citation: f.properties.citation,
      geometry: f.geometry as Polygonal,
    }));
}

export interface LoadedContext {
  bbox: LonLatBbox;
  zones: CheckZone[];
  constraints: CheckConstraint[];
}

/** Zones and constraints in force today inside `bbox`. */
export async function loadCheckContext(api: ApiClient, bbox: LonLatBbox, signal?: AbortSignal): Promise<LoadedContext> {
  const [zones, constraints] = await Promise.all([
    api.zones({ bbox, limit: 2000, signal }),
    api.constraints({ bbox, limit: 2000, signal }),
  ]);
  return { bbox, zones: zonesOf(zones), constraints: constraintsOf(constraints) };
}
