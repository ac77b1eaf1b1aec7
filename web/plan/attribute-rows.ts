// The attributes of a zone or constraint version as the plan pages list them: in reading order, labelled, with values worded alike.
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** Every attribute a version can hold (zones first, then constraints); a view shows those present. */
export const ATTRIBUTE_ROWS: ReadonlyArray<readonly [name: string, label: MessageKey]> = [
  ['lot_code', 'plan.attr.lotCode'],
  ['land_use_code', 'plan.attr.landUse'],
  ['name', 'plan.attr.name'],
  ['max_coverage_pct', 'plan.attr.coverage'],
  ['max_far', 'plan.attr.far'],
  ['max_floors', 'plan.attr.floors'],
  ['max_height_m', 'plan.attr.height'],
  ['min_setback_m', 'plan.attr.setback'],
  ['kind', 'plan.attr.kind'],
  ['rule', 'plan.attr.rule'],
  ['value', 'plan.attr.value'],
  ['tolerance_m', 'plan.attr.tolerance'],
  ['citation', 'plan.attr.citation'],
];

/** A value as the tables show it: numbers in the reader's notation, a dash for nothing. */
export function attributeText(i18n: I18n, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'number' ? i18n.number(value, 2) : String(value);
}
