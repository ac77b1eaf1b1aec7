// Checks indicators and land_use_code of an edited zone, and the attribute ranges of an edited constraint.
import { en, vi } from '../format.ts';
import type { ConstraintAttributes, EditCheckParams, EditCheckResult, ZoneAttributes } from './edit-check.types.ts';
import { cap, editResult, type Text } from './edit-text.ts';

/**
 * Legal ranges of the indicators: the same as the CHECK constraints of the zones table
 * (migrations/…_create_zones_and_constraints.ts), so an edit that passes here is storable.
 * Coverage is a share of the lot (0–100 %); FAR 0–20 (above any Vietnamese plan); storeys whole.
 */
const RANGES: { field: keyof ZoneAttributes; min: number; max: number; integer?: boolean; unit: string; label: Text }[] = [
  { field: 'max_coverage_pct', min: 0, max: 100, unit: ' %', label: { en: 'maximum coverage', vi: 'mật độ xây dựng tối đa' } },
  { field: 'max_far', min: 0, max: 20, unit: '', label: { en: 'maximum FAR', vi: 'hệ số sử dụng đất tối đa' } },
  { field: 'max_floors', min: 0, max: 200, integer: true, unit: ' storeys', label: { en: 'maximum storeys', vi: 'tầng cao tối đa' } },
  { field: 'max_height_m', min: 0, max: 1000, unit: ' m', label: { en: 'maximum height', vi: 'chiều cao tối đa' } },
  { field: 'min_setback_m', min: 0, max: 200, unit: ' m', label: { en: 'minimum setback', vi: 'khoảng lùi tối thiểu' } },
];

const VI_UNIT: Record<string, string> = { ' %': ' %', '': '', ' storeys': ' tầng', ' m': ' m' };

/** Slack when comparing FAR with coverage × storeys ÷ 100: indicators are stored with 2 decimals. */
const FAR_EPSILON = 1e-6;

/** Whether a value is a number we can compare (null = not regulated, anything else non-numeric is wrong). */
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Indicator consistency of a zone (check id 'indicators'):
 * - lot_code present (1–32 characters, as the table requires) — error;
 * - each indicator null or a number within its legal range (storeys whole) — error naming the field;
 * - max_far ≤ max_coverage_pct × max_floors ÷ 100: FAR is floor area over lot area, and a building
 *   covering at most coverage % of the lot on at most max_floors storeys cannot exceed that —
 *   a larger FAR can never be used, so the plan contradicts itself (error, field max_far);
 * - max_height_m ≥ max_floors × min_storey_height_m, else the storeys allowed cannot be built under
 *   the height allowed (warning, field max_height_m: plans do round heights down, so not blocking).
 * And 'land_use_code': the code exists in the plan_symbol scheme — error.
 */
