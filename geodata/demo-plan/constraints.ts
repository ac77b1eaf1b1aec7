// Constraint layers of the demo plan: red lines of every street, the two river corridors, heritage protection areas, flood areas and an airspace height limit.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { ConstraintKind, ConstraintRule } from './demo-plan.types.ts';
import type { GenZone } from './blocks-and-zones.ts';
import { Prng } from './prng.ts';
import { type Poly, type Rect, insetRect, rectArea } from './planar.ts';
import { CANTHO_RIVER_SETBACK_M, HAU_CORRIDOR_WIDTH_M } from './river-corridor.ts';
import type { StreetNetwork } from './street-network.ts';
import type { StudyArea } from './study-area.ts';

export interface GenConstraint {
  ref: string;
  kind: ConstraintKind;
  rule: ConstraintRule;
  value: number | null;
  tolerance_m: number;
  name: string;
  citation: string;
  /** Geometry in (u, v), or already in EPSG:4326 for the river corridors. */
  polys: Poly[] | null;
  geo: Polygon | MultiPolygon | null;
}

const article = (n: number, clause?: number): string =>
  `${clause ? `Khoản ${clause}, ` : ''}Điều ${n}, Quy định quản lý theo đồ án (demo)`;

/*
 * Tolerances are digitising accuracy, not leniency: red lines are staked out to about 0.2 m; the
 * river bank here is an assumption, so 0.5 m; flood and airspace areas are drawn coarsely (1 m).
 */

/** Invented names of heritage sites (marked as illustrative). */
const HERITAGE_NAMES = ['Đình Phù Sa', 'Miếu Bà Bến Lúa', 'Nhà cổ Vườn Mận'];

function grow(r: Rect, d: number): Rect {
  return insetRect(r, -d);
}

export function buildConstraints(sa: StudyArea, network: StreetNetwork, zones: GenZone[], seed: string): GenConstraint[] {
  const rng = Prng.fork(seed, 'constraints');
  const out: GenConstraint[] = [];
  const add = (c: Omit<GenConstraint, 'ref'>, prefix: string): void => {
    const n = out.filter((o) => o.ref.startsWith(prefix)).length + 1;
    out.push({ ref: `${prefix}-${String(n).padStart(3, '0')}`, ...c });
  };

  for (const { line, polys } of network.reserves) {
    add({
      kind: 'red_line', rule: 'no_build', value: null, tolerance_m: 0.2,
      name: `Chỉ giới đường đỏ ${line.name} (lộ giới ${line.width} m)`, citation: article(6), polys, geo: null,
    }, 'RL');
  }

  const geoOf = (g: Geometry | null): Polygon | MultiPolygon | null =>
    g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null;
  if (sa.hauCorridor) {
    add({
      kind: 'river_corridor', rule: 'no_build', value: null, tolerance_m: 0.5,
      name: `Hành lang bảo vệ bờ sông Hậu, rộng ${HAU_CORRIDOR_WIDTH_M} m từ mép bờ (vị trí bờ giả định)`,
      citation: article(9, 1), polys: null, geo: geoOf(sa.hauCorridor),
    }, 'RC');
  }
  if (sa.canThoWater) {
    add({
      kind: 'river_corridor', rule: 'setback_m', value: CANTHO_RIVER_SETBACK_M, tolerance_m: 0.5,
      name: `Sông Cần Thơ: công trình lùi tối thiểu ${CANTHO_RIVER_SETBACK_M} m so với mép nước (lòng sông giả định theo ranh phường)`,
      citation: article(9, 2), polys: null, geo: geoOf(sa.canThoWater),
    }, 'RC');
  }

  const heritage = zones.filter((z) => z.symbol === 'DT');
  heritage.forEach((z, i) => {
    const site = HERITAGE_NAMES[i % HERITAGE_NAMES.length];
    add({
      kind: 'heritage', rule: 'max_height_m', value: 12, tolerance_m: 0.5,
      name: `Khu vực bảo vệ II di tích ${site} (minh hoạ): chiều cao công trình tối đa 12 m`,
      citation: article(23, 2), polys: sa.landIndex.clip(grow(z.piece.rect, 80)), geo: null,
    }, 'HE');
    if (i === 0) {
      add({
        kind: 'heritage', rule: 'no_build', value: null, tolerance_m: 0.5,
        name: `Khu vực bảo vệ I di tích ${site} (minh hoạ): không xây dựng mới`,
        citation: article(23, 1), polys: z.ward.landIndex.clip(insetRect(z.piece.rect, 8)), geo: null,
      }, 'HE');
    }
  });

  const parks = rng.shuffle(zones.filter((z) => z.symbol === 'CX' && z.whole && z.area > 8000 && z.piece.block.superblock.klass !== 'rural'));
  for (const z of parks.slice(0, 2)) {
    const r = z.piece.rect;
    const w = (r.x1 - r.x0) * 0.25;
    const h = (r.y1 - r.y0) * 0.25;
    add({
      kind: 'flood', rule: 'no_build', value: null, tolerance_m: 1,
      name: `Hồ điều hoà dự kiến trong công viên ${z.lot_code}: giữ mặt nước, không xây dựng`,
      citation: article(27, 1), polys: [[[[r.x0 + w, r.y0 + h], [r.x1 - w, r.y0 + h], [r.x1 - w, r.y1 - h], [r.x0 + w, r.y1 - h]]]], geo: null,
    }, 'FL');
  }
  const lowland = rng.shuffle(zones.filter((z) => z.symbol === 'NN' && z.whole && rectArea(z.piece.rect) > 50000))[0];
  if (lowland) {
    add({
      kind: 'flood', rule: 'no_build', value: null, tolerance_m: 1,
      name: `Vùng trũng thấp thường xuyên ngập triều cường trong lô ${lowland.lot_code}: không san lấp, không xây dựng`,
      citation: article(27, 2), polys: lowland.polys, geo: null,
    }, 'FL');
  }

  // Airspace: Cần Thơ airport lies north-west of the plan (Bình Thủy); the limit is illustrative.
  const b = sa.landBounds;
  add({
    kind: 'height_limit', rule: 'max_height_m', value: 45, tolerance_m: 1,
    name: 'Vùng hạn chế chiều cao theo bề mặt giới hạn chướng ngại vật hàng không (minh hoạ): tối đa 45 m',
    citation: article(28), polys: sa.landIndex.clip({ x0: b.x0 - 10, x1: b.x0 + 3500, y0: b.y0 - 10, y1: b.y1 + 10 }), geo: null,
  }, 'HL');
  return out;
}
