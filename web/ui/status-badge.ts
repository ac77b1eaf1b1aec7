// A permit's status as a coloured badge (the derived "expired" included).
import type { EffectiveStatus } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h } from './dom.ts';

export function statusBadge(i18n: I18n, status: EffectiveStatus): HTMLElement {
  return h('span', { class: `badge badge-${status}`, 'data-status': status }, [i18n.t(`status.${status}` as MessageKey)]);
}