export function zoneAttributeResults(a: ZoneAttributes, name: Text, landUseCodes: readonly string[], p: EditCheckParams): EditCheckResult[] {
  const out: EditCheckResult[] = [];
  const lot = typeof a.lot_code === 'string' ? a.lot_code.trim() : '';
  if (!lot) {
    out.push(editResult('indicators', {
      severity: 'error',
      code: 'lot_code_missing',
      field: 'lot_code',
      text: { en: `${cap(name.en)} has no lot code; every zone needs one (e.g. HH-03).`, vi: `${cap(name.vi)} chưa có ký hiệu ô; mỗi ô quy hoạch cần một ký hiệu (ví dụ HH-03).` },
    }));
  } else if (lot.length > 32) {
    out.push(editResult('indicators', {
      severity: 'error',
      code: 'lot_code_too_long',
      field: 'lot_code',
      text: { en: `The lot code of ${name.en} has ${lot.length} characters; at most 32 are allowed.`, vi: `Ký hiệu ô của ${name.vi} có ${lot.length} ký tự; tối đa 32 ký tự.` },
    }));
  }
  const ok: Partial<Record<keyof ZoneAttributes, number>> = {};
  for (const r of RANGES) {
    const v = a[r.field] as unknown;
    if (v === null || v === undefined) continue;
    const bad = !isNum(v) || v < r.min || v > r.max || (r.integer && !Number.isInteger(v));
    if (!bad) {
      ok[r.field] = v;
      continue;
    }
    const shown = isNum(v) ? { en: en(v, 2), vi: vi(v, 2) } : { en: JSON.stringify(v), vi: JSON.stringify(v) };
    const whole = r.integer ? { en: ' whole', vi: ' nguyên' } : { en: '', vi: '' };
    out.push(editResult('indicators', {
      severity: 'error',
      code: 'out_of_range',
      field: r.field,
      text: {
        en: `The ${r.label.en} of ${name.en} is ${shown.en}${isNum(v) ? r.unit : ''}; it must be a${whole.en} number from ${r.min} to ${r.max}${r.unit}, or empty when the plan does not regulate it.`,
        vi: `${cap(r.label.vi)} của ${name.vi} là ${shown.vi}${isNum(v) ? VI_UNIT[r.unit] : ''}; phải là số${whole.vi} từ ${r.min} đến ${r.max}${VI_UNIT[r.unit]}, hoặc để trống nếu đồ án không quy định.`,
      },
    }));
  }
  const { max_coverage_pct: cov, max_far: far, max_floors: floors, max_height_m: height } = ok;
  if (cov !== undefined && far !== undefined && floors !== undefined) {
    const cap_ = (cov * floors) / 100;
    if (far > cap_ + FAR_EPSILON) {
      out.push(editResult('indicators', {
        severity: 'error',
        code: 'far_above_coverage_times_floors',
        field: 'max_far',
        text: {
          en: `The maximum FAR of ${name.en} (${en(far, 2)}) exceeds coverage × storeys ÷ 100 = ${en(cov, 2)} % × ${floors} ÷ 100 = ${en(cap_, 2)}: a building within the coverage and storey limits can never reach it.`,
          vi: `Hệ số sử dụng đất tối đa của ${name.vi} (${vi(far, 2)}) vượt mật độ × tầng cao ÷ 100 = ${vi(cov, 2)} % × ${floors} ÷ 100 = ${vi(cap_, 2)}: công trình đúng giới hạn mật độ và tầng cao không bao giờ đạt tới.`,
        },
      }));
    }
  }
  if (floors !== undefined && height !== undefined && floors > 0) {
    const need = floors * p.min_storey_height_m;
    if (height < need - FAR_EPSILON) {
      out.push(editResult('indicators', {
        severity: 'warning',
        code: 'height_too_low_for_floors',
        field: 'max_height_m',
        text: {
          en: `The maximum height of ${name.en} (${en(height, 2)} m) is below ${floors} storeys × ${en(p.min_storey_height_m, 2)} m = ${en(need, 2)} m: the storeys allowed cannot be built under the height allowed.`,
          vi: `Chiều cao tối đa của ${name.vi} (${vi(height, 2)} m) thấp hơn ${floors} tầng × ${vi(p.min_storey_height_m, 2)} m = ${vi(need, 2)} m: không thể xây đủ số tầng cho phép trong chiều cao cho phép.`,
        },
      }));
    }
  }
  const code = typeof a.land_use_code === 'string' ? a.land_use_code.trim() : '';
  if (!code || !landUseCodes.includes(code)) {
    out.push(editResult('land_use_code', {
      severity: 'error',
      code: code ? 'unknown_land_use_code' : 'land_use_code_missing',
      field: 'land_use_code',
      text: code
        ? { en: `The land-use code “${code}” of ${name.en} is not a lot symbol of the plan legend.`, vi: `Mã chức năng sử dụng đất “${code}” của ${name.vi} không có trong chú giải ký hiệu ô của đồ án.` }
        : { en: `${cap(name.en)} has no land-use code.`, vi: `${cap(name.vi)} chưa có mã chức năng sử dụng đất.` },
    }));
  }
  return out;
}

