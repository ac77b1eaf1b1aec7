// Shapes of the public API responses the web client reads (mirrors the documented contract).
import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';
import type { ParcelProperties } from '../../api/parcels/parcels.store.ts';
import type { ConstraintProperties, Plan, ZoneProperties } from '../../api/zoning/zoning.types.ts';

// The API's own types where it declares them, so the client reads exactly what the server sends.
export type { ConstraintProperties, ParcelProperties, Plan, ZoneProperties };

export interface Health {
  status: 'ok';
  db: 'pglite' | 'postgres';
  postgis: string;
}

export interface ItemList<T> {
  items: T[];
  numberMatched?: number;
  numberReturned?: number;
}

export interface Link {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

/** A GeoJSON page as the feature endpoints return it: possibly cut at `limit`. */
export interface FeaturePage<G extends Geometry | null, P> extends FeatureCollection<G, P> {
  features: Array<Feature<G, P>>;
  numberMatched?: number;
  numberReturned?: number;
  links?: Link[];
}

export interface WardProperties {
  code: string;
  name: string;
  full_name: string;
  unit_type: string;
  in_pre2025_cantho: boolean;
}

export type ConstraintKind = ConstraintProperties['kind'];
export type ConstraintRule = ConstraintProperties['rule'];

export type LandUseScheme = 'planning' | 'plan_symbol' | 'land_law';

export interface LandUseCode {
  scheme: LandUseScheme | string;
  code: string;
  name_vi: string;
  name_en: string;
  /** `#rrggbb`. */
  colour: string | null;
  /** Parent code in the same scheme. */
  parent: string | null;
  /** Crosswalk of a plan symbol: its planning category and the land-law uses it permits. */
  maps_to: { planning?: string; land_law?: string[] } | null;
  source: string | null;
}

export type WardPage = FeaturePage<Geometry, WardProperties>;
export type ParcelPage = FeaturePage<MultiPolygon, ParcelProperties>;
export type ZonePage = FeaturePage<MultiPolygon, ZoneProperties>;
export type ConstraintPage = FeaturePage<Geometry, ConstraintProperties>;

/** minLon, minLat, maxLon, maxLat in EPSG:4326. */
export type LonLatBbox = [number, number, number, number];

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** The detail in Vietnamese. */
  detail_vi?: string;
  code?: string;
  /** Bad fields; message_vi is the same message in Vietnamese. */
  errors?: Array<{ path: string; message: string; message_vi?: string }>;
}
