// Runs the pure edit checks over a change set's edits: builds each edit's context (neighbours in force with the set's other edits applied, plan boundary, legend) from PostGIS in batches.
import type { Knex } from 'knex';
import type { Polygonal } from '../checks/index.ts';
import { polygonsOf } from '../checks/planar.ts';
import { checkConstraintEdit, checkZoneEdit, type ConstraintAttributes, type EditCheckContext, type EditCheckResult, type ZoneAttributes } from '../checks/zoning/index.ts';
import type { EditFeature, EditLayer, EditOp } from './changesets.types.ts';
import * as store from './changesets.store.ts';

/** An edit as the checks see it: `key` identifies it within one run (its id once stored). */
export interface EditState {
  key: number;
  op: EditOp;
  layer: EditLayer;
  feature_id: number | null;
  after: EditFeature | null;
  /** A modify that keeps the feature's outline (only attributes change). */
  geometry_unchanged?: boolean;
}

const TOPOLOGY_CHECKS = new Set(['geometry_valid', 'overlap', 'gap', 'sliver', 'outside_plan']);

/**
 * An edit that changes attributes only does not answer for its outline, which is in force already:
 * it is not measured against neighbours and boundary again (an overlap with a zone the same set
 * moves is an error on that zone's own edit), and faults of the outline itself are warnings, so they
 * neither block the edit nor go unnoticed.
 */
function demoteUnchanged(results: EditCheckResult[]): EditCheckResult[] {
  return results.map((r) =>
    r.severity === 'error' && TOPOLOGY_CHECKS.has(r.id)
      ? { ...r, severity: 'warning', message: `${r.message} (The outline is in force already; this edit does not change it.)`, message_vi: `${r.message_vi} (Ranh giới này đang có hiệu lực; thay đổi này giữ nguyên nó.)` }
      : r,
  );
}

/** Same outline within 1e-7° (≈ 1 cm): what GET /api/zones rounds to, so a feature sent back as read counts as unchanged. */
export function sameGeometry(a: unknown, b: unknown): boolean {
  const parts = (g: unknown): number[][][][] | null => {
    const x = g as Polygonal | null;
    if (!x || (x.type !== 'Polygon' && x.type !== 'MultiPolygon')) return null;
    return (x.type === 'Polygon' ? [x.coordinates] : x.coordinates) as number[][][][];
  };
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb || pa.length !== pb.length) return false;
  return pa.every((poly, i) =>
    poly.length === pb[i].length &&
    poly.every((ring, j) => ring.length === pb[i][j].length && ring.every((p, k) => Math.abs(p[0] - pb[i][j][k][0]) <= 1e-7 && Math.abs(p[1] - pb[i][j][k][1]) <= 1e-7)),
  );
}

export interface PlanCheckContext {
  plan_id: number;
  plan_boundary: Polygonal | null;
  land_use_codes: string[];
}

type Box = [number, number, number, number];

/**
 * Neighbours are searched within this margin around the edited zone's box (degrees; 0.0001° ≈ 11 m
 * at Cần Thơ's latitude): wider than the 1 m gap tolerance, so every zone a gap or overlap could
 * involve is found, while the GiST filter stays a handful of rows.
 */
const NEIGHBOUR_MARGIN_DEG = 0.0001;

/** The plan boundary is clipped to the edit's box grown by this (≈ 110 m): enough around the edit for the outside_plan measure. */
const BOUNDARY_MARGIN_DEG = 0.001;

/** Box of the coordinates, whatever their validity (an unclosed or self-crossing ring still has a box). */
export function boxOf(g: Polygonal): Box | null {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g)) for (const ring of poly) for (const p of ring) {
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  }
  return Number.isFinite(b[0]) && Number.isFinite(b[1]) ? b : null;
}

