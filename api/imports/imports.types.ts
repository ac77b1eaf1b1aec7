// Imports and exports of zoning layers: the fields a layer file maps onto, what a read file holds, what an import answers.
import type { MultiPolygon, Polygon } from 'geojson';
import { CONSTRAINT_KINDS, CONSTRAINT_RULES } from '../zoning/zoning.types.ts';
import type { LayerSrid } from './imports.prj.ts';

export type ImportLayer = 'zones' | 'constraints';
export const IMPORT_LAYERS: readonly ImportLayer[] = ['zones', 'constraints'];

/** How an imported feature is matched to a feature in force: by lot code (→ modify) or never (→ create). */
export type MatchRule = 'lot_code' | 'none';

/**
 * One attribute of a layer: how a source value is read (type, range as the table's CHECK constraints
 * have it) and the ≤ 10-character DBF field name SPP's Shapefile export writes it under.
 */
export interface FieldSpec {
  name: string;
  type: 'text' | 'number' | 'integer' | 'text_list' | 'enum';
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  values?: readonly string[];
  dbf: { name: string; type: 'C' | 'N'; length: number; decimals?: number };
}

export const ZONE_FIELDS: readonly FieldSpec[] = [
  { name: 'lot_code', type: 'text', required: true, maxLength: 32, dbf: { name: 'MA_LO', type: 'C', length: 32 } },
  { name: 'land_use_code', type: 'text', required: true, maxLength: 16, dbf: { name: 'KH_DAT', type: 'C', length: 16 } },
  { name: 'name', type: 'text', maxLength: 500, dbf: { name: 'TEN', type: 'C', length: 254 } },
  { name: 'max_coverage_pct', type: 'number', min: 0, max: 100, dbf: { name: 'MDXD', type: 'N', length: 6, decimals: 2 } },
  { name: 'max_far', type: 'number', min: 0, max: 20, dbf: { name: 'HSSDD', type: 'N', length: 6, decimals: 2 } },
  { name: 'max_floors', type: 'integer', min: 0, max: 200, dbf: { name: 'TANG_CAO', type: 'N', length: 4, decimals: 0 } },
  { name: 'max_height_m', type: 'number', min: 0, max: 1000, dbf: { name: 'CHIEU_CAO', type: 'N', length: 7, decimals: 2 } },
  { name: 'min_setback_m', type: 'number', min: 0, max: 200, dbf: { name: 'KL_LUI', type: 'N', length: 7, decimals: 2 } },
  { name: 'permitted_uses', type: 'text_list', dbf: { name: 'SD_CHOPHEP', type: 'C', length: 254 } },
  { name: 'citation', type: 'text', maxLength: 1000, dbf: { name: 'CAN_CU', type: 'C', length: 254 } },
  { name: 'ward_code', type: 'text', maxLength: 5, dbf: { name: 'MA_XA', type: 'C', length: 5 } },
];

export const CONSTRAINT_FIELDS: readonly FieldSpec[] = [
  { name: 'kind', type: 'enum', required: true, values: CONSTRAINT_KINDS, dbf: { name: 'LOAI', type: 'C', length: 16 } },
  { name: 'rule', type: 'enum', required: true, values: CONSTRAINT_RULES, dbf: { name: 'QUY_TAC', type: 'C', length: 16 } },
  { name: 'value', type: 'number', min: 0, max: 999999.99, dbf: { name: 'GIA_TRI', type: 'N', length: 10, decimals: 2 } },
  { name: 'tolerance_m', type: 'number', min: 0, max: 10, dbf: { name: 'DUNG_SAI', type: 'N', length: 7, decimals: 3 } },
  { name: 'name', type: 'text', maxLength: 500, dbf: { name: 'TEN', type: 'C', length: 254 } },
  { name: 'citation', type: 'text', maxLength: 1000, dbf: { name: 'CAN_CU', type: 'C', length: 254 } },
];

export const LAYER_FIELDS: Record<ImportLayer, readonly FieldSpec[]> = { zones: ZONE_FIELDS, constraints: CONSTRAINT_FIELDS };

/** One feature as read from the file, before mapping: its position, its id if any, raw attributes and geometry. */
export interface SourceFeature {
  index: number;
  id: string | number | null;
  properties: Record<string, unknown>;
  geometry: unknown;
}

export interface SourceLayer {
  fileName: string;
  format: 'geojson' | 'shapefile';
  /** The CRS the file says it is in (.prj, GeoJSON "crs" member), or null when it says nothing. */
  fileSrid: LayerSrid | null;
  /** Why the file's own CRS could not be used (unrecognised .prj), when it has one, in English and in Vietnamese. */
  fileCrsProblem: { en: string; vi: string } | null;
  /** Character set of the DBF (from the .cpg), for Shapefiles. */
  encoding: string | null;
  features: SourceFeature[];
  /** Attribute names found in the file, in first-seen order. */
  attributes: string[];
}

export type Polygonal = Polygon | MultiPolygon;

/** A feature after mapping and checks: zone or constraint fields (only those the mapping provides) and lon/lat geometry. */
export interface MappedFeature {
  index: number;
  id: string | number | null;
  fields: Record<string, unknown>;
  geometry: Polygonal;
}

export interface ImportRequest {
  title: string;
  planId: number;
  layer: ImportLayer;
  match: MatchRule;
  /** Declared CRS; overrides the file's. */
  declaredSrid: LayerSrid | null;
  /** Layer field → source attribute; fields left out are read from the attribute of the same name (or its DBF name). */
  mapping: Record<string, string> | null;
}

export interface ImportResult {
  change_set_id: number;
  status: string;
  features: number;
  created: number;
  modified: number;
  crs: string;
  checks_summary: { errors: number; warnings: number };
}
