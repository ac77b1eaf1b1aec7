// The "plan as of" date picker: empty means today; a change reloads the layers and the open card for that day.
import type { I18n } from '../i18n/i18n.ts';
import { h } from '../ui/dom.ts';

export interface AsOfPickerOptions {
  container: HTMLElement;
  i18n: I18n;
  initial: string | null;
  onChange(date: string | null): void;
}

export interface AsOfPicker {
  element: HTMLElement;
  /** YYYY-MM-DD, or null for today. */
  readonly date: string | null;
  set(date: string | null): void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Việt Nam (the day the API's default `date` means), YYYY-MM-DD. */
export function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function createAsOfPicker(options: AsOfPickerOptions): AsOfPicker {
  const { i18n } = options;
  let date: string | null = options.initial && DATE.test(options.initial) ? options.initial : null;

  const input = h('input', { type: 'date', class: 'as-of-input', id: 'as-of-input', min: '1900-01-01', max: '2200-12-31', 'data-testid': 'as-of' });
  const label = h('label', { class: 'as-of-label', for: 'as-of-input' });
  const today = h('button', { type: 'button', class: 'as-of-today', 'data-testid': 'as-of-today' });
  const element = h('div', { class: 'as-of' }, [label, input, today]);
  options.container.append(element);

  function render(): void {
    label.textContent = i18n.t('asOf.label');
    today.textContent = i18n.t('asOf.today');
    element.title = i18n.t('asOf.hint');
    input.value = date ?? todayInVietnam();
    today.hidden = date === null;
    element.classList.toggle('is-dated', date !== null);
  }

  function set(next: string | null, notify: boolean): void {
    // Today written out is the same plan as no date: keep URLs and requests short.
    const normal = next && DATE.test(next) && next !== todayInVietnam() ? next : null;
    if (normal === date) {
      render();
      return;
    }
    date = normal;
    render();
    if (notify) options.onChange(date);
  }

  input.addEventListener('change', () => {
    // An emptied or half-typed field keeps the last valid day.
    if (DATE.test(input.value)) set(input.value, true);
    else render();
  });
  today.addEventListener('click', () => set(null, true));

  i18n.onChange(render);
  render();
  return {
    element,
    get date() {
      return date;
    },
    set: (next) => set(next, false),
  };
}
