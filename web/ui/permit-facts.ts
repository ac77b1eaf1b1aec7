// What a permit is about: applicant, parcel, use, figures, dates, decision, conditions — as a definition list.
import type { Permit, PermitCondition } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { LandUseCode } from '../api/types.ts';
import { h } from './dom.ts';

export function useText(i18n: I18n, code: string, uses: LandUseCode[]): string {
  const entry = uses.find((u) => u.code === code);
  return entry ? `${code} — ${i18n.pick(entry.name_vi, entry.name_en)}` : code;
}

export function conditionText(i18n: I18n, c: PermitCondition): string {
  const kind = i18n.t(`condition.kind.${c.kind}` as MessageKey);
  const stage = c.stage ? ` (${i18n.t(`condition.stage.${c.stage}` as MessageKey)})` : '';
  return `${kind}${stage}: ${c.text}`;
}

export function parcelLine(i18n: I18n, permit: Pick<Permit, 'parcel' | 'parcel_id'>): string {
  if (permit.parcel) return i18n.t('parcel.label', { sheet: permit.parcel.sheet_no, parcel: permit.parcel.parcel_no });
  return permit.parcel_id === null ? i18n.t('parcel.drawn') : `#${permit.parcel_id}`;
}

/** Rows of [label, value] describing the permit; `decision` adds the decision block; `ward` names the ward code. */
export function permitFacts(
  i18n: I18n,
  permit: Permit,
  uses: LandUseCode[],
  decision = true,
  ward: { vi: string; en: string | null } | null = null,
): Array<[MessageKey, Node | string]> {
  const rows: Array<[MessageKey, Node | string]> = [
    ['detail.applicant', permit.applicant],
    ['detail.parcel', parcelLine(i18n, permit)],
  ];
  if (permit.parcel?.address) rows.push(['detail.address', permit.parcel.address]);
  if (permit.ward_code) rows.push(['detail.ward', ward ? `${i18n.pick(ward.vi, ward.en)} (${permit.ward_code})` : permit.ward_code]);
  rows.push(
    ['detail.use', useText(i18n, permit.use, uses)],
    ['detail.floors', i18n.t('unit.floors', { value: permit.floors })],
    ['detail.basements', String(permit.basement_floors)],
    ['detail.height', i18n.t('unit.metres', { value: i18n.number(permit.height_m, 2) })],
    ['detail.gfa', i18n.t('unit.m2', { value: i18n.number(permit.gfa_m2, 1) })],
    ['detail.created', i18n.date(permit.created_at)],
  );
  if (permit.submitted_at) rows.push(['detail.submitted', i18n.date(permit.submitted_at)]);
  if (!decision) return rows;
  if (permit.decided_at) rows.push(['detail.decided', i18n.date(permit.decided_at)]);
  if (permit.valid_from || permit.valid_to) rows.push(['detail.validity', i18n.t('detail.validRange', { from: i18n.date(permit.valid_from), to: i18n.date(permit.valid_to) })]);
  if (permit.decision_reason) rows.push(['detail.decisionReason', permit.decision_reason]);
  if (permit.override_reason) rows.push(['detail.overrideReason', permit.override_reason]);
  if (permit.conditions.length > 0) {
    rows.push(['detail.conditions', h('ul', { class: 'plain-list' }, permit.conditions.map((c) => h('li', {}, [conditionText(i18n, c)])))]);
  }
  return rows;
}

export function factsList(i18n: I18n, rows: Array<[MessageKey, Node | string]>): HTMLElement {
  return h('dl', { class: 'facts' }, rows.flatMap(([label, value]) => [h('dt', {}, [i18n.t(label)]), h('dd', {}, [value])]));
}
