// SQL of the rule card: the parcel at a point or by id with its planning context, zones and constraints at a point, and plans, one statement per card.
import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../db/prepared.ts';
import type { CheckConstraint, CheckZone } from '../checks/index.ts';
import type { CardPlan, ParcelRow } from './lookup.types.ts';

const POINT = 'ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)';
/** The point of the prepared statements: parameters $1 (lon) and $2 (lat). */
const POINT_12 = 'ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)';

const PARCEL_COLUMNS = `p.id, p.sheet_no, p.parcel_no, p.address, p.ward_code,
  p.legal_area_m2::float8 AS legal_area_m2, ST_AsGeoJSON(p.geom, 9)::json AS geometry`;

const PLAN_COLUMNS = `pl.id, pl.name, pl.decision_no, pl.decision_date::text AS decision_date, pl.approved_by, pl.is_demo, pl.notice_vi, pl.notice_en`;

/** A zone at a point: its indicators without its geometry, which a point card does not measure. */
export type PointZone = Omit<CheckZone, 'geometry'> & { id: number; plan_id: number };

/**
 * Reach of the card's context around a parcel, in degrees (≈ 110 m at Cần Thơ, the compliance
 * context's CONTEXT_MARGIN_DEG): farther than any setback a plan sets, so whatever lies beyond cannot
 * change a number of the card.
 */
export const CARD_MARGIN_DEG = 0.001;

/** A zone of a parcel's context with what the card names it by: its plan and land-use names. */
export type ContextZone = CheckZone & { plan_id: number; land_use_name: string | null; land_use_name_en: string | null };

/** A zone at a point (see PointZone), named like a context zone. */
export type NamedPointZone = PointZone & { land_use_name: string | null; land_use_name_en: string | null };

/** Everything a rule card reads from the database, from one statement (plus planCovering for a parcel in no zone). */
export interface CardData {
  /** Parcels at the point (lowest id first, at most 5), or the parcel of the id: none or one (pointData: none). */
  parcels: ParcelRow[];
  /** The planning context of the first parcel (empty without a parcel). */
  zones: ContextZone[];
  constraints: CheckConstraint[];
  /** Zones and constraints at a point in no parcel (pointData only). */
  point_zones: NamedPointZone[];
  point_constraints: Omit<CheckConstraint, 'geometry'>[];
  /** The plans of every zone above, by id. */
  plans: Map<number, CardPlan>;
  /** planCovering at the point on the date (pointData only; a parcel's card asks planCovering when it needs it). */
  covering: CardPlan | null | undefined;
}

/**
 * The context of the site `s` (first parcel of `par`): zones in force that intersect it, and
 * constraints in force within CARD_MARGIN_DEG of it — the filters of the compliance context
 * (compliance.store.ts), with each constraint cut to that window. A road reserve is a strip
 * kilometres long with hundreds of vertices; the part of it farther from the parcel than the window
 * changes no overlap, distance or setback the card measures (a part of a polygon is no closer than
 * the polygon), and clipping the whole strip in Node for each parcel would cost a hundred times
 * more. The site is the parcel's geometry as the card receives it (GeoJSON, 9 decimals), so the
 * filters see the very polygon the card measures. Each zone carries its land-use names (the
 * plan-sheet symbol's) and plan.
 * `margin` and `asOf` name the parameters that hold CARD_MARGIN_DEG and the date.
 */
const contextCtes = (margin: string, asOf: string): string => `s AS (
       SELECT ST_SetSRID(ST_GeomFromGeoJSON(par.geometry::text), 4326) AS g FROM par ORDER BY par.id LIMIT 1),
     w AS (SELECT ST_Expand(s.g, ${margin}::float8) AS b FROM s),
     zs AS (
       SELECT z.feature_id AS id, z.lot_code, z.land_use_code,
         z.max_coverage_pct::float8 AS max_coverage_pct, z.max_far::float8 AS max_far, z.max_floors,
         z.max_height_m::float8 AS max_height_m, z.min_setback_m::float8 AS min_setback_m,
         z.permitted_uses, z.citation, ST_AsGeoJSON(z.geom, 9)::json AS geometry,
         z.plan_id, l.name_vi AS land_use_name, l.name_en AS land_use_name_en
       FROM zones z JOIN plans p ON p.id = z.plan_id
         LEFT JOIN land_use_codes l ON l.scheme = z.land_use_scheme AND l.code = z.land_use_code, s
       WHERE z.geom && s.g AND ST_Intersects(z.geom, s.g)
         AND p.status IN ('in_force', 'superseded')
         AND z.valid_from < ${asOf} AND (z.valid_to IS NULL OR z.valid_to >= ${asOf})),
     hits AS (
       SELECT c.feature_id AS id, c.kind, c.rule, c.value::float8 AS value, c.tolerance_m::float8 AS tolerance_m, c.name, c.citation,
         CASE WHEN ST_CoveredBy(c.geom, w.b) THEN c.geom ELSE ST_CollectionExtract(ST_Intersection(c.geom, w.b), 3) END AS g
       FROM constraints c JOIN plans p ON p.id = c.plan_id, w
       WHERE c.geom && w.b AND ST_Intersects(c.geom, w.b)
         AND p.status IN ('in_force', 'superseded')
         AND c.valid_from < ${asOf} AND (c.valid_to IS NULL OR c.valid_to >= ${asOf})),
     cs AS (
       SELECT id, kind, rule, value, tolerance_m, name, citation, ST_AsGeoJSON(ST_Multi(g), 9)::json AS geometry
       FROM hits WHERE NOT ST_IsEmpty(g))`;

