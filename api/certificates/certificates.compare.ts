// Compares an issued rule card with the one the plan in force gives now, and names each difference in English and Vietnamese (pure).
import { en, vi } from '../checks/format.ts';
import type { CardConstraint, CardZone, RuleCard } from '../lookup/lookup.types.ts';
import type { CertificateFeatures, Difference, VersionChange } from './certificates.types.ts';

/** Areas and lengths closer than this are the same (m² or m): the card's own rounding noise. */
export const AREA_TOLERANCE = 0.01;

type Lang = 'en' | 'vi';

/** A number as people write it: whole numbers without decimals, others with up to two. */
function num(n: number, lang: Lang): string {
  const decimals = Number.isInteger(n) ? 0 : Math.abs(n * 10 - Math.round(n * 10)) < 1e-9 ? 1 : 2;
  return lang === 'en' ? en(n, decimals) : vi(n, decimals);
}

interface Field<T> {
  key: keyof T & string;
  en: string;
  vi: string;
  unit?: { en: string; vi: string };
  /** Equal within AREA_TOLERANCE instead of exactly. */
  measured?: boolean;
}

const ZONE_FIELDS: Field<CardZone>[] = [
  { key: 'lot_code', en: 'lot code', vi: 'Ký hiệu lô' },
  { key: 'land_use_code', en: 'land use', vi: 'Chức năng sử dụng đất' },
  { key: 'max_coverage_pct', en: 'building coverage', vi: 'Mật độ xây dựng', unit: { en: ' %', vi: ' %' } },
  { key: 'max_far', en: 'floor area ratio', vi: 'Hệ số sử dụng đất', unit: { en: '×', vi: ' lần' } },
  { key: 'max_floors', en: 'max floors', vi: 'Tầng cao tối đa', unit: { en: ' floors', vi: ' tầng' } },
  { key: 'max_height_m', en: 'max height', vi: 'Chiều cao tối đa', unit: { en: ' m', vi: ' m' } },
  { key: 'min_setback_m', en: 'min setback', vi: 'Khoảng lùi tối thiểu', unit: { en: ' m', vi: ' m' } },
  { key: 'permitted_uses', en: 'permitted uses', vi: 'Chức năng được phép' },
  { key: 'area_m2', en: 'area in the parcel', vi: 'Diện tích trong thửa', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'governs', en: 'governs', vi: 'Áp dụng chỉ tiêu' },
  { key: 'citation', en: 'legal source', vi: 'Căn cứ' },
];

const CONSTRAINT_FIELDS: Field<CardConstraint>[] = [
  { key: 'kind', en: 'kind', vi: 'Loại' },
  { key: 'rule', en: 'rule', vi: 'Quy định' },
  { key: 'value', en: 'value', vi: 'Giá trị' },
  { key: 'overlap_m2', en: 'overlap with the parcel', vi: 'Diện tích chồng lấn', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'distance_m', en: 'distance from the parcel', vi: 'Khoảng cách tới thửa', unit: { en: ' m', vi: ' m' }, measured: true },
  { key: 'citation', en: 'legal source', vi: 'Căn cứ' },
];

const COMPUTED_FIELDS: Field<RuleCard['computed']>[] = [
  { key: 'red_line_take_m2', en: 'area beyond the red line', vi: 'Diện tích nằm ngoài chỉ giới đường đỏ', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'net_site_area_m2', en: 'net site area', vi: 'Diện tích khu đất thực', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'buildable_area_m2', en: 'buildable area', vi: 'Diện tích có thể xây dựng', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'max_footprint_m2', en: 'max footprint', vi: 'Diện tích xây dựng tối đa', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'max_gfa_m2', en: 'max floor area', vi: 'Tổng diện tích sàn tối đa', unit: { en: ' m²', vi: ' m²' }, measured: true },
  { key: 'zone_rule', en: 'zone rule', vi: 'Cách áp dụng chỉ tiêu' },
  { key: 'setback_m', en: 'setback from the red line', vi: 'Khoảng lùi so với chỉ giới đường đỏ', unit: { en: ' m', vi: ' m' }, measured: true },
];

