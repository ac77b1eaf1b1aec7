// Seeds two demo change sets on the demo plan: an approved local amendment in the past (so zone history shows two versions) and a submitted one awaiting review.
import type { Knex } from 'knex';
import type { Polygon, Position } from 'geojson';
import type { User } from '../../api/auth/auth.types.ts';
import { ChangeSetsService, createChangeSetWithEdits } from '../../api/changesets/changesets.service.ts';

export interface DemoChangeSetSummary {
  approved: number;
  submitted: number;
}

/** The amendment took effect on this day (after the demo plan's 2024-07-01): as-of reads before it show the first version. */
export const DEMO_AMENDMENT_EFFECTIVE = '2025-03-15';

const DEMO_NOTE = '(dữ liệu minh hoạ / demo data)';

async function demoUser(db: Knex, email: string): Promise<User | null> {
  const row = await db('users').select('id', 'email', 'name', 'roles', 'ward_codes').whereRaw('lower(email) = ?', [email]).first();
  return (row as User | undefined) ?? null;
}

interface Pick {
  feature_id: number;
  version: number;
  lot_code: string;
  max_floors: number | null;
  max_height_m: number | null;
  ring: Position[];
}

/**
 * Zones of the demo plan, chosen by a fixed rule so every first start picks the same ones: in the
 * north-western ward 31168 (away from the city-centre window the public map opens on), simple
 * four-cornered outlines at least ~50 m inside the plan boundary, lowest feature ids first.
 */
async function pickZones(db: Knex, planId: number): Promise<Pick[]> {
  const { rows } = (await db.raw(
    `SELECT feature_id, version, lot_code, max_floors, max_height_m::float8 AS max_height_m, ST_AsGeoJSON(ST_GeometryN(geom, 1), 9)::json AS g
     FROM zones WHERE plan_id = ? AND valid_to IS NULL AND ward_code = '31168' AND ST_NumGeometries(geom) = 1 AND ST_NPoints(geom) = 5
       AND ST_NumInteriorRings(ST_GeometryN(geom, 1)) = 0 AND max_floors BETWEEN 1 AND 20
       AND NOT ST_DWithin(geom, (SELECT ST_Boundary(boundary) FROM plans WHERE id = ?), 0.0005)
     ORDER BY feature_id LIMIT 3`,
    [planId, planId],
  )) as { rows: (Omit<Pick, 'ring'> & { g: Polygon })[] };
  return rows.map((r) => ({ ...r, ring: r.g.coordinates[0] }));
}

const mid = (a: Position, b: Position): Position => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/** Splits a four-cornered lot through the midpoints of two opposite sides: two lots sharing that cut exactly. */
function splitQuad(ring: Position[]): [Polygon, Polygon] {
  const [v0, v1, v2, v3] = ring;
  const m01 = mid(v0, v1);
  const m23 = mid(v2, v3);
  return [
    { type: 'Polygon', coordinates: [[v0, m01, m23, v3, v0]] },
    { type: 'Polygon', coordinates: [[m01, v1, v2, m23, m01]] },
  ];
}

/** Does nothing unless the demo plan and accounts exist and no change set does; deterministic otherwise. */
export async function loadDemoChangeSets(db: Knex): Promise<DemoChangeSetSummary | null> {
  if (Number(((await db('change_sets').count({ n: '*' })) as { n: number | string }[])[0].n) > 0) return null;
  const plan = (await db('plans').select('id').where({ is_demo: true, status: 'in_force' }).orderBy('id').first()) as { id: number } | undefined;
  const planner = await demoUser(db, 'planner@spp.demo');
  const reviewer = await demoUser(db, 'reviewer@spp.demo');
  if (!plan || !planner || !reviewer) return null;
  const zones = await pickZones(db, plan.id);
  if (zones.length < 3) return null;
  // One transaction: the demo history is all there or not at all.
  return db.transaction((trx) => seed(trx, plan.id, planner, reviewer, zones));
}

async function seed(db: Knex, planId: number, planner: User, reviewer: User, zones: Pick[]): Promise<DemoChangeSetSummary> {
  const [amended, split, raised] = zones;
  const service = new ChangeSetsService(db);
  const plan = { id: planId };

  // 1. A local amendment approved with effect from 2025-03-15: the lot's regulation text was revised.
  const past = await createChangeSetWithEdits(
    db,
    planner,
    { title: `Điều chỉnh cục bộ ô ${amended.lot_code} — cập nhật căn cứ pháp lý ${DEMO_NOTE}`, plan_id: plan.id, effective_from: DEMO_AMENDMENT_EFFECTIVE, source: 'demo' },
    [
      {
        op: 'modify',
        layer: 'zones',
        feature_id: amended.feature_id,
        base_version: amended.version,
        feature: { type: 'Feature', geometry: null, properties: { citation: `Điều 7, Quyết định điều chỉnh cục bộ số 15/QĐ-UBND ngày 01/03/2025 ${DEMO_NOTE}` } },
      },
    ],
  );
  await service.transition(planner, past.id, { event: 'submit', comment: null, lock_version: null });
  for (const e of past.edits) await service.review(reviewer, past.id, e.id, { decision: 'approve', comment: 'Phù hợp quy hoạch chung.', lock_version: null });
  await service.transition(reviewer, past.id, { event: 'approve', comment: `Phê duyệt điều chỉnh cục bộ ${DEMO_NOTE}`, lock_version: null });

  // 2. Submitted, waiting for the reviewer: a lot split in two (one half becomes green space) and one lot raised by a storey.
  const [keep, green] = splitQuad(split.ring);
  const floors = (raised.max_floors ?? 1) + 1;
  const pending = await createChangeSetWithEdits(
    db,
    planner,
    { title: `Tách ô ${split.lot_code}, bổ sung cây xanh; nâng tầng cao ô ${raised.lot_code} ${DEMO_NOTE}`, plan_id: plan.id, source: 'demo' },
    [
      { op: 'modify', layer: 'zones', feature_id: split.feature_id, base_version: split.version, feature: { type: 'Feature', geometry: keep, properties: {} } },
      {
        op: 'modify',
        layer: 'zones',
        feature_id: raised.feature_id,
        base_version: raised.version,
        feature: { type: 'Feature', geometry: null, properties: { max_floors: floors, max_height_m: Math.max(raised.max_height_m ?? 0, Math.ceil(floors * 3.6 + 2)) } },
      },
      {
        op: 'create',
        layer: 'zones',
        feature: {
          type: 'Feature',
          geometry: green,
          properties: { lot_code: `${split.lot_code}-CX`, land_use_code: 'CX', name: `Cây xanh tách từ ô ${split.lot_code} ${DEMO_NOTE}`, max_coverage_pct: 5, max_far: 0.05, max_floors: 1, max_height_m: 6, min_setback_m: 3 },
        },
      },
    ],
  );
  await service.transition(planner, pending.id, { event: 'submit', comment: null, lock_version: null });
  await db('change_sets').whereIn('id', [past.id, pending.id]).update({ is_demo: true });
  return { approved: past.id, submitted: pending.id };
}
