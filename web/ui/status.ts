// Transient messages over the map: loading state, "zoom in to see all" hints and dismissable notices.
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from './dom.ts';

export interface Truncation {
  numberMatched: number | undefined;
  numberReturned: number;
}

export interface StatusOptions {
  container: HTMLElement;
  i18n: I18n;
}

export interface Status {
  setBusy(source: string, busy: boolean): void;
  setTruncation(what: 'zones' | 'constraints', info: Truncation | undefined): void;
  /** Shows a notice until dismissed; the text is rebuilt on language change. */
  notify(id: string, message: () => string, kind?: 'info' | 'error'): void;
  dismiss(id: string): void;
}

export function createStatus(options: StatusOptions): Status {
  const { i18n } = options;
  const busySources = new Set<string>();
  const truncations = new Map<'zones' | 'constraints', Truncation>();
  const notices = new Map<string, { message: () => string; kind: 'info' | 'error' }>();

  const loading = h('div', { class: 'status-loading', role: 'status', hidden: true });
  const hint = h('div', { class: 'status-hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'zoom-hint', hidden: true });
  const noticeList = h('div', { class: 'status-notices', 'aria-live': 'assertive' });
  options.container.append(loading, noticeList, hint);

  function render(): void {
    loading.hidden = busySources.size === 0;
    loading.textContent = i18n.t('status.loading');

    const hints: string[] = [];
    for (const [what, info] of truncations) {
      if (info.numberMatched !== undefined && info.numberMatched > info.numberReturned) {
        const key: MessageKey = what === 'zones' ? 'hint.zones' : 'hint.constraints';
        hints.push(i18n.t(key, { shown: i18n.number(info.numberReturned, 0), total: i18n.number(info.numberMatched, 0) }));
      }
    }
    hint.hidden = hints.length === 0;
    replace(hint, hints.map((text) => h('p', {}, [text])));

    replace(
      noticeList,
      [...notices].map(([id, notice]) => {
        const dismiss = h('button', { type: 'button', class: 'notice-dismiss', 'aria-label': i18n.t('notice.dismiss'), title: i18n.t('notice.dismiss') }, [
          h('span', { 'aria-hidden': 'true' }, ['×']),
        ]);
        dismiss.addEventListener('click', () => {
          notices.delete(id);
          render();
        });
        return h('div', { class: `notice notice-${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status', 'data-notice': id }, [
          h('p', {}, [notice.message()]),
          dismiss,
        ]);
      }),
    );
  }

  i18n.onChange(render);
  render();

  return {
    setBusy(source, busy) {
      if (busy) busySources.add(source);
      else busySources.delete(source);
      render();
    },
    setTruncation(what, info) {
      if (info) truncations.set(what, info);
      else truncations.delete(what);
      render();
    },
    notify(id, message, kind = 'info') {
      notices.set(id, { message, kind });
      render();
    },
    dismiss(id) {
      if (notices.delete(id)) render();
    },
  };
}
