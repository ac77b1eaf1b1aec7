// The page's error bar: the last failure in words, with a close button; signed-in pages share it.
import type { I18n } from '../i18n/i18n.ts';
import { h, replace } from './dom.ts';
import { errorText } from './error-text.ts';

export interface ErrorBar {
  element: HTMLElement;
  /** Shows a failure, or hides the bar for null; returns the text shown. */
  show(error: unknown): string | null;
  /** Draws again in the current language. */
  render(): void;
}

export function createErrorBar(i18n: I18n): ErrorBar {
  const element = h('div', { class: 'error-bar', role: 'alert', hidden: true, 'data-testid': 'page-error' });
  let last: unknown = null;
  const text = (error: unknown) => errorText(i18n, error, { 403: () => i18n.t('error.forbidden') });
  function render(): void {
    element.hidden = last === null;
    if (last === null) return;
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': i18n.t('common.close'), title: i18n.t('common.close') }, ['×']);
    close.addEventListener('click', () => show(null));
    replace(element, [h('p', {}, [i18n.t('error.generic', { detail: text(last) })]), close]);
  }
  function show(error: unknown): string | null {
    last = error;
    render();
    return error === null ? null : text(error);
  }
  return { element, show, render };
}
