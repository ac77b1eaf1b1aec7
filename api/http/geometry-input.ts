// Polygonal GeoJSON from request bodies: structure checked with JSON pointers, declared VN-2000 CRS converted to lon/lat.
import type { Position } from 'geojson';
import { fromVn2000, type Vn2000Srid } from '../../geodata/crs.ts';
import { DEFAULT_CHECK_PARAMS, type Polygonal } from '../checks/index.ts';
import { findGeometryIssues } from '../checks/geometry-issues.ts';
import type { FieldErrors } from './body.ts';

/** CRSs a client may declare for the geometry it sends (`crs` in the body). */
export const INPUT_CRS = ['EPSG:4326', 'EPSG:5897', 'EPSG:9209', 'EPSG:9210', 'EPSG:3405'] as const;
export type InputCrs = (typeof INPUT_CRS)[number];

// Far more vertices than any building or lot has; keeps one request from tying up the check engine.
const MAX_VERTICES = 5000;

export function parseCrs(raw: unknown, errors: FieldErrors): InputCrs {
  if (raw === undefined || raw === null) return 'EPSG:4326';
  if (typeof raw !== 'string' || !(INPUT_CRS as readonly string[]).includes(raw)) {
    errors.add('/crs', `must be one of ${INPUT_CRS.join(', ')}`, `phải là một trong: ${INPUT_CRS.join(', ')}`);
    return 'EPSG:4326';
  }
  return raw as InputCrs;
}

/**
 * A Polygon or MultiPolygon, structurally: every position two finite numbers. Reports the first
 * bad place by pointer (e.g. /footprint/coordinates/0/3). Returns null after adding an error.
 */
export function polygonalField(body: Record<string, unknown>, name: string, errors: FieldErrors, crs: InputCrs, required: boolean): Polygonal | null {
  const g = body[name];
  const path = `/${name}`;
  if (g === undefined || g === null) {
    if (required) errors.add(path, 'is required: a GeoJSON Polygon or MultiPolygon', 'là bắt buộc: một Polygon hoặc MultiPolygon GeoJSON');
    return null;
  }
  if (typeof g !== 'object' || Array.isArray(g)) {
    errors.add(path, 'must be a GeoJSON Polygon or MultiPolygon object', 'phải là một đối tượng Polygon hoặc MultiPolygon GeoJSON');
    return null;
  }
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    errors.add(`${path}/type`, `must be "Polygon" or "MultiPolygon", got ${JSON.stringify(type ?? null)}`, `phải là "Polygon" hoặc "MultiPolygon", nhận được ${JSON.stringify(type ?? null)}`);
    return null;
  }
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    errors.add(`${path}/coordinates`, 'must be a non-empty array', 'phải là một mảng không rỗng');
    return null;
  }
  let vertices = 0;
  for (let p = 0; p < polygons.length; p++) {
    const rings = polygons[p];
    const pPath = type === 'Polygon' ? `${path}/coordinates` : `${path}/coordinates/${p}`;
    if (!Array.isArray(rings) || rings.length === 0) {
      errors.add(pPath, 'must be a non-empty array of linear rings', 'phải là một mảng không rỗng các vòng khép kín');
      return null;
    }
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      if (!Array.isArray(ring)) {
        errors.add(`${pPath}/${r}`, 'must be an array of positions', 'phải là một mảng các điểm tọa độ');
        return null;
      }
      for (let i = 0; i < ring.length; i++) {
        const pos = ring[i];
        if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          errors.add(`${pPath}/${r}/${i}`, 'must be a position [x, y] of two finite numbers', 'phải là một điểm tọa độ [x, y] gồm hai số hữu hạn');
          return null;
        }
        vertices++;
      }
    }
  }
  if (vertices > MAX_VERTICES) {
    errors.add(`${path}/coordinates`, `has ${vertices} positions; at most ${MAX_VERTICES} are accepted`, `có ${vertices} điểm tọa độ; chỉ nhận tối đa ${MAX_VERTICES}`);
    return null;
  }
  const geometry = { type, coordinates } as Polygonal;
  return crs === 'EPSG:4326' ? geometry : toLonLat(geometry, crs);
}

function toLonLat(g: Polygonal, crs: Exclude<InputCrs, 'EPSG:4326'>): Polygonal {
  const srid = Number(crs.slice(5)) as Vn2000Srid;
  const convert = (ring: Position[]) => ring.map((xy) => fromVn2000([xy[0], xy[1]], srid));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(convert) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(convert)) };
}

/**
 * The blocking geometry issues the check engine finds (self-intersections, unclosed rings,
 * metres sent as lon/lat …), as field errors: such a geometry cannot be measured, so it is refused.
 */
export function geometryIssuesAsErrors(site: Polygonal | null, footprint: Polygonal | null, errors: FieldErrors): void {
  if (!site || !footprint) return;
  for (const issue of findGeometryIssues(site, footprint, DEFAULT_CHECK_PARAMS)) {
    if (issue.blocking && issue.code !== 'footprint_outside_site') errors.add(`/${issue.subject}`, issue.message, issue.message_vi);
  }
}
