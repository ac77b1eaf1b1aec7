// Names and result building for the zoning edit checks' bilingual messages.
import type { Geometry } from 'geojson';
import type { EditCheckId, EditCheckResult, EditCheckSeverity } from './edit-check.types.ts';

export type Text = { en: string; vi: string };

/** "zone HH-03" / "ô quy hoạch HH-03"; a zone without a lot code by its id, or as the new zone. */
export function zoneName(lot_code: string | null | undefined, feature_id: number | string | null): Text {
  const code = typeof lot_code === 'string' ? lot_code.trim() : '';
  if (code) return { en: `zone ${code}`, vi: `ô quy hoạch ${code}` };
  if (feature_id !== null && feature_id !== undefined) return { en: `zone #${feature_id}`, vi: `ô quy hoạch #${feature_id}` };
  return { en: 'the new zone', vi: 'ô quy hoạch mới' };
}

/** "constraint area 'Hành lang sông Cần Thơ'" / "vùng hạn chế …"; by kind and id when unnamed. */
export function constraintName(name: string | null | undefined, kind: string, feature_id: number | string | null): Text {
  const n = typeof name === 'string' ? name.trim() : '';
  if (n) return { en: `constraint area “${n}”`, vi: `vùng hạn chế “${n}”` };
  const id = feature_id !== null && feature_id !== undefined ? ` #${feature_id}` : '';
  return { en: `${id ? '' : 'the new '}${kind} constraint area${id}`, vi: `vùng hạn chế ${kind}${id ? id : ' mới'}` };
}

export const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

export interface ResultInput {
  severity: EditCheckSeverity;
  code: string;
  text: Text;
  area_m2?: number | null;
  other_feature_id?: number | string | null;
  field?: string;
  evidence?: Geometry | null;
}

/** An EditCheckResult with every field present in one order (other_feature_id and field only when set). */
export function editResult(id: EditCheckId, r: ResultInput): EditCheckResult {
  const out: EditCheckResult = {
    id,
    severity: r.severity,
    code: r.code,
    message: r.text.en,
    message_vi: r.text.vi,
    area_m2: r.area_m2 ?? null,
    evidence: r.evidence ?? null,
  };
  if (r.other_feature_id !== undefined) out.other_feature_id = r.other_feature_id;
  if (r.field !== undefined) out.field = r.field;
  return out;
}