function same(a: unknown, b: unknown, measured: boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return measured ? Math.abs(a - b) <= AREA_TOLERANCE : a === b;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function show(v: unknown, lang: Lang, unit?: { en: string; vi: string }): string {
  if (v === null || v === undefined) return lang === 'en' ? 'not regulated' : 'không quy định';
  if (typeof v === 'number') return num(v, lang) + (unit?.[lang] ?? '');
  if (typeof v === 'boolean') return lang === 'en' ? (v ? 'yes' : 'no') : v ? 'có' : 'không';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return String(v);
}

function fieldDiffs<T>(fields: Field<T>[], issued: T, current: T, path: string, label: { en: string; vi: string }): Difference[] {
  const out: Difference[] = [];
  for (const f of fields) {
    const a = issued[f.key];
    const b = current[f.key];
    if (same(a, b, !!f.measured)) continue;
    out.push({
      path: `${path}/${f.key}`,
      issued: a ?? null,
      current: b ?? null,
      message: `${label.en}: ${f.en} ${show(a, 'en', f.unit)} → ${show(b, 'en', f.unit)}`,
      message_vi: `${label.vi}: ${f.vi} ${show(a, 'vi', f.unit)} → ${show(b, 'vi', f.unit)}`,
    });
  }
  return out;
}

const zoneLabel = (z: CardZone) => ({ en: `Lot ${z.lot_code}`, vi: `Lô ${z.lot_code}` });
const KIND_VI: Record<string, string> = {
  red_line: 'Chỉ giới đường đỏ',
  river_corridor: 'Hành lang bảo vệ sông',
  heritage: 'Khu vực bảo vệ di tích',
  flood: 'Vùng ngập',
  height_limit: 'Giới hạn chiều cao',
};
const constraintLabel = (c: CardConstraint) => ({
  en: `${c.kind.replace(/_/g, ' ')}${c.name ? ` "${c.name}"` : ''} (#${c.id})`,
  vi: `${KIND_VI[c.kind] ?? c.kind}${c.name ? ` "${c.name}"` : ''} (#${c.id})`,
});

/**
 * What differs between the card as issued and the card now: the parcel, the plan, each zone (matched
 * by feature id: lot code, land use, every indicator, its area in the parcel), each constraint
 * (matched by feature id) and the computed areas. Areas and distances count as equal within
 * AREA_TOLERANCE. `current` null means the card cannot be made any more (the parcel is gone).
 */
export function compareCards(issued: RuleCard, current: RuleCard | null): Difference[] {
  if (!current) {
    return [{
      path: '/parcel',
      issued: issued.parcel,
      current: null,
      message: 'The parcel of the sheet no longer exists in the cadastre.',
      message_vi: 'Thửa đất của phiếu không còn trong cơ sở dữ liệu địa chính.',
    }];
  }
  const out: Difference[] = [];
  const ip = issued.parcel;
  const cp = current.parcel;
  if ((ip?.id ?? null) !== (cp?.id ?? null)) {
    const name = (p: RuleCard['parcel'], lang: Lang) => (p ? (lang === 'en' ? `sheet ${p.sheet_no} parcel ${p.parcel_no}` : `tờ ${p.sheet_no} thửa ${p.parcel_no}`) : lang === 'en' ? 'no parcel' : 'không có thửa');
    out.push({ path: '/parcel/id', issued: ip?.id ?? null, current: cp?.id ?? null, message: `Parcel: ${name(ip, 'en')} → ${name(cp, 'en')}`, message_vi: `Thửa đất: ${name(ip, 'vi')} → ${name(cp, 'vi')}` });
  } else if (ip && cp) {
    out.push(...fieldDiffs([{ key: 'area_m2', en: 'area', vi: 'Diện tích', unit: { en: ' m²', vi: ' m²' }, measured: true }, { key: 'legal_area_m2', en: 'legal area', vi: 'Diện tích pháp lý', unit: { en: ' m²', vi: ' m²' }, measured: true }], ip, cp, '/parcel', { en: 'Parcel', vi: 'Thửa đất' }));
  }
  if ((issued.plan?.id ?? null) !== (current.plan?.id ?? null)) {
    out.push({
      path: '/plan/id',
      issued: issued.plan?.id ?? null,
      current: current.plan?.id ?? null,
      message: `Plan: ${issued.plan?.name ?? 'none'} → ${current.plan?.name ?? 'none'}`,
      message_vi: `Đồ án: ${issued.plan?.name ?? 'không có'} → ${current.plan?.name ?? 'không có'}`,
    });
  }

  const nowZones = new Map(current.zones.map((z, i) => [z.id, { z, i }]));
  issued.zones.forEach((z, i) => {
    const now = nowZones.get(z.id);
    if (!now) {
      out.push({ path: `/zones/${i}`, issued: z, current: null, message: `Lot ${z.lot_code} no longer applies to the parcel`, message_vi: `Lô ${z.lot_code} không còn áp dụng cho thửa đất` });
      return;
    }
    out.push(...fieldDiffs(ZONE_FIELDS, z, now.z, `/zones/${i}`, zoneLabel(z)));
  });
  const issuedZoneIds = new Set(issued.zones.map((z) => z.id));
  current.zones.forEach((z, i) => {
    if (issuedZoneIds.has(z.id)) return;
    out.push({ path: `/zones/${i}`, issued: null, current: z, message: `Lot ${z.lot_code} now applies to the parcel`, message_vi: `Lô ${z.lot_code} nay áp dụng cho thửa đất` });
  });

  const nowConstraints = new Map(current.constraints.map((c) => [c.id, c]));
  issued.constraints.forEach((c, i) => {
    const now = nowConstraints.get(c.id);
    const label = constraintLabel(c);
    if (!now) {
      out.push({ path: `/constraints/${i}`, issued: c, current: null, message: `${label.en} no longer applies`, message_vi: `${label.vi} không còn áp dụng` });
      return;
    }
    out.push(...fieldDiffs(CONSTRAINT_FIELDS, c, now, `/constraints/${i}`, label));
  });
  const issuedConstraintIds = new Set(issued.constraints.map((c) => c.id));
  current.constraints.forEach((c, i) => {
    if (issuedConstraintIds.has(c.id)) return;
    const label = constraintLabel(c);
    out.push({ path: `/constraints/${i}`, issued: null, current: c, message: `${label.en} now applies`, message_vi: `${label.vi} nay áp dụng` });
  });

  out.push(...fieldDiffs(COMPUTED_FIELDS, issued.computed, current.computed, '/computed', { en: 'Computed', vi: 'Chỉ tiêu tính toán' }));
  return out;
}

/** Feature versions that differ between issue and now (a feature present on one side only has null on the other). */
export function versionChanges(issued: CertificateFeatures, current: CertificateFeatures): VersionChange[] {
  const out: VersionChange[] = [];
  const pair = (kind: 'zone' | 'constraint', a: CertificateFeatures['zones'], b: CertificateFeatures['zones']) => {
    const before = new Map(a.map((f) => [f.feature_id, f.version]));
    const after = new Map(b.map((f) => [f.feature_id, f.version]));
    for (const id of [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y)) {
      const v0 = before.get(id) ?? null;
      const v1 = after.get(id) ?? null;
      if (v0 !== v1) out.push({ kind, feature_id: id, issued_version: v0, current_version: v1 });
    }
  };
  pair('zone', issued.zones, current.zones);
  pair('constraint', issued.constraints, current.constraints);
  return out;
}