const CONTEXT_COLUMNS = `(SELECT coalesce(json_agg(par ORDER BY par.id), '[]'::json) FROM par) AS parcels,
       (SELECT coalesce(json_agg(zs ORDER BY zs.id), '[]'::json) FROM zs) AS zones,
       (SELECT coalesce(json_agg(cs ORDER BY cs.id), '[]'::json) FROM cs) AS constraints`;

const PLANS_OF = (zoneSets: string): string =>
  `(SELECT coalesce(json_agg(pl ORDER BY pl.id), '[]'::json) FROM (SELECT ${PLAN_COLUMNS} FROM plans pl WHERE pl.id IN (${zoneSets})) pl) AS plans`;

interface CardRow {
  parcels: ParcelRow[];
  zones: ContextZone[];
  constraints: CheckConstraint[];
  point_zones?: NamedPointZone[];
  point_constraints?: Omit<CheckConstraint, 'geometry'>[];
  plans: CardPlan[];
  covering?: CardPlan | null;
}

function cardData(row: CardRow): CardData {
  return {
    parcels: row.parcels,
    zones: row.zones,
    constraints: row.constraints,
    point_zones: row.point_zones ?? [],
    point_constraints: row.point_constraints ?? [],
    plans: new Map(row.plans.map((p) => [p.id, p])),
    covering: row.covering,
  };
}

/**
 * All a parcel's card at a point needs, in one statement (each statement costs a fixed overhead,
 * above all on the embedded backend): the parcels at the point, the first one's context and the
 * plans of its zones. A point in no parcel (a street, ~1 lookup in 10) then needs pointData; the
 * statement leaves that out, since planning it for every lookup would cost more than it saves.
 * Prepared (api/db/prepared.ts): $1 lon, $2 lat, $3 CARD_MARGIN_DEG, $4 asOf.
 */
const CARD_AT: PreparedStatement = {
  name: 'spp_card_at_v1',
  types: ['float8', 'float8', 'float8', 'timestamptz'],
  text: `WITH pt AS (SELECT ${POINT_12} AS g),
     par AS (
       SELECT ${PARCEL_COLUMNS}
       FROM parcels p, pt
       WHERE p.geom && pt.g AND ST_Intersects(p.geom, pt.g)
       ORDER BY p.id
       LIMIT 5),
     ${contextCtes('$3', '$4::timestamptz')}
     SELECT ${CONTEXT_COLUMNS}, ${PLANS_OF('SELECT plan_id FROM zs')}`,
};

export async function cardAt(db: Knex, lon: number, lat: number, asOf: Date): Promise<CardData> {
  const [row] = await runPrepared<CardRow>(db, CARD_AT, [lon, lat, CARD_MARGIN_DEG, asOf]);
  return cardData({ ...row, covering: undefined });
}

/**
 * The card of a point in no parcel, in one statement: zones and constraints in force at asOf whose
 * geometry covers the point (two or more on a common boundary), the zones' plans and land-use names,
 * and the plan covering the point on the date. Prepared: $1 lon, $2 lat, $3 asOf, $4 date.
 */
