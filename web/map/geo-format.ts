// Conversions between the API's GeoJSON (EPSG:4326, RFC 7946) and OpenLayers geometries in the Web Mercator view.
import GeoJSON from 'ol/format/GeoJSON.js';
import type Geometry from 'ol/geom/Geometry.js';
import { transformExtent } from 'ol/proj.js';
import type { Extent } from 'ol/extent.js';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import type { Polygonal } from '../../api/checks/index.ts';
import type { LonLatBbox } from '../api/types.ts';

const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

/** An API geometry as a view geometry. */
export function readGeometry(geometry: GeoJsonGeometry): Geometry {
  return format.readGeometry(geometry) as Geometry;
}

/**
 * A drawn Polygon/MultiPolygon as API GeoJSON; null for anything else. Nine decimals (≈ 0.1 mm)
 * keep the drawing exact without the float noise of the Mercator round trip.
 */
export function writePolygonal(geometry: Geometry | null | undefined): Polygonal | null {
  if (!geometry) return null;
  const type = geometry.getType();
  if (type !== 'Polygon' && type !== 'MultiPolygon') return null;
  return format.writeGeometryObject(geometry, { decimals: 9 }) as Polygonal;
}

/** A view extent as lon/lat. */
export function extentToLonLat(extent: Extent): LonLatBbox {
  return transformExtent(extent, 'EPSG:3857', 'EPSG:4326') as LonLatBbox;
}
