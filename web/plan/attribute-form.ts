// The attributes of a zone (lot code, land use from the plan-symbol list, indicators within their legal ranges) or of a constraint.
import type { ConstraintAttributes, ZoneAttributes } from '../../api/checks/zoning/edit-check.types.ts';
import type { EditLayer } from '../api/plan-client.ts';
import type { LandUseCode } from '../api/types.ts';
import type { I18n, Message } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from '../ui/dom.ts';
import { parseNumber } from '../ui/proposal-fields.ts';

type ZoneNumber = 'max_coverage_pct' | 'max_far' | 'max_floors' | 'max_height_m' | 'min_setback_m';
type ConstraintNumber = 'value' | 'tolerance_m';

interface NumberSpec<N extends string> {
  name: N;
  label: MessageKey;
  integer: boolean;
  min: number;
  max: number;
  /** Decimals the column keeps (numeric(p, s)); more would be silently rounded by the database. */
  decimals: number;
}

/** The ranges the zoning tables accept (migrations …_create_zones_and_constraints). */
export const ZONE_NUMBERS: NumberSpec<ZoneNumber>[] = [
  { name: 'max_coverage_pct', label: 'plan.attr.coverage', integer: false, min: 0, max: 100, decimals: 2 },
  { name: 'max_far', label: 'plan.attr.far', integer: false, min: 0, max: 20, decimals: 2 },
  { name: 'max_floors', label: 'plan.attr.floors', integer: true, min: 0, max: 200, decimals: 0 },
  { name: 'max_height_m', label: 'plan.attr.height', integer: false, min: 0, max: 1000, decimals: 2 },
  { name: 'min_setback_m', label: 'plan.attr.setback', integer: false, min: 0, max: 200, decimals: 2 },
];
export const CONSTRAINT_NUMBERS: NumberSpec<ConstraintNumber>[] = [
  { name: 'value', label: 'plan.attr.value', integer: false, min: 0, max: 999_999.99, decimals: 2 },
  { name: 'tolerance_m', label: 'plan.attr.tolerance', integer: false, min: 0, max: 10, decimals: 3 },
];
export const CONSTRAINT_KINDS: ConstraintAttributes['kind'][] = ['red_line', 'river_corridor', 'heritage', 'flood', 'height_limit'];
export const CONSTRAINT_RULES: ConstraintAttributes['rule'][] = ['no_build', 'setback_m', 'max_height_m'];
export const LOT_CODE_MAX = 32;

/** The problem with a number typed into a field, or null when it is fine (empty means "not regulated"). */
export function numberProblem(i18n: I18n, text: string, spec: NumberSpec<string>): string | null {
  if (!text.trim()) return null;
  const n = parseNumber(text);
  if (n === null) return i18n.t('form.number');
  if (spec.integer && !Number.isInteger(n)) return i18n.t('form.integer');
  if (n < spec.min || n > spec.max) return i18n.t('form.range', { min: i18n.number(spec.min, spec.decimals), max: i18n.number(spec.max, spec.decimals) });
  if (!spec.integer && Math.abs(Math.round(n * 10 ** spec.decimals) - n * 10 ** spec.decimals) > 1e-6) {
    return i18n.t('plan.attr.decimals', { decimals: spec.decimals });
  }
  return null;
}

export interface AttributeFormOptions {
  container: HTMLElement;
  i18n: I18n;
  /** Plan-sheet symbols (scheme plan_symbol) for zones. */
  codes: LandUseCode[];
  onInput(): void;
}

export interface AttributeForm {
  element: HTMLElement;
  setLayer(layer: EditLayer): void;
  setCodes(codes: LandUseCode[]): void;
  /** Fills the fields (a feature's properties as the API returns them). */
  set(attributes: Record<string, unknown>): void;
  clear(): void;
  zone(): ZoneAttributes;
  constraint(): ConstraintAttributes;
  /** Local checks before sending: [pointer into the edit body, message]. */
  problems(): Array<[string, Message]>;
  setDisabled(disabled: boolean): void;
}