const CONSTRAINT_KINDS = ['red_line', 'river_corridor', 'heritage', 'flood', 'height_limit'];
const CONSTRAINT_RULES = ['no_build', 'setback_m', 'max_height_m'];
/** Upper bounds of a rule's value (m): as for the zones' setback and height indicators. */
const VALUE_MAX: Record<string, number> = { setback_m: 200, max_height_m: 1000, no_build: 1e6 };

/**
 * Attribute ranges of a constraint (check id 'indicators'): a known kind and rule; a value (m) for
 * setback_m and max_height_m rules (no_build needs none), within 0–200 m for a setback and
 * 0–1000 m for a height; tolerance_m within 0–10 m (the table's CHECK). All errors.
 */
export function constraintAttributeResults(a: ConstraintAttributes, name: Text): EditCheckResult[] {
  const out: EditCheckResult[] = [];
  const err = (code: string, field: string, text: Text): void => void out.push(editResult('indicators', { severity: 'error', code, field, text }));
  if (!CONSTRAINT_KINDS.includes(a.kind)) {
    err('unknown_kind', 'kind', { en: `${cap(name.en)} has kind ${JSON.stringify(a.kind)}; it must be one of ${CONSTRAINT_KINDS.join(', ')}.`, vi: `${cap(name.vi)} có loại ${JSON.stringify(a.kind)}; phải là một trong ${CONSTRAINT_KINDS.join(', ')}.` });
  }
  if (!CONSTRAINT_RULES.includes(a.rule)) {
    err('unknown_rule', 'rule', { en: `${cap(name.en)} has rule ${JSON.stringify(a.rule)}; it must be one of ${CONSTRAINT_RULES.join(', ')}.`, vi: `${cap(name.vi)} có quy tắc ${JSON.stringify(a.rule)}; phải là một trong ${CONSTRAINT_RULES.join(', ')}.` });
  } else if (a.value === null || a.value === undefined) {
    if (a.rule !== 'no_build') {
      const what = a.rule === 'setback_m' ? { en: 'the setback distance (m)', vi: 'khoảng lùi (m)' } : { en: 'the height limit (m)', vi: 'chiều cao giới hạn (m)' };
      err('value_required', 'value', { en: `${cap(name.en)} has rule ${a.rule} but no value: give ${what.en}.`, vi: `${cap(name.vi)} có quy tắc ${a.rule} nhưng chưa có giá trị: hãy nhập ${what.vi}.` });
    }
  } else if (!isNum(a.value) || a.value < 0 || a.value > VALUE_MAX[a.rule]) {
    const shown = isNum(a.value) ? en(a.value, 2) : JSON.stringify(a.value);
    const shownVi = isNum(a.value) ? vi(a.value, 2) : JSON.stringify(a.value);
    err('out_of_range', 'value', {
      en: `The value of ${name.en} is ${shown}; it must be a number from 0 to ${VALUE_MAX[a.rule]} m.`,
      vi: `Giá trị của ${name.vi} là ${shownVi}; phải là số từ 0 đến ${VALUE_MAX[a.rule]} m.`,
    });
  }
  const t = a.tolerance_m;
  if (t !== undefined && t !== null && (!isNum(t) || t < 0 || t > 10)) {
    const shown = isNum(t) ? en(t, 3) : JSON.stringify(t);
    const shownVi = isNum(t) ? vi(t, 3) : JSON.stringify(t);
    err('out_of_range', 'tolerance_m', {
      en: `The overlap tolerance of ${name.en} is ${shown} m; it must be from 0 to 10 m.`,
      vi: `Dung sai chồng lấn của ${name.vi} là ${shownVi} m; phải từ 0 đến 10 m.`,
    });
  }
  return out;
}
