// The figures of an application (applicant, use, floors, basements, height, floor area), shared by the new and edit forms.
import type { LandUseCode } from '../api/types.ts';
import type { I18n, Message } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from './dom.ts';

export interface ProposalValues {
  applicant: string;
  use: string;
  floors: number | null;
  basement_floors: number | null;
  height_m: number | null;
  gfa_m2: number | null;
}

export interface ProposalFieldsOptions {
  container: HTMLElement;
  i18n: I18n;
  /** Land-law use codes for the select. */
  uses: LandUseCode[];
  withApplicant: boolean;
  initial?: Partial<ProposalValues>;
  /** The footprint area (m²) for the "compute floor area" helper; null without a footprint. */
  footprintArea(): number | null;
  onInput(): void;
}

export interface ProposalFields {
  values(): ProposalValues;
  set(values: Partial<ProposalValues>): void;
  /** Local checks before sending (the server's limits, in the page language); [pointer, message] pairs. */
  problems(): Array<[string, Message]>;
  setUses(uses: LandUseCode[]): void;
  setDisabled(disabled: boolean): void;
}

type NumberField = 'floors' | 'basement_floors' | 'height_m' | 'gfa_m2';

// The ranges the API accepts (permits.validation.ts); above 0 means strictly positive.
const NUMBER_FIELDS: Array<{ name: NumberField; label: MessageKey; integer: boolean; min: number; max: number; positive: boolean; required: boolean }> = [
  { name: 'floors', label: 'form.floors', integer: true, min: 1, max: 200, positive: false, required: true },
  { name: 'basement_floors', label: 'form.basements', integer: true, min: 0, max: 20, positive: false, required: false },
  { name: 'height_m', label: 'form.height', integer: false, min: 0, max: 1000, positive: true, required: true },
  { name: 'gfa_m2', label: 'form.gfa', integer: false, min: 0, max: 10_000_000, positive: true, required: true },
];

/** A number typed with a decimal comma (Vietnamese habit) or point; null when empty or not a number. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

export function createProposalFields(options: ProposalFieldsOptions): ProposalFields {
  const { i18n } = options;
  // Shown with the decimal comma in Vietnamese; parseNumber reads both.
  const numberText = (n: number) => (i18n.lang === 'vi' ? String(n).replace('.', ',') : String(n));
  let uses = options.uses;
  const initial = options.initial ?? {};
  const labels: Array<() => void> = [];

  function labelled(id: string, key: MessageKey, input: HTMLElement, path: string, extra?: HTMLElement): HTMLElement {
    const label = h('label', { for: id });
    labels.push(() => {
      label.textContent = i18n.t(key);
    });
    input.dataset.path = path;
    return h('div', { class: 'field' }, [label, input, extra]);
  }

  const applicant = h('input', { id: 'field-applicant', name: 'applicant', type: 'text', autocomplete: 'name', maxlength: 300, value: initial.applicant ?? '' });
  const use = h('select', { id: 'field-use', name: 'use' });
  const inputs = {} as Record<NumberField, HTMLInputElement>;
  for (const f of NUMBER_FIELDS) {
    const value = initial[f.name];
    // Text with inputmode rather than type=number: it accepts "12,5" and never changes a value on scroll.
    inputs[f.name] = h('input', {
      id: `field-${f.name}`,
      name: f.name,
      type: 'text',
      inputmode: f.integer ? 'numeric' : 'decimal',
      autocomplete: 'off',
      value: value === null || value === undefined ? '' : numberText(value),
    });
  }
  const compute = h('button', { type: 'button', class: 'link-button', 'data-testid': 'gfa-compute' });
  labels.push(() => {
    compute.textContent = i18n.t('form.gfaCompute');
  });
  compute.addEventListener('click', () => {
    const area = options.footprintArea();
    const floors = parseNumber(inputs.floors.value);
    if (area === null || floors === null) return;
    const basements = parseNumber(inputs.basement_floors.value) ?? 0;
    inputs.gfa_m2.value = numberText(Math.round(area * (floors + basements) * 10) / 10);
    options.onInput();
  });

  const grid = h('div', { class: 'field-grid' }, NUMBER_FIELDS.map((f) => labelled(`field-${f.name}`, f.label, inputs[f.name], `/${f.name}`, f.name === 'gfa_m2' ? compute : undefined)));
  options.container.append(
    ...(options.withApplicant ? [labelled('field-applicant', 'form.applicant', applicant, '/applicant')] : []),
    labelled('field-use', 'form.use', use, '/use'),
    grid,
  );

  function renderUses(): void {
    const selected = use.value || initial.use || '';
    replace(use, [
      h('option', { value: '' }, [i18n.t('form.usePlaceholder')]),
      ...uses.map((code) => h('option', { value: code.code }, [`${code.code} — ${i18n.pick(code.name_vi, code.name_en)}`])),
    ]);
    // Keep a stored use visible even if the list lacks it (an old code).
    if (selected && !uses.some((c) => c.code === selected)) use.append(h('option', { value: selected }, [selected]));
    use.value = selected;
  }

  function render(): void {
    for (const label of labels) label();
    renderUses();
  }

  for (const element of [applicant, use, ...Object.values(inputs)]) {
    element.addEventListener('input', () => options.onInput());
    element.addEventListener('change', () => options.onInput());
  }
  i18n.onChange(render);
  render();

  return {
    values() {
      return {
        applicant: applicant.value.trim(),
        use: use.value,
        floors: parseNumber(inputs.floors.value),
        basement_floors: parseNumber(inputs.basement_floors.value),
        height_m: parseNumber(inputs.height_m.value),
        gfa_m2: parseNumber(inputs.gfa_m2.value),
      };
    },
    set(next) {
      if (next.applicant !== undefined) applicant.value = next.applicant;
      if (next.use !== undefined) {
        initial.use = next.use;
        use.value = '';
        renderUses();
      }
      for (const f of NUMBER_FIELDS) {
        const value = next[f.name];
        if (value !== undefined) inputs[f.name].value = value === null ? '' : numberText(value);
      }
    },
    problems() {
      // Worded when shown, and again if the reader switches language.
      const out: Array<[string, Message]> = [];
      const required = (): string => i18n.t('form.required');
      if (options.withApplicant && !applicant.value.trim()) out.push(['/applicant', required]);
      if (!use.value) out.push(['/use', required]);
      for (const f of NUMBER_FIELDS) {
        const text = inputs[f.name].value.trim();
        const n = parseNumber(text);
        const path = `/${f.name}`;
        if (!text) {
          if (f.required) out.push([path, required]);
        } else if (n === null) out.push([path, () => i18n.t('form.number')]);
        else if (f.integer && !Number.isInteger(n)) out.push([path, () => i18n.t('form.integer')]);
        else if (n > f.max || n < f.min || (f.positive && n === f.min)) {
          out.push([path, () => i18n.t(f.positive ? 'form.rangePositive' : 'form.range', { min: i18n.number(f.min), max: i18n.number(f.max) })]);
        }
      }
      return out;
    },
    setUses(next) {
      uses = next;
      renderUses();
    },
    setDisabled(disabled) {
      for (const element of [applicant, use, ...Object.values(inputs), compute]) element.disabled = disabled;
    },
  };
}
