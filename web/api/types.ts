// Shapes of the public API responses the web client reads (mirrors the documented contract).
import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';

export interface Health {
  status: 'ok';
  db: 'pglite' | 'postgres';
  postgis: string;
}

export interface Plan {
  id: number;
  code: string;
  name: string;
  level: string;
  decision_no: string | null;
  decision_date: string | null;
  approved_by: string | null;
  effective_from: string | null;
  effective_to: string | null;
  status: string;
  notice_vi: string | null;
  notice_en: string | null;
  is_demo: boolean;
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

export interface ZoneProperties {
  plan_id: number;
  lot_code: string;
  land_use_code: string;
  name: string | null;
  max_coverage_pct: number | null;
  max_far: number | null;
  max_floors: number | null;
  max_height_m: number | null;
  min_setback_m: number | null;
  permitted_uses: string[] | null;
  citation: string | null;
  version: number | null;
}

export type ConstraintKind = 'red_line' | 'river_corridor' | 'heritage' | 'flood' | 'height_limit';
export type ConstraintRule = 'no_build' | 'setback_m' | 'max_height_m';

export interface ConstraintProperties {
  plan_id: number;
  kind: ConstraintKind | string;
  rule: ConstraintRule | string;
  value: number | null;
  tolerance_m: number | null;
  name: string | null;
  citation: string | null;
  version: number | null;
}

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

export interface ParcelProperties {
  sheet_no: number;
  parcel_no: number;
  address: string | null;
  ward_code: string;
  legal_area_m2: number;
  land_law_code: string | null;
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
  code?: string;
  /** Bad fields; message_vi is the same message in Vietnamese. */
  errors?: Array<{ path: string; message: string; message_vi?: string }>;
}
