// Sample planning permits of the demo plan: about thirty applications in every status, some compliant and some deliberately not.
import type { PermitStatus } from './demo-plan.types.ts';
import type { GenZone } from './blocks-and-zones.ts';
import type { GenParcel, Side } from './parcels.ts';
import { Prng } from './prng.ts';
import { type Poly, type Rect, rectArea, rectRing } from './planar.ts';

type Kind = 'ok' | 'over_coverage' | 'over_floors' | 'over_height' | 'over_far' | 'use' | 'setback';

interface Scenario {
  status: PermitStatus;
  kind: Kind;
  /** Site drawn by the applicant instead of a cadastral parcel. */
  siteOnly?: boolean;
  /** Approved against a failed check (an override with its reason). */
  override?: boolean;
}

const S = (status: PermitStatus, kind: Kind, extra: Partial<Scenario> = {}): Scenario => ({ status, kind, ...extra });
const SCENARIOS: Scenario[] = [
  ...Array.from({ length: 8 }, () => S('approved', 'ok')),
  S('approved', 'ok', { siteOnly: true }),
  S('approved', 'over_coverage', { override: true }),
  S('rejected', 'over_coverage'), S('rejected', 'over_coverage'), S('rejected', 'over_floors'), S('rejected', 'use'),
  S('revoked', 'ok'), S('revoked', 'over_height'),
  S('under_review', 'ok'), S('under_review', 'ok'), S('under_review', 'over_coverage'), S('under_review', 'over_far'),
  S('under_review', 'ok', { siteOnly: true }),
  S('submitted', 'ok'), S('submitted', 'ok'), S('submitted', 'ok'), S('submitted', 'over_floors'), S('submitted', 'setback'),
  S('draft', 'ok'), S('draft', 'ok'), S('draft', 'over_coverage'), S('draft', 'ok', { siteOnly: true }),
];

/** Invented applicants. */
const PEOPLE = [
  'Nguyễn Văn An', 'Trần Thị Bích Ngọc', 'Lê Hoàng Phúc', 'Phạm Thị Thu Hà', 'Huỳnh Văn Tài', 'Võ Thị Kim Loan',
  'Đặng Minh Khôi', 'Bùi Thị Mỹ Linh', 'Đỗ Quốc Bảo', 'Hồ Thị Thanh Tâm', 'Ngô Văn Lợi', 'Dương Thị Cẩm Tú',
  'Lý Thành Đạt', 'Châu Ngọc Hân', 'Trương Văn Hậu', 'Mai Thị Diễm', 'Tạ Quang Vinh', 'Lâm Thị Ngọc Trinh',
  'Quách Văn Phong', 'Thái Thị Hồng Nhung', 'Phan Thanh Sơn', 'Kiều Thị Yến', 'La Văn Nghĩa', 'Tô Thị Mộng Cầm',
];
const COMPANIES = [
  'Công ty TNHH Đầu tư Phù Sa Xanh (minh hoạ)', 'Công ty CP Bất động sản Bến Lúa (minh hoạ)', 'Công ty TNHH Thương mại Hàng Dừa (minh hoạ)',
];