const POINT_DATA: PreparedStatement = {
  name: 'spp_point_data_v1',
  types: ['float8', 'float8', 'timestamptz', 'date'],
  text: `WITH pt AS (SELECT ${POINT_12} AS g),
     pz AS (
       SELECT x.feature_id AS id, x.plan_id, x.lot_code, x.land_use_code,
        x.max_coverage_pct::float8 AS max_coverage_pct, x.max_far::float8 AS max_far, x.max_floors,
        x.max_height_m::float8 AS max_height_m, x.min_setback_m::float8 AS min_setback_m,
        x.permitted_uses, x.citation, l.name_vi AS land_use_name, l.name_en AS land_use_name_en
       FROM zones x JOIN plans p ON p.id = x.plan_id
         LEFT JOIN land_use_codes l ON l.scheme = x.land_use_scheme AND l.code = x.land_use_code, pt
       WHERE x.geom && pt.g AND ST_Intersects(x.geom, pt.g)
         AND p.status IN ('in_force', 'superseded')
         AND x.valid_from < $3::timestamptz AND (x.valid_to IS NULL OR x.valid_to >= $3::timestamptz)),
     pc AS (
       SELECT x.feature_id AS id, x.kind, x.rule, x.value::float8 AS value, x.tolerance_m::float8 AS tolerance_m, x.name, x.citation
       FROM constraints x JOIN plans p ON p.id = x.plan_id, pt
       WHERE x.geom && pt.g AND ST_Intersects(x.geom, pt.g)
         AND p.status IN ('in_force', 'superseded')
         AND x.valid_from < $3::timestamptz AND (x.valid_to IS NULL OR x.valid_to >= $3::timestamptz))
     SELECT '[]'::json AS parcels, '[]'::json AS zones, '[]'::json AS constraints,
       (SELECT coalesce(json_agg(pz ORDER BY pz.id), '[]'::json) FROM pz) AS point_zones,
       (SELECT coalesce(json_agg(pc ORDER BY pc.id), '[]'::json) FROM pc) AS point_constraints,
       ${PLANS_OF('SELECT plan_id FROM pz')},
       (SELECT row_to_json(cv) FROM (
         SELECT ${PLAN_COLUMNS}
         FROM plans pl, pt
         WHERE pl.boundary && pt.g AND ST_Intersects(pl.boundary, pt.g)
           AND pl.status IN ('in_force', 'superseded')
           AND pl.effective_from <= $4::date AND (pl.effective_to IS NULL OR pl.effective_to > $4::date)
         ORDER BY pl.effective_from DESC, pl.id DESC
         LIMIT 1) cv) AS covering`,
};

export async function pointData(db: Knex, lon: number, lat: number, asOf: Date, date: string): Promise<CardData> {
  const [row] = await runPrepared<CardRow>(db, POINT_DATA, [lon, lat, asOf, date]);
  return cardData({ ...row, covering: row.covering ?? null });
}

/** All a parcel's card needs, in one statement: the parcel of the id, its context and the plans of its zones. Prepared: $1 id, $2 CARD_MARGIN_DEG, $3 asOf. */
const CARD_OF_PARCEL: PreparedStatement = {
  name: 'spp_card_of_parcel_v1',
  types: ['bigint', 'float8', 'timestamptz'],
  text: `WITH par AS (SELECT ${PARCEL_COLUMNS} FROM parcels p WHERE p.id = $1::bigint),
     ${contextCtes('$2', '$3::timestamptz')}
     SELECT ${CONTEXT_COLUMNS}, ${PLANS_OF('SELECT plan_id FROM zs')}`,
};

export async function cardOfParcel(db: Knex, id: number, asOf: Date): Promise<CardData> {
  const [row] = await runPrepared<CardRow>(db, CARD_OF_PARCEL, [id, CARD_MARGIN_DEG, asOf]);
  return cardData({ ...row, covering: undefined });
}

/**
 * The public plan in force on `date` whose boundary covers the point (the most recent first): tells
 * "inside the plan, but no zone here (a road, the river)" from "outside every plan".
 */
export async function planCovering(db: Knex, lon: number, lat: number, date: string): Promise<CardPlan | null> {
  const { rows } = await db.raw(
    `WITH pt AS (SELECT ${POINT} AS g)
     SELECT ${PLAN_COLUMNS}
     FROM plans pl, pt
     WHERE pl.boundary && pt.g AND ST_Intersects(pl.boundary, pt.g)
       AND pl.status IN ('in_force', 'superseded')
       AND pl.effective_from <= ?::date AND (pl.effective_to IS NULL OR pl.effective_to > ?::date)
     ORDER BY pl.effective_from DESC, pl.id DESC
     LIMIT 1`,
    [lon, lat, date, date],
  );
  return (rows[0] as CardPlan | undefined) ?? null;
}
