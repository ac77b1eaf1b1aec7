// The floating card holding the layer switcher and legend; folded behind a button on narrow screens.
import type { I18n } from '../i18n/i18n.ts';
import { h } from './dom.ts';

export interface ControlsCardOptions {
  container: HTMLElement;
  i18n: I18n;
  /** Start folded (phones), so the map is visible first. */
  collapsed: boolean;
}

export interface ControlsCard {
  body: HTMLElement;
  setCollapsed(collapsed: boolean): void;
}

export function createControlsCard(options: ControlsCardOptions): ControlsCard {
  const { i18n } = options;
  const label = h('span');
  const toggle = h('button', { type: 'button', class: 'controls-toggle', 'aria-controls': 'controls-body' }, [
    h('span', { class: 'controls-toggle-icon', 'aria-hidden': 'true' }, ['☰']),
    label,
  ]);
  const body = h('div', { class: 'controls-body', id: 'controls-body' });
  const root = h('div', { class: 'controls', 'data-testid': 'controls' }, [toggle, body]);
  options.container.append(root);

  function setCollapsed(collapsed: boolean): void {
    body.hidden = collapsed;
    toggle.setAttribute('aria-expanded', String(!collapsed));
    root.classList.toggle('is-collapsed', collapsed);
  }
  toggle.addEventListener('click', () => setCollapsed(!body.hidden));
  // Esc inside the card folds it and gives focus back to its button.
  body.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      setCollapsed(true);
      toggle.focus();
      event.stopPropagation();
    }
  });

  function render(): void {
    label.textContent = i18n.t('controls.toggle');
  }
  i18n.onChange(render);
  render();
  setCollapsed(options.collapsed);
  return { body, setCollapsed };
}
