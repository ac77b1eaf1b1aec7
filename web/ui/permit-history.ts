// The events of a permit (submitted, review started, decided …) with who, when and why.
import type { PermitEventRecord } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from './dom.ts';

export interface PermitHistoryOptions {
  container: HTMLElement;
  i18n: I18n;
}

export interface PermitHistory {
  setEvents(events: PermitEventRecord[]): void;
}

export function createPermitHistory(options: PermitHistoryOptions): PermitHistory {
  const { i18n } = options;
  let events: PermitEventRecord[] = [];
  const heading = h('h2', { class: 'card-title' });
  const list = h('ol', { class: 'history' });
  options.container.append(h('section', { class: 'card', 'data-testid': 'history' }, [heading, list]));

  function render(): void {
    heading.textContent = i18n.t('history.title');
    if (events.length === 0) {
      replace(list, [h('li', { class: 'muted' }, [i18n.t('history.empty')])]);
      return;
    }
    // Newest first: the latest decision is what a reader looks for.
    const sorted = [...events].sort((a, b) => (a.at < b.at ? 1 : -1));
    replace(
      list,
      sorted.map((e) =>
        h('li', { class: 'history-item', 'data-event': e.event }, [
          h('p', { class: 'history-head' }, [
            h('strong', {}, [i18n.t(`event.${e.event}` as MessageKey)]),
            ' · ',
            i18n.t('history.change', { from: i18n.t(`status.${e.from_status}` as MessageKey), to: i18n.t(`status.${e.to_status}` as MessageKey) }),
          ]),
          h('p', { class: 'history-meta' }, [i18n.date(e.at), e.user_email ? ` · ${e.user_email}` : '']),
          e.reason ? h('p', { class: 'history-reason' }, [e.reason]) : null,
        ]),
      ),
    );
  }

  i18n.onChange(render);
  render();
  return {
    setEvents(next) {
      events = next;
      render();
    },
  };
}
