// The map's detail panel: what was clicked (or a rule card); a side panel, or a bottom sheet that folds to a peek on phones.
import type { ConstraintProperties, Plan, ZoneProperties } from '../api/types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h, replace } from './dom.ts';

export interface PanelContent {
  zones: Array<{ id: string | number | undefined; properties: ZoneProperties }>;
  constraints: Array<{ id: string | number | undefined; properties: ConstraintProperties }>;
  /** Name of the ward at the clicked point, when known. */
  ward?: string;
}

export interface FeaturePanelOptions {
  container: HTMLElement;
  i18n: I18n;
  palette(): LandUsePalette | undefined;
  plans(): Plan[];
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
  show(content: PanelContent): void;
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
  let content: PanelContent | undefined;
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

  function notRegulated(): HTMLElement {
    return h('span', { class: 'not-regulated' }, [i18n.t('value.notRegulated')]);
  }

  function measure(value: number | null, unit: MessageKey, digits = 2): Node {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return notRegulated();
    return document.createTextNode(i18n.t(unit, { value: i18n.number(Number(value), digits) }));
  }

  function row(label: MessageKey, value: Node | string, field?: string): HTMLElement[] {
    return [h('dt', {}, [i18n.t(label)]), h('dd', { 'data-field': field }, [value])];
  }

  function planText(planId: number): string | undefined {
    const plan = options.plans().find((p) => p.id === planId);
    if (!plan) return undefined;
    const decision = [plan.decision_no, plan.decision_date].filter(Boolean).join(', ');
    return decision ? `${plan.name} (${decision})` : plan.name;
  }

  function usesList(uses: string[] | null): Node {
    if (!uses || uses.length === 0) return notRegulated();
    const palette = options.palette();
    return h(
      'ul',
      { class: 'uses' },
      uses.map((use) => {
        // Permitted uses are land-law codes (ODT, TMD …); other schemes only as a fallback.
        const entry = palette?.entryIn('land_law', use) ?? palette?.entryOf(use);
        return h('li', {}, [entry ? `${i18n.pick(entry.name_vi, entry.name_en)} (${use})` : use]);
      }),
    );
  }

  function zoneSection(p: ZoneProperties): HTMLElement {
    const palette = options.palette();
    const entry = palette?.entryOf(p.land_use_code);
    const landUse = entry ? `${i18n.pick(entry.name_vi, entry.name_en)} (${p.land_use_code})` : p.land_use_code;
    const plan = planText(p.plan_id);
    return h('section', { class: 'panel-section zone', 'data-lot-code': p.lot_code }, [
      h('p', { class: 'section-kind' }, [i18n.t('panel.zone')]),
      h('h3', { class: 'lot-code' }, [
        h('span', { class: 'lot-swatch', style: `background:${palette?.colourOf(p.land_use_code) ?? 'transparent'}`, 'aria-hidden': 'true' }),
        p.lot_code,
      ]),
      h('p', { class: 'land-use' }, [landUse]),
      p.name ? h('p', { class: 'zone-name' }, [p.name]) : null,
      h('dl', { class: 'indicators' }, [
        ...row('field.coverage', measure(p.max_coverage_pct, 'unit.percent', 1), 'max_coverage_pct'),
        ...row('field.far', measure(p.max_far, 'unit.times', 2), 'max_far'),
        ...row('field.floors', measure(p.max_floors, 'unit.floors', 0), 'max_floors'),
        ...row('field.height', measure(p.max_height_m, 'unit.metres', 1), 'max_height_m'),
        ...row('field.setback', measure(p.min_setback_m, 'unit.metres', 1), 'min_setback_m'),
        ...row('field.uses', usesList(p.permitted_uses), 'permitted_uses'),
        ...row('field.citation', p.citation || i18n.t('value.none'), 'citation'),
        ...(plan ? row('field.plan', plan, 'plan') : []),
        ...row('field.version', p.version === null || p.version === undefined ? i18n.t('value.none') : String(p.version), 'version'),
      ]),
    ]);
  }

  function ruleText(p: ConstraintProperties): string {
    const value = p.value === null || p.value === undefined ? '?' : i18n.number(Number(p.value), 1);
    if (p.rule === 'no_build' || p.rule === 'setback_m' || p.rule === 'max_height_m') {
      return i18n.t(`rule.${p.rule}`, { value });
    }
    return p.value === null || p.value === undefined ? p.rule : `${p.rule}: ${value}`;
  }

  function constraintSection(p: ConstraintProperties): HTMLElement {
    const known = ['red_line', 'river_corridor', 'heritage', 'flood', 'height_limit'].includes(p.kind);
    return h('section', { class: 'panel-section constraint', 'data-kind': p.kind }, [
      h('p', { class: 'section-kind' }, [i18n.t('panel.constraint')]),
      h('h3', { class: 'constraint-kind' }, [known ? i18n.t(`kind.${p.kind}` as MessageKey) : p.kind]),
      p.name ? h('p', { class: 'zone-name' }, [p.name]) : null,
      h('dl', { class: 'indicators' }, [
        ...row('field.rule', ruleText(p), 'rule'),
        ...(p.tolerance_m !== null && p.tolerance_m !== undefined
          ? row('field.tolerance', measure(p.tolerance_m, 'unit.metres', 2), 'tolerance_m')
          : []),
        ...row('field.citation', p.citation || i18n.t('value.none'), 'citation'),
        ...(planText(p.plan_id) ? row('field.plan', planText(p.plan_id)!, 'plan') : []),
        ...row('field.version', p.version === null || p.version === undefined ? i18n.t('value.none') : String(p.version), 'version'),
      ]),
    ]);
  }

  function render(): void {
    closeButton.setAttribute('aria-label', i18n.t('panel.close'));
    closeButton.title = i18n.t('panel.close');
    grip.setAttribute('aria-label', i18n.t(peek ? 'panel.expand' : 'panel.collapse'));
    if (view) {
      const v = view();
      title.textContent = v.title;
      panel.setAttribute('aria-busy', String(v.busy === true));
      replace(body, v.nodes);
      return;
    }
    if (!content) return;
    title.textContent = content.ward ?? i18n.t('panel.title');
    const sections = [
      ...content.zones.map((zone) => zoneSection(zone.properties)),
      ...content.constraints.map((constraint) => constraintSection(constraint.properties)),
    ];
    replace(body, sections.length > 0 ? sections : [h('p', { class: 'panel-empty' }, [i18n.t('panel.nothing')])]);
  }

  function close(): void {
    if (panel.hidden) return;
    panel.hidden = true;
    content = undefined;
    view = undefined;
    setPeek(false);
    options.onClose();
    options.returnFocus()?.focus({ preventScroll: true });
  }

  i18n.onChange(render);
  render();

  return {
    element: panel,
    show(next) {
      content = next;
      view = undefined;
      render();
      panel.hidden = false;
      body.scrollTop = 0;
      // Focus moves into the panel so screen readers announce it and Esc/Tab work from there.
      panel.focus({ preventScroll: true });
    },
    showView(next, opts = {}) {
      view = next;
      content = undefined;
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
