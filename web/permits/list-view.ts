// The list of permit applications: status filter, search by number, paging, status badges.
import type { PermitClient } from '../api/permit-client.ts';
import { PERMIT_STATUSES, type EffectiveStatus, type PermitSummary } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from '../ui/dom.ts';
import { statusBadge } from '../ui/status-badge.ts';
import type { PermitPageState } from './permit-state.ts';
import { paths } from './routes.ts';

export interface ListViewOptions {
  container: HTMLElement;
  i18n: I18n;
  permits: PermitClient;
  state: PermitPageState;
  canCreate: boolean;
  onError(error: unknown): void;
}

const PAGE_SIZE = 20;
const FILTER_STATUSES: EffectiveStatus[] = [...PERMIT_STATUSES, 'expired'];

export function parcelText(i18n: I18n, p: Pick<PermitSummary, 'parcel_id' | 'parcel'>): string {
  if (p.parcel) return i18n.t('parcel.label', { sheet: p.parcel.sheet_no, parcel: p.parcel.parcel_no });
  return p.parcel_id === null ? i18n.t('parcel.drawn') : `#${p.parcel_id}`;
}

export function createListView(options: ListViewOptions): void {
  const { i18n, state } = options;
  // The filter lives in the URL so a reload or a shared link shows the same list.
  const url = new URL(window.location.href);
  let status = (url.searchParams.get('status') ?? '') as EffectiveStatus | '';
  let number = url.searchParams.get('number') ?? '';
  let offset = Math.max(0, Number(url.searchParams.get('offset')) || 0);
  let items: PermitSummary[] = [];
  let total = 0;
  let loading = true;
  let controller: AbortController | undefined;

  const heading = h('h1', { class: 'page-title' });
  const newLink = options.canCreate ? h('a', { href: paths.create(), class: 'button primary', 'data-testid': 'new-permit' }) : null;
  const statusLabel = h('label', { for: 'filter-status' });
  const statusSelect = h('select', { id: 'filter-status', 'data-testid': 'filter-status' });
  const numberLabel = h('label', { for: 'filter-number' });
  const numberInput = h('input', { id: 'filter-number', type: 'search', value: number, autocomplete: 'off', 'data-testid': 'filter-number' });
  const searchButton = h('button', { type: 'submit', class: 'button' });
  const filters = h('form', { class: 'filters', role: 'search' }, [
    h('div', { class: 'field' }, [statusLabel, statusSelect]),
    h('div', { class: 'field grow' }, [numberLabel, numberInput]),
    searchButton,
  ]);
  const table = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager' });
  options.container.append(
    h('div', { class: 'page' }, [h('div', { class: 'page-head' }, [heading, newLink]), h('section', { class: 'card' }, [filters, table, pager])]),
  );

  function syncUrl(): void {
    const next = new URL(window.location.href);
    for (const [key, value] of [['status', status], ['number', number], ['offset', offset ? String(offset) : '']] as const) {
      if (value) next.searchParams.set(key, value);
      else next.searchParams.delete(key);
    }
    history.replaceState(null, '', next);
  }

  function load(): void {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading = true;
    state.ready = false;
    render();
    syncUrl();
    options.permits
      .list({ status: status || undefined, number: number.trim() || undefined, limit: PAGE_SIZE, offset }, current.signal)
      .then((page) => {
        items = page.items;
        total = page.numberMatched;
        state.list = { numberMatched: page.numberMatched, numberReturned: page.numberReturned, offset };
      })
      .catch((error: unknown) => {
        if (current.signal.aborted) return;
        items = [];
        total = 0;
        options.onError(error);
      })
      .finally(() => {
        if (current.signal.aborted) return;
        loading = false;
        state.ready = true;
        render();
      });
  }

  function row(p: PermitSummary): HTMLElement {
    const link = h('a', { href: paths.detail(p.id), class: 'permit-number' }, [p.number]);
    const figures = i18n.t('figures.short', { floors: p.floors, height: i18n.number(p.height_m, 1), gfa: i18n.number(p.gfa_m2, 0) });
    return h('tr', { 'data-permit-id': p.id }, [
      h('td', { 'data-label': i18n.t('col.number') }, [link]),
      h('td', { 'data-label': i18n.t('col.applicant') }, [p.applicant]),
      h('td', { 'data-label': i18n.t('col.parcel') }, [parcelText(i18n, p)]),
      h('td', { 'data-label': i18n.t('col.use') }, [p.use]),
      h('td', { 'data-label': i18n.t('col.figures'), class: 'nowrap-wide' }, [figures]),
      h('td', { 'data-label': i18n.t('col.status') }, [statusBadge(i18n, p.effective_status)]),
      h('td', { 'data-label': i18n.t('col.updated') }, [i18n.date(p.updated_at)]),
    ]);
  }

  function pageButton(label: MessageKey, target: number, disabled: boolean): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'button', disabled }, [i18n.t(label)]);
    button.addEventListener('click', () => {
      offset = target;
      load();
    });
    return button;
  }

  function render(): void {
    heading.textContent = i18n.t('list.title');
    if (newLink) newLink.textContent = `+ ${i18n.t('nav.new')}`;
    statusLabel.textContent = i18n.t('list.status');
    numberLabel.textContent = i18n.t('list.number');
    numberInput.placeholder = i18n.t('list.numberPlaceholder');
    searchButton.textContent = i18n.t('list.search');
    replace(statusSelect, [
      h('option', { value: '' }, [i18n.t('list.allStatuses')]),
      ...FILTER_STATUSES.map((s) => h('option', { value: s }, [i18n.t(`status.${s}` as MessageKey)])),
    ]);
    statusSelect.value = status;
    const columns: MessageKey[] = ['col.number', 'col.applicant', 'col.parcel', 'col.use', 'col.figures', 'col.status', 'col.updated'];
    table.setAttribute('aria-busy', String(loading));
    if (!loading && items.length === 0) {
      replace(table, [h('p', { class: 'empty' }, [i18n.t('list.empty')])]);
    } else {
      replace(table, [
        h('table', { class: 'permit-table', 'data-testid': 'permit-table' }, [
          h('thead', {}, [h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, [i18n.t(c)])))]),
          h('tbody', {}, items.map(row)),
        ]),
      ]);
    }
    const from = total === 0 ? 0 : offset + 1;
    const to = Math.min(offset + items.length, total);
    pager.setAttribute('aria-label', i18n.t('list.paging'));
    replace(pager, [
      pageButton('list.prev', Math.max(0, offset - PAGE_SIZE), loading || offset === 0),
      h('span', { class: 'pager-range', role: 'status' }, [loading ? i18n.t('common.loading') : i18n.t('list.range', { from, to, total })]),
      pageButton('list.next', offset + PAGE_SIZE, loading || offset + PAGE_SIZE >= total),
    ]);
  }

  statusSelect.addEventListener('change', () => {
    status = statusSelect.value as EffectiveStatus | '';
    offset = 0;
    load();
  });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    number = numberInput.value;
    offset = 0;
    load();
  });

  i18n.onChange(render);
  load();
}
