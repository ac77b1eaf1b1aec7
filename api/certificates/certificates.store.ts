// SQL of planning-information sheets: insert and read the snapshots, feature versions, and the map background of a sheet.
import type { Knex } from 'knex';
import type { MultiPolygon } from 'geojson';
import type { RuleCard } from '../lookup/lookup.types.ts';
import type { Certificate, CertificateFeatures, CertificateRequest, CertificateWard, FeatureVersion } from './certificates.types.ts';

interface CertificateRow {
  code: string;
  issued_at: Date | string;
  as_of: string;
  parcel_id: number | null;
  lon: number | null;
  lat: number | null;
  plan_id: number | null;
  ward_code: string | null;
  ward_name: string | null;
  card: RuleCard | string;
  features: CertificateFeatures | string;
}

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toCertificate(row: CertificateRow): Certificate {
  const request: CertificateRequest = row.parcel_id !== null ? { parcel_id: row.parcel_id } : { lon: Number(row.lon), lat: Number(row.lat) };
  return {
    code: row.code,
    issued_at: new Date(row.issued_at).toISOString(),
    as_of: row.as_of,
    request,
    plan_id: row.plan_id,
    ward: row.ward_code ? { code: row.ward_code, name: row.ward_name ?? row.ward_code } : null,
    features: parsed(row.features),
    card: parsed(row.card),
  };
}

const COLUMNS = `code, issued_at, as_of::text AS as_of, parcel_id, lon, lat, plan_id, ward_code, ward_name, card, features`;

export interface NewCertificate {
  code: string;
  as_of: string;
  request: CertificateRequest;
  plan_id: number | null;
  ward: CertificateWard | null;
  card: RuleCard;
  features: CertificateFeatures;
  issued_by: number | null;
  request_id: string | null;
}