export function createAttributeForm(options: AttributeFormOptions): AttributeForm {
  const { i18n } = options;
  let layer: EditLayer = 'zones';
  let codes = options.codes;
  const numberText = (n: number) => (i18n.lang === 'vi' ? String(n).replace('.', ',') : String(n));
  const labels: Array<() => void> = [];
  const path = (name: string) => `/feature/properties/${name}`;

  function field(id: string, key: MessageKey, input: HTMLElement, name: string, hintKey?: MessageKey): HTMLElement {
    const label = h('label', { for: id });
    const hint = hintKey ? h('p', { class: 'hint' }) : null;
    labels.push(() => {
      label.textContent = i18n.t(key);
      if (hint && hintKey) hint.textContent = i18n.t(hintKey);
    });
    input.dataset.path = path(name);
    return h('div', { class: 'field' }, [label, input, hint]);
  }
  const text = (id: string, max: number) => h('input', { id, type: 'text', maxlength: max, autocomplete: 'off' });
  const numberInput = (id: string, integer: boolean) => h('input', { id, type: 'text', inputmode: integer ? 'numeric' : 'decimal', autocomplete: 'off' });

  // Zone fields
  const lotCode = text('attr-lot_code', LOT_CODE_MAX);
  const landUse = h('select', { id: 'attr-land_use_code' });
  const zoneName = text('attr-name', 200);
  const zoneCitation = text('attr-citation', 500);
  const zoneInputs = {} as Record<ZoneNumber, HTMLInputElement>;
  for (const spec of ZONE_NUMBERS) zoneInputs[spec.name] = numberInput(`attr-${spec.name}`, spec.integer);
  const rangeHint = (spec: NumberSpec<string>) => () => i18n.t('plan.attr.range', { min: i18n.number(spec.min), max: i18n.number(spec.max) });
  const rangeHints: Array<[HTMLElement, () => string]> = [];
  const numberField = (spec: NumberSpec<string>, input: HTMLInputElement) => {
    const element = field(input.id, spec.label, input, spec.name);
    const hint = h('p', { class: 'hint' });
    rangeHints.push([hint, rangeHint(spec)]);
    element.append(hint);
    input.min = String(spec.min);
    input.max = String(spec.max);
    return element;
  };
  const zoneFields = h('div', { class: 'attr-zone' }, [
    h('div', { class: 'field-grid' }, [field('attr-lot_code', 'plan.attr.lotCode', lotCode, 'lot_code', 'plan.attr.lotCodeHint'), field('attr-land_use_code', 'plan.attr.landUse', landUse, 'land_use_code')]),
    field('attr-name', 'plan.attr.name', zoneName, 'name'),
    h('div', { class: 'field-grid' }, ZONE_NUMBERS.map((spec) => numberField(spec, zoneInputs[spec.name]))),
    field('attr-citation', 'plan.attr.citation', zoneCitation, 'citation'),
  ]);

  // Constraint fields
  const kind = h('select', { id: 'attr-kind' });
  const rule = h('select', { id: 'attr-rule' });
  const constraintName = text('attr-c-name', 200);
  const constraintCitation = text('attr-c-citation', 500);
  const constraintInputs = {} as Record<ConstraintNumber, HTMLInputElement>;
  for (const spec of CONSTRAINT_NUMBERS) constraintInputs[spec.name] = numberInput(`attr-${spec.name}`, spec.integer);
  const constraintFields = h('div', { class: 'attr-constraint', hidden: true }, [
    h('div', { class: 'field-grid' }, [field('attr-kind', 'plan.attr.kind', kind, 'kind'), field('attr-rule', 'plan.attr.rule', rule, 'rule')]),
    h('div', { class: 'field-grid' }, CONSTRAINT_NUMBERS.map((spec) => numberField(spec, constraintInputs[spec.name]))),
    field('attr-c-name', 'plan.attr.name', constraintName, 'name'),
    field('attr-c-citation', 'plan.attr.citation', constraintCitation, 'citation'),
  ]);

  const legend = h('legend');
  const element = h('fieldset', { class: 'field-set attribute-form', 'data-testid': 'attribute-form' }, [legend, zoneFields, constraintFields]);
  options.container.append(element);

  function renderCodes(): void {
    const selected = landUse.value;
    replace(landUse, [
      h('option', { value: '' }, [i18n.t('plan.attr.landUsePick')]),
      ...codes.map((code) => h('option', { value: code.code }, [`${code.code} — ${i18n.pick(code.name_vi, code.name_en)}`])),
    ]);
    // A stored code missing from the list stays visible (the check then reports it).
    if (selected && !codes.some((c) => c.code === selected)) landUse.append(h('option', { value: selected }, [selected]));
    landUse.value = selected;
  }

  function renderEnums(): void {
    const k = kind.value;
    const r = rule.value;
    replace(kind, CONSTRAINT_KINDS.map((value) => h('option', { value }, [i18n.t(`kind.${value}` as MessageKey)])));
    replace(rule, CONSTRAINT_RULES.map((value) => h('option', { value }, [i18n.t(`plan.rule.${value}` as MessageKey)])));
    if (k) kind.value = k;
    if (r) rule.value = r;
  }

  function render(): void {
    legend.textContent = i18n.t(layer === 'zones' ? 'plan.attr.zoneTitle' : 'plan.attr.constraintTitle');
    for (const label of labels) label();
    for (const [hint, textOf] of rangeHints) hint.textContent = textOf();
    renderCodes();
    renderEnums();
  }

  const inputs: HTMLElement[] = [lotCode, landUse, zoneName, zoneCitation, ...Object.values(zoneInputs), kind, rule, constraintName, constraintCitation, ...Object.values(constraintInputs)];
  for (const input of inputs) {
    input.addEventListener('input', () => options.onInput());
    input.addEventListener('change', () => options.onInput());
  }
  i18n.onChange(render);
  render();

  const num = (input: HTMLInputElement) => parseNumber(input.value);
  const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const setNumber = (input: HTMLInputElement, value: unknown) => {
    input.value = typeof value === 'number' ? numberText(value) : value === null || value === undefined ? '' : String(value);
  };

  return {
    element,
    setLayer(next) {
      layer = next;
      zoneFields.hidden = layer !== 'zones';
      constraintFields.hidden = layer !== 'constraints';
      render();
    },
    setCodes(next) {
      codes = next;
      renderCodes();
    },
    set(attributes) {
      lotCode.value = str(attributes.lot_code);
      landUse.value = '';
      renderCodes();
      const code = str(attributes.land_use_code);
      if (code && !codes.some((c) => c.code === code)) landUse.append(h('option', { value: code }, [code]));
      landUse.value = code;
      zoneName.value = str(attributes.name);
      zoneCitation.value = str(attributes.citation);
      constraintName.value = str(attributes.name);
      constraintCitation.value = str(attributes.citation);
      for (const spec of ZONE_NUMBERS) setNumber(zoneInputs[spec.name], attributes[spec.name]);
      for (const spec of CONSTRAINT_NUMBERS) setNumber(constraintInputs[spec.name], attributes[spec.name]);
      if (typeof attributes.kind === 'string') kind.value = attributes.kind;
      if (typeof attributes.rule === 'string') rule.value = attributes.rule;
    },
    clear() {
      for (const input of inputs) if (input instanceof HTMLInputElement) input.value = '';
      landUse.value = '';
      kind.selectedIndex = 0;
      rule.selectedIndex = 0;
    },
    zone() {
      const entry = codes.find((c) => c.code === landUse.value);
      return {
        lot_code: lotCode.value.trim(),
        land_use_code: landUse.value,
        name: zoneName.value.trim() || null,
        max_coverage_pct: num(zoneInputs.max_coverage_pct),
        max_far: num(zoneInputs.max_far),
        max_floors: num(zoneInputs.max_floors),
        max_height_m: num(zoneInputs.max_height_m),
        min_setback_m: num(zoneInputs.min_setback_m),
        // The land-law uses a plan symbol permits, from the code list's crosswalk.
        permitted_uses: entry?.maps_to?.land_law ?? [],
        citation: zoneCitation.value.trim() || null,
      };
    },
    constraint() {
      const tolerance = num(constraintInputs.tolerance_m);
      return {
        kind: kind.value as ConstraintAttributes['kind'],
        rule: rule.value as ConstraintAttributes['rule'],
        value: num(constraintInputs.value),
        ...(tolerance === null ? {} : { tolerance_m: tolerance }),
        name: constraintName.value.trim() || null,
        citation: constraintCitation.value.trim() || null,
      };
    },
    problems() {
      // Worded when shown, and again if the reader switches language (the typed text is kept).
      const out: Array<[string, Message]> = [];
      const checkNumber = (text: string, spec: NumberSpec<string>): void => {
        if (numberProblem(i18n, text, spec)) out.push([path(spec.name), () => numberProblem(i18n, text, spec) ?? '']);
      };
      if (layer === 'zones') {
        if (!lotCode.value.trim()) out.push([path('lot_code'), () => i18n.t('form.required')]);
        if (!landUse.value) out.push([path('land_use_code'), () => i18n.t('form.required')]);
        for (const spec of ZONE_NUMBERS) checkNumber(zoneInputs[spec.name].value, spec);
      } else {
        for (const spec of CONSTRAINT_NUMBERS) checkNumber(constraintInputs[spec.name].value, spec);
        if (rule.value !== 'no_build' && !constraintInputs.value.value.trim()) out.push([path('value'), () => i18n.t('plan.attr.valueRequired')]);
      }
      return out;
    },
    setDisabled(disabled) {
      for (const input of inputs) (input as HTMLInputElement).disabled = disabled;
    },
  };
}
