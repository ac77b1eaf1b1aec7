// The search box over the map: parcels by sheet/parcel number, addresses, wards and coordinates, with a results list for keyboard and touch.
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from '../ui/dom.ts';
import type { LookupApi, SearchItem } from './lookup-api.ts';

export interface SearchBoxOptions {
  container: HTMLElement;
  i18n: I18n;
  api: LookupApi;
  /** A result was chosen (click, tap or Enter). */
  onPick(item: SearchItem): void;
  errorText(error: unknown): string;
}

export interface SearchBox {
  element: HTMLElement;
  /** Closes the results list (e.g. when the map is tapped). */
  closeResults(): void;
}

/** Pause after typing before asking the server: one request per word, not per key. */
const TYPE_DELAY_MS = 300;
/** Shortest query worth sending (a sheet number alone is too vague). */
const MIN_QUERY = 2;

export function createSearchBox(options: SearchBoxOptions): SearchBox {
  const { i18n } = options;
  let items: SearchItem[] = [];
  let active = -1;
  // A failed search keeps its error, worded at each render in the reader's language.
  let message: { key: MessageKey; params: Record<string, string>; failure?: unknown } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let lastQuery = '';

  const input = h('input', {
    type: 'search',
    class: 'search-input',
    id: 'search-input',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
    autocomplete: 'off',
    enterkeyhint: 'search',
    'data-testid': 'search-input',
  });
  const label = h('label', { class: 'visually-hidden', for: 'search-input' });
  const submit = h('button', { type: 'submit', class: 'search-submit', 'data-testid': 'search-submit' }, [h('span', { 'aria-hidden': 'true' }, ['⌕'])]);
  const list = h('ul', { class: 'search-results', id: 'search-results', role: 'listbox', hidden: true, 'data-testid': 'search-results' });
  const note = h('p', { class: 'search-note', role: 'status', hidden: true });
  const form = h('form', { class: 'search-box', role: 'search', 'data-testid': 'search' }, [label, h('div', { class: 'search-row' }, [input, submit]), list, note]);
  options.container.append(form);

  function itemLabel(item: SearchItem): string {
    return i18n.pick(item.label, item.label_en);
  }

  function render(): void {
    label.textContent = i18n.t('search.label');
    input.placeholder = i18n.t('search.placeholder');
    submit.setAttribute('aria-label', i18n.t('search.submit'));
    submit.title = i18n.t('search.submit');
    list.setAttribute('aria-label', i18n.t('search.results'));
    replace(
      list,
      items.map((item, i) => {
        const li = h('li', { id: `search-result-${i}`, class: 'search-result', role: 'option', 'aria-selected': String(i === active), 'data-kind': item.kind, 'data-parcel-id': item.parcel_id }, [
          h('span', { class: 'search-result-kind' }, [i18n.t(`search.kind.${item.kind}` as MessageKey)]),
          h('span', { class: 'search-result-label' }, [itemLabel(item)]),
        ]);
        // pointerdown, not click: the input's blur would otherwise close the list before the click lands.
        li.addEventListener('pointerdown', (event) => {
          event.preventDefault();
          pick(i);
        });
        return li;
      }),
    );
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-result-${active}`);
    else input.removeAttribute('aria-activedescendant');
    note.hidden = message === null;
    note.textContent = message ? i18n.t(message.key, 'failure' in message ? { ...message.params, detail: options.errorText(message.failure) } : message.params) : '';
  }

  function closeResults(): void {
    items = [];
    active = -1;
    message = null;
    render();
  }

  function pick(i: number): void {
    const item = items[i];
    if (!item) return;
    input.value = itemLabel(item);
    lastQuery = input.value.trim();
    closeResults();
    options.onPick(item);
  }

  async function run(query: string, pickFirst: boolean): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    try {
      const result = await options.api.search(query, current.signal);
      if (current.signal.aborted) return;
      items = result.items;
      active = items.length > 0 ? 0 : -1;
      message = items.length === 0 ? { key: 'search.none', params: { q: query } } : null;
      render();
      // Enter on a query that finds one place goes straight there.
      if (pickFirst && items.length === 1) pick(0);
    } catch (error) {
      if (current.signal.aborted) return;
      items = [];
      active = -1;
      message = { key: 'search.error', params: {}, failure: error };
      render();
    }
  }

  input.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_QUERY) {
      controller?.abort();
      closeResults();
      return;
    }
    timer = setTimeout(() => {
      lastQuery = query;
      void run(query, false);
    }, TYPE_DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (items.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      render();
      document.getElementById(`search-result-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Escape' && (items.length > 0 || message)) {
      event.preventDefault();
      event.stopPropagation();
      closeResults();
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (timer !== undefined) clearTimeout(timer);
    if (items.length > 0 && active >= 0 && query === lastQuery) {
      pick(active);
      return;
    }
    if (query.length === 0) return;
    lastQuery = query;
    void run(query, true);
  });

  input.addEventListener('blur', () => {
    // Leave the list up while focus moves within the form (e.g. to the submit button).
    setTimeout(() => {
      if (!form.contains(document.activeElement)) {
        items = [];
        active = -1;
        render();
      }
    }, 150);
  });

  i18n.onChange(render);
  render();
  return { element: form, closeResults };
}