export interface GenPermit {
  number: string;
  applicant: string;
  parcel: GenParcel | null;
  zone: GenZone;
  /** Site in (u, v): the parcel's geometry, or the applicant's rectangle. */
  site: Poly[];
  footprint: Poly[];
  use: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
  status: PermitStatus;
  submitted_at: string | null;
  decided_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  decision_reason: string | null;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const day = (d: number): string => new Date(T0 + d * DAY).toISOString().slice(0, 10);
const stamp = (d: number, rng: Prng): string => `${day(d)}T${pad(rng.int(7, 16))}:${pad(rng.int(0, 59))}:00+07:00`;

/** Footprint rectangle: inset `front` from the entrance side, `back` from the opposite side, 0.3 m from the other two. */
function footprintRect(site: Rect, front: Side, frontM: number, backM: number): Rect {
  const r = { x0: site.x0 + 0.3, x1: site.x1 - 0.3, y0: site.y0 + 0.3, y1: site.y1 - 0.3 };
  const opposite: Record<Side, Side> = { x0: 'x1', x1: 'x0', y0: 'y1', y1: 'y0' };
  const shift = (side: Side, d: number): void => {
    r[side] = side.endsWith('0') ? site[side] + d : site[side] - d;
  };
  shift(front, frontM);
  shift(opposite[front], backM);
  return r;
}

const depthOf = (r: Rect, front: Side): number => (front.startsWith('x') ? r.x1 - r.x0 : r.y1 - r.y0);
const widthOf = (r: Rect, front: Side): number => (front.startsWith('x') ? r.y1 - r.y0 : r.x1 - r.x0);

/** Back setback that gives the footprint the wanted coverage (%), kept ≥ 0.3 m. */
function backFor(site: Rect, front: Side, frontM: number, coverage: number): number {
  const d = depthOf(site, front);
  const fw = widthOf(site, front) - 0.6;
  const fd = ((coverage / 100) * rectArea(site)) / fw;
  return Math.max(0.3, d - frontM - fd);
}

export function buildPermits(parcels: GenParcel[], zones: GenZone[], seed: string): GenPermit[] {
  const rng = Prng.fork(seed, 'permits');
  const candidates = rng.shuffle(
    parcels.filter((p) => p.whole && ['NO', 'OM', 'HH'].includes(p.zone.symbol) && ['ODT', 'TMD'].includes(p.land_law_code) && p.zone.indicators.max_coverage_pct !== null),
  );
  const parcelZones = new Set(parcels.map((p) => p.zone));
  const openZones = rng.shuffle(zones.filter((z) => z.whole && !parcelZones.has(z) && (z.symbol === 'HH' || z.symbol === 'OM') && z.area > 3000));
  const usedZones = new Set<GenZone>();
  const out: GenPermit[] = [];
  const seq = new Map<number, number>();
  SCENARIOS.forEach((sc, i) => {
    const ind = (z: GenZone) => z.indicators;
    let parcel: GenParcel | null = null;
    let zone: GenZone;
    let site: Rect;
    let front: Side;
    if (sc.siteOnly) {
      zone = openZones.find((z) => !usedZones.has(z)) ?? openZones[0];
      const r = zone.piece.rect;
      const w = Math.min(rng.range(24, 40), r.x1 - r.x0 - 2);
      const d = Math.min(rng.range(25, 40), r.y1 - r.y0 - 2);
      const x0 = r.x0 + rng.range(1, r.x1 - r.x0 - w - 1);
      site = { x0, x1: x0 + w, y0: r.y0 + 0.5, y1: r.y0 + 0.5 + d };
      front = 'y0';
    } else {
      const ok = (p: GenParcel): boolean => {
        if (usedZones.has(p.zone)) return false;
        const cov = ind(p.zone).max_coverage_pct as number;
        const best = (100 * (widthOf(p.rect, p.front) - 0.6) * (depthOf(p.rect, p.front) - 0.6)) / rectArea(p.rect);
        if (sc.kind === 'over_coverage') return cov <= 85 && best >= cov + 6;
        if (sc.kind === 'setback') return (ind(p.zone).min_setback_m ?? 0) >= 2 && p.alley === null;
        return best >= cov;
      };
      parcel = candidates.find(ok) ?? candidates.find((p) => !usedZones.has(p.zone)) ?? candidates[0];
      zone = parcel.zone;
      site = parcel.rect;
      front = parcel.front;
    }
    usedZones.add(zone);
    const z = ind(zone);
    const maxCov = z.max_coverage_pct ?? 60;
    const maxFloors = z.max_floors ?? 3;
    const setback = z.min_setback_m ?? 0;
    const frontM = sc.kind === 'setback' || sc.kind === 'over_coverage' ? 0.3 : setback + 0.5;
    const coverage = sc.kind === 'over_coverage' ? Math.min(maxCov + rng.range(8, 14), 97) : maxCov - rng.range(3, 12);
    const fp = footprintRect(site, front, frontM, backFor(site, front, frontM, coverage));
    const fpArea = rectArea(fp);
    const siteArea = rectArea(site);
    let floors = sc.kind === 'over_floors' ? maxFloors + rng.int(1, 2) : rng.int(Math.max(1, maxFloors - 2), maxFloors);
    const basement = rng.chance(0.15) && zone.symbol !== 'NO' ? 1 : 0;
    const far = (f: number): number => (fpArea * (f + basement)) / siteArea;
    if (sc.kind !== 'over_floors' && sc.kind !== 'over_far') while (z.max_far !== null && floors > 1 && far(floors) > z.max_far) floors--;
    let gfa = Math.round(fpArea * (floors + basement) * 10) / 10;
    if (sc.kind === 'over_far' && z.max_far !== null) gfa = Math.max(gfa, Math.round(z.max_far * siteArea * 1.18 * 10) / 10);
    const maxHeight = z.max_height_m ?? floors * 3.6 + 2.5;
    const height = sc.kind === 'over_height' ? maxHeight + rng.pick([2.5, 3.5, 4]) : Math.min(maxHeight, Math.round((floors * 3.6 + 1.2) * 10) / 10);
    const use = sc.kind === 'use' ? 'SKC' : parcel && zone.permitted_uses.includes(parcel.land_law_code) ? parcel.land_law_code : zone.permitted_uses[0];

    // Dates: decided applications from July 2024 (the plan is in force from 2024-07-01) to mid 2025, open ones in late 2025.
    const open = sc.status === 'submitted' || sc.status === 'under_review' || sc.status === 'draft';
    const submittedDay = open ? rng.int(600, 660) : rng.int(190, 520);
    const decidedDay = submittedDay + rng.int(12, 40);
    const year = 2024 + (day(submittedDay) >= '2025' ? 1 : 0);
    const n = (seq.get(year) ?? 100) + rng.int(3, 60);
    seq.set(year, n);
    const approvedLike = sc.status === 'approved' || sc.status === 'revoked';
    const pct = (x: number) => `${Math.round(x * 10) / 10} %`;
    const reasons: Record<string, string> = {
      approved: `Phù hợp quy hoạch phân khu (dữ liệu minh hoạ) và các chỉ tiêu của lô ${zone.lot_code}.`,
      approved_override: `Chấp thuận có điều kiện dù kiểm tra tự động không đạt: mật độ xây dựng ${pct((100 * fpArea) / siteArea)} vượt chỉ tiêu ${pct(maxCov)} của lô ${zone.lot_code}; áp dụng quy định chuyển tiếp cho thửa đất hiện hữu (lý do ghi nhận khi quyết định trái kết quả kiểm tra).`,
      rejected_over_coverage: `Không cấp phép: mật độ xây dựng ${pct((100 * fpArea) / siteArea)} vượt chỉ tiêu ${pct(maxCov)} của lô ${zone.lot_code}.`,
      rejected_over_floors: `Không cấp phép: ${floors} tầng vượt tầng cao tối đa ${maxFloors} tầng của lô ${zone.lot_code}.`,
      rejected_use: `Không cấp phép: mục đích sử dụng ${use} không thuộc các mục đích được phép của lô ${zone.lot_code} (${zone.permitted_uses.join(', ')}).`,
      revoked_ok: `Thu hồi ngày ${day(decidedDay + 150)}: công trình thi công sai nội dung giấy phép (biên bản kiểm tra hiện trường).`,
      revoked_over_height: `Thu hồi ngày ${day(decidedDay + 120)}: chiều cao công trình ${height} m vượt giới hạn ${maxHeight} m của lô ${zone.lot_code}.`,
    };
    const reason =
      sc.status === 'approved' ? (sc.override ? reasons.approved_override : reasons.approved)
        : sc.status === 'rejected' ? reasons[`rejected_${sc.kind}`]
          : sc.status === 'revoked' ? reasons[`revoked_${sc.kind}`]
            : null;
    out.push({
      number: `CT-GPXD-${year}-${pad(n, 6)}`,
      applicant: sc.siteOnly ? COMPANIES[i % COMPANIES.length] : PEOPLE[i % PEOPLE.length],
      parcel,
      zone,
      site: parcel ? parcel.polys : [[rectRing(site)]],
      footprint: [[rectRing(fp)]],
      use,
      floors,
      basement_floors: basement,
      height_m: height,
      gfa_m2: gfa,
      status: sc.status,
      submitted_at: sc.status === 'draft' ? null : stamp(submittedDay, rng),
      decided_at: open ? null : sc.status === 'revoked' ? stamp(decidedDay + (sc.kind === 'ok' ? 150 : 120), rng) : stamp(decidedDay, rng),
      valid_from: approvedLike ? day(decidedDay) : null,
      valid_to: approvedLike ? day(decidedDay + 365) : null,
      decision_reason: reason ?? null,
    });
  });
  return out;
}