/** Inserts a sheet; returns null when the code is already taken (the caller draws another). */
export async function insertCertificate(db: Knex, c: NewCertificate): Promise<Certificate | null> {
  const { rows } = await db.raw(
    `INSERT INTO certificates (code, as_of, parcel_id, lon, lat, plan_id, ward_code, ward_name, card, features, issued_by, request_id)
     VALUES (?, ?::date, ?, ?, ?, ?, ?, ?, ?::json, ?::json, ?, ?)
     ON CONFLICT (code) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      c.code,
      c.as_of,
      'parcel_id' in c.request ? c.request.parcel_id : null,
      'lon' in c.request ? c.request.lon : null,
      'lon' in c.request ? c.request.lat : null,
      c.plan_id,
      c.ward?.code ?? null,
      c.ward?.name ?? null,
      JSON.stringify(c.card),
      JSON.stringify(c.features),
      c.issued_by,
      c.request_id,
    ],
  );
  return rows[0] ? toCertificate(rows[0] as CertificateRow) : null;
}

export async function certificateByCode(db: Knex, code: string): Promise<Certificate | null> {
  const { rows } = await db.raw(`SELECT ${COLUMNS} FROM certificates WHERE code = ?`, [code]);
  return rows[0] ? toCertificate(rows[0] as CertificateRow) : null;
}

/** Versions of zone and constraint features in force at the instant, by feature id. */
export async function featureVersions(db: Knex, zoneIds: readonly number[], constraintIds: readonly number[], at: Date): Promise<CertificateFeatures> {
  const read = async (table: 'zones' | 'constraints', ids: readonly number[]): Promise<FeatureVersion[]> => {
    if (ids.length === 0) return [];
    const { rows } = await db.raw(
      `SELECT feature_id, version FROM ${table}
       WHERE feature_id = ANY(?::int[]) AND valid_from < ? AND (valid_to IS NULL OR valid_to >= ?)
       ORDER BY feature_id`,
      [[...ids], at, at],
    );
    return (rows as { feature_id: number; version: number }[]).map((r) => ({ feature_id: Number(r.feature_id), version: Number(r.version) }));
  };
  const [zones, constraints] = await Promise.all([read('zones', zoneIds), read('constraints', constraintIds)]);
  return { zones, constraints };
}

/** The ward of a code with its full name ("Phường Ninh Kiều"). */
export async function wardByCode(db: Knex, code: string): Promise<CertificateWard | null> {
  const { rows } = await db.raw(`SELECT code, full_name AS name FROM wards WHERE code = ?`, [code]);
  return (rows[0] as CertificateWard | undefined) ?? null;
}

/** The ward around a point, for a point sheet without a parcel. */
export async function wardAt(db: Knex, lon: number, lat: number): Promise<CertificateWard | null> {
  const { rows } = await db.raw(
    `WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) AS g)
     SELECT w.code, w.full_name AS name FROM wards w, pt WHERE w.geom && pt.g AND ST_Intersects(w.geom, pt.g) ORDER BY w.code LIMIT 1`,
    [lon, lat],
  );
  return (rows[0] as CertificateWard | undefined) ?? null;
}

export interface MapZone {
  id: number;
  lot_code: string;
  land_use_code: string;
  land_use_name: string | null;
  colour: string | null;
  geometry: MultiPolygon;
}
export interface MapConstraint {
  id: number;
  kind: string;
  geometry: MultiPolygon;
}
export interface MapParcel {
  id: number;
  sheet_no: number;
  parcel_no: number;
  geometry: MultiPolygon;
}
export interface MapLayers {
  zones: MapZone[];
  constraints: MapConstraint[];
  parcels: MapParcel[];
}

/** Most features one sheet map draws per layer: a 1:5000 frame of the city centre holds a few hundred parcels. */
const MAP_LIMIT = 3000;

/**
 * Zones and constraints in force at the instant, and parcels, that intersect the map frame
 * (lon/lat box), each clipped to the frame so a kilometres-long road reserve costs only its
 * visible part. `&&` against the envelope lets the planner use the GiST indexes.
 */
export async function mapLayers(db: Knex, box: [number, number, number, number], at: Date): Promise<MapLayers> {
  const env = 'ST_MakeEnvelope(?, ?, ?, ?, 4326)';
  const clip = (col: string) => `ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(${col}, e.g), 3)), 7)::json AS geometry`;
  const [zones, constraints, parcels] = await Promise.all([
    db.raw(
      `WITH e AS (SELECT ${env} AS g)
       SELECT z.feature_id AS id, z.lot_code, z.land_use_code, l.name_vi AS land_use_name, l.colour, ${clip('z.geom')}
       FROM zones z JOIN plans p ON p.id = z.plan_id
         LEFT JOIN land_use_codes l ON l.scheme = z.land_use_scheme AND l.code = z.land_use_code, e
       WHERE z.geom && e.g AND ST_Intersects(z.geom, e.g)
         AND p.status IN ('in_force', 'superseded')
         AND z.valid_from <= ? AND (z.valid_to IS NULL OR z.valid_to > ?)
       ORDER BY z.feature_id LIMIT ${MAP_LIMIT}`,
      [...box, at, at],
    ),
    db.raw(
      `WITH e AS (SELECT ${env} AS g)
       SELECT c.feature_id AS id, c.kind, ${clip('c.geom')}
       FROM constraints c JOIN plans p ON p.id = c.plan_id, e
       WHERE c.geom && e.g AND ST_Intersects(c.geom, e.g)
         AND p.status IN ('in_force', 'superseded')
         AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to > ?)
       ORDER BY c.feature_id LIMIT ${MAP_LIMIT}`,
      [...box, at, at],
    ),
    db.raw(
      `WITH e AS (SELECT ${env} AS g)
       SELECT pa.id, pa.sheet_no, pa.parcel_no, ST_AsGeoJSON(pa.geom, 7)::json AS geometry
       FROM parcels pa, e
       WHERE pa.geom && e.g AND ST_Intersects(pa.geom, e.g) AND pa.created_at <= ?
       ORDER BY pa.id LIMIT ${MAP_LIMIT}`,
      [...box, at],
    ),
  ]);
  const polygonal = <T extends { geometry: MultiPolygon | null }>(rows: T[]) => rows.filter((r) => r.geometry && r.geometry.coordinates.length > 0);
  return {
    zones: polygonal(zones.rows as MapZone[]),
    constraints: polygonal(constraints.rows as MapConstraint[]),
    parcels: polygonal(parcels.rows as MapParcel[]),
  };
}