const grow = (b: Box, m: number): Box => [b[0] - m, b[1] - m, b[2] + m, b[3] + m];
const meets = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** A uniform grid over boxes: finds the set's own zones near an edit without comparing every pair (imports hold thousands). */
class BoxGrid<T> {
  private readonly cells = new Map<string, T[]>();
  private readonly large: { box: Box; item: T }[] = [];
  private readonly boxes = new Map<T, Box>();
  constructor(private readonly size = 0.002) {}
  add(box: Box, item: T): void {
    this.boxes.set(item, box);
    const [x1, y1, x2, y2] = this.span(box);
    if ((x2 - x1 + 1) * (y2 - y1 + 1) > 400) return void this.large.push({ box, item });
    for (let x = x1; x <= x2; x++) for (let y = y1; y <= y2; y++) {
      const k = `${x}:${y}`;
      const list = this.cells.get(k);
      if (list) list.push(item);
      else this.cells.set(k, [item]);
    }
  }
  search(box: Box): T[] {
    const found = new Set<T>();
    const [x1, y1, x2, y2] = this.span(box);
    if ((x2 - x1 + 1) * (y2 - y1 + 1) > 400) {
      for (const [item, b] of this.boxes) if (meets(b, box)) found.add(item);
      return [...found];
    }
    for (let x = x1; x <= x2; x++) for (let y = y1; y <= y2; y++) for (const item of this.cells.get(`${x}:${y}`) ?? []) if (meets(this.boxes.get(item)!, box)) found.add(item);
    for (const l of this.large) if (meets(l.box, box)) found.add(l.item);
    return [...found];
  }
  private span(b: Box): [number, number, number, number] {
    return [Math.floor(b[0] / this.size), Math.floor(b[1] / this.size), Math.floor(b[2] / this.size), Math.floor(b[3] / this.size)];
  }
}

const geometryOf = (f: EditFeature | null): Polygonal | null => {
  const g = f?.geometry as Polygonal | null | undefined;
  return g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null;
};

/** A zone of the same set as a neighbour: its feature id, or a label of the new zone's edit. */
const neighbourId = (e: EditState): number | string => e.feature_id ?? `edit-${e.key}`;

function lotCodeTaken(lot: string, other: number | string, name: string): EditCheckResult {
  return {
    id: 'indicators',
    severity: 'error',
    code: 'lot_code_taken',
    message: `The lot code ${lot} of ${name} is already used by another zone of the plan (${typeof other === 'number' ? `#${other}` : other}); lot codes identify zones and must be unique.`,
    message_vi: `Ký hiệu ô ${lot} của ${name} đã được dùng cho một ô quy hoạch khác của đồ án (${typeof other === 'number' ? `#${other}` : other}); ký hiệu ô phải là duy nhất.`,
    area_m2: null,
    other_feature_id: other,
    field: 'lot_code',
    evidence: null,
  };
}

/**
 * Check results of `targets`, each against the plan as it will be once every edit of `all` is
 * applied: current zones near it, minus those the set modifies or deletes, plus the set's own
 * created and modified zones. Runs a fixed number of queries per thousand edits.
 */
