// The map's detail panel holding what a page renders into it (the rule card): a side panel, or a bottom sheet that folds to a peek on phones.
import type { I18n } from '../i18n/i18n.ts';
import { h, replace } from './dom.ts';

export interface FeaturePanelOptions {
  container: HTMLElement;
  i18n: I18n;
  /** Called after the panel closed (by button, Esc or code), e.g. to clear the map highlight. */
  onClose(): void;
  /** Where focus goes back to when the panel closes. */
  returnFocus(): HTMLElement | null;
  /** Whether Esc may close the panel now (not while Esc means "stop drawing"). */
  escapeCloses?(): boolean;
}

/** Content a page renders itself (e.g. the rule card); called again on language change. */
export type PanelView = () => { title: string; nodes: Node[]; busy?: boolean };

export interface FeaturePanel {
  readonly element: HTMLElement;
  /** Shows page-rendered content; `keepScroll` leaves the scroll position (a refresh of the same subject). */
  showView(view: PanelView, options?: { keepScroll?: boolean; focus?: boolean }): void;
  /** Re-renders the current view (its data changed). */
  refresh(): void;
  /** Phones: folds the sheet to its header and first lines (true) or unfolds it. */
  setPeek(peek: boolean): void;
  close(): void;
  readonly isOpen: boolean;
}

export function createFeaturePanel(options: FeaturePanelOptions): FeaturePanel {
  const { i18n } = options;
  let view: PanelView | undefined;
  let peek = false;

  const title = h('h2', { class: 'panel-title', id: 'panel-title' });
  const closeButton = h('button', { type: 'button', class: 'panel-close', 'data-testid': 'panel-close' }, [
    h('span', { 'aria-hidden': 'true' }, ['×']),
  ]);
  const body = h('div', { class: 'panel-body' });
  // On phones the grip folds and unfolds the sheet (a button, so it is reachable without a swipe).
  const grip = h('button', { type: 'button', class: 'panel-grip', 'data-testid': 'panel-grip', 'aria-expanded': 'true' }, [h('span', { class: 'panel-grip-bar', 'aria-hidden': 'true' })]);
  grip.addEventListener('click', () => setPeek(!peek));

  function setPeek(next: boolean): void {
    peek = next;
    panel.classList.toggle('is-peek', peek);
    grip.setAttribute('aria-expanded', String(!peek));
    grip.setAttribute('aria-label', i18n.t(peek ? 'panel.expand' : 'panel.collapse'));
  }
  const panel = h(
    'aside',
    { class: 'feature-panel', 'aria-labelledby': 'panel-title', tabindex: '-1', 'data-testid': 'feature-panel', hidden: true },
    [grip, h('div', { class: 'panel-header' }, [title, closeButton]), body],
  );
  options.container.append(panel);

  closeButton.addEventListener('click', () => close());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden && options.escapeCloses?.() !== false) {
      close();
      event.preventDefault();
    }
  });

  function render(): void {
    closeButton.setAttribute('aria-label', i18n.t('panel.close'));
    closeButton.title = i18n.t('panel.close');
    grip.setAttribute('aria-label', i18n.t(peek ? 'panel.expand' : 'panel.collapse'));
    if (view) {
      const v = view();
      title.textContent = v.title;
      panel.setAttribute('aria-busy', String(v.busy === true));
      replace(body, v.nodes);
    }
  }

  function close(): void {
    if (panel.hidden) return;
    panel.hidden = true;
    view = undefined;
    setPeek(false);
    options.onClose();
    options.returnFocus()?.focus({ preventScroll: true });
  }

  i18n.onChange(render);
  render();

  return {
    element: panel,
    showView(next, opts = {}) {
      view = next;
      const scroll = body.scrollTop;
      const wasHidden = panel.hidden;
      render();
      panel.hidden = false;
      body.scrollTop = opts.keepScroll ? scroll : 0;
      if (wasHidden || opts.focus) panel.focus({ preventScroll: true });
    },
    refresh() {
      if (!panel.hidden && view) {
        const scroll = body.scrollTop;
        render();
        body.scrollTop = scroll;
      }
    },
    setPeek,
    close,
    get isOpen() {
      return !panel.hidden;
    },
  };
}