export async function runEditChecks(db: Knex, plan: PlanCheckContext, all: EditState[], targets: EditState[]): Promise<Map<number, EditCheckResult[]>> {
  const out = new Map<number, EditCheckResult[]>();
  const removed = new Set<number>();
  const renamed = new Map<number, string | null>();
  const grid = new BoxGrid<EditState>();
  const setLots = new Map<string, EditState[]>();
  for (const e of all) {
    if (e.layer !== 'zones') continue;
    if (e.feature_id !== null && e.op !== 'create') removed.add(e.feature_id);
    if (e.op === 'delete') continue;
    const g = geometryOf(e.after);
    const box = g && boxOf(g);
    if (box) grid.add(box, e);
    const lot = typeof e.after?.properties?.lot_code === 'string' ? (e.after.properties.lot_code as string) : null;
    if (e.feature_id !== null) renamed.set(e.feature_id, lot);
    if (lot) setLots.set(lot, [...(setLots.get(lot) ?? []), e]);
  }
  for (const e of all) if (e.op === 'delete' && e.layer === 'zones' && e.feature_id !== null) renamed.set(e.feature_id, null);

  // The plan boundary each edit is checked against: none needed well inside, a clip of it near its edge.
  const measurable = targets.flatMap((t) => {
    const g = t.op === 'delete' || t.geometry_unchanged ? null : geometryOf(t.after);
    const box = g && boxOf(g);
    return box ? [{ t, g: g!, box }] : [];
  });
  const near = plan.plan_boundary ? await store.planBoundaryNear(db, plan.plan_id, measurable.map((m, idx) => ({ idx, box: m.box })), BOUNDARY_MARGIN_DEG) : new Map();
  const boundaryFor = new Map<number, Polygonal | null>();
  measurable.forEach((m, idx) => {
    const n = near.get(idx);
    // Inside: no part can lie outside, so the check has nothing to report either way. Nothing of the
    // boundary near a box that is not inside: the edit lies wholly outside, measured against the whole.
    boundaryFor.set(m.t.key, !plan.plan_boundary ? null : n?.inside ? null : (n?.clip ?? plan.plan_boundary));
  });
  const ctxFor = (key: number, neighbours: EditCheckContext['neighbours']): EditCheckContext => ({
    neighbours,
    plan_boundary: boundaryFor.has(key) ? boundaryFor.get(key)! : plan.plan_boundary,
    land_use_codes: plan.land_use_codes,
  });

  const zoneTargets: { e: EditState; g: Polygonal; box: Box }[] = [];
  for (const t of targets) {
    if (t.op === 'delete') {
      out.set(t.key, []);
      continue;
    }
    const g = geometryOf(t.after);
    const box = g && boxOf(g);
    if (t.layer === 'constraints') {
      const ctx = ctxFor(t.key, []);
      const checked = checkConstraintEdit({ feature_id: t.feature_id, attributes: (t.after?.properties ?? {}) as unknown as ConstraintAttributes, geometry: g as Polygonal }, t.geometry_unchanged ? { ...ctx, plan_boundary: null } : ctx);
      out.set(t.key, t.geometry_unchanged ? demoteUnchanged(checked) : checked);
    } else if (g && box) zoneTargets.push({ e: t, g, box: t.geometry_unchanged ? box : grow(box, NEIGHBOUR_MARGIN_DEG) });
    else out.set(t.key, checkZoneEdit({ feature_id: t.feature_id, attributes: (t.after?.properties ?? {}) as unknown as ZoneAttributes, geometry: g as Polygonal }, ctxFor(t.key, [])));
  }

  const hits = await store.zonesMeetingBoxes(db, plan.plan_id, zoneTargets.flatMap((z, idx) => (z.e.geometry_unchanged ? [] : [{ idx, box: z.box }])));
  const inForce: NonNullable<EditCheckContext['neighbours']>[number][][] = zoneTargets.map(() => []);
  for (const h of hits) {
    if (removed.has(h.feature_id)) continue;
    for (const idx of h.hits) inForce[idx].push({ feature_id: h.feature_id, lot_code: h.lot_code, geometry: h.geometry });
  }
  const lots = [...new Set(zoneTargets.map((z) => z.e.after?.properties?.lot_code).filter((l): l is string => typeof l === 'string' && l.trim() !== ''))];
  const holders = new Map<string, number>();
  for (const z of await store.zonesWithLotCodes(db, plan.plan_id, lots)) holders.set(z.lot_code, z.feature_id);

  zoneTargets.forEach(({ e, g, box }, idx) => {
    const own = grid
      .search(box)
      .filter((o) => o !== e && o.key !== e.key)
      .map((o) => ({ feature_id: neighbourId(o), lot_code: String(o.after?.properties?.lot_code ?? ''), geometry: geometryOf(o.after)! }));
    // An outline in force already is not measured again for an attribute change (imports change thousands of attributes).
    const neighbours = e.geometry_unchanged ? [] : [...inForce[idx].filter((n) => n.feature_id !== e.feature_id), ...own];
    const attributes = (e.after?.properties ?? {}) as unknown as ZoneAttributes;
    const ctx = ctxFor(e.key, neighbours);
    const checked = checkZoneEdit({ feature_id: e.feature_id, attributes, geometry: g }, e.geometry_unchanged ? { ...ctx, plan_boundary: null } : ctx);
    const results = e.geometry_unchanged ? demoteUnchanged(checked) : checked;
    const lot = typeof attributes.lot_code === 'string' ? attributes.lot_code : null;
    if (lot) {
      const name = `zone ${lot}`;
      const holder = holders.get(lot);
      const twin = (setLots.get(lot) ?? []).find((o) => o.key !== e.key);
      // A zone in force keeps its code unless this set renames or deletes it (then its edit speaks for it).
      if (holder !== undefined && holder !== e.feature_id && !renamed.has(holder)) results.push(lotCodeTaken(lot, holder, name));
      else if (twin) results.push(lotCodeTaken(lot, neighbourId(twin), name));
    }
    out.set(e.key, results);
  });
  return out;
}
