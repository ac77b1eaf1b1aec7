// Results of the zoning edit checks as a list of messages in the page language; a message with a place zooms the map to it.
import type { Geometry } from 'geojson';
import type { EditCheckResult } from '../../api/checks/zoning/edit-check.types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from '../ui/dom.ts';
import type { CheckSummary } from './plan-state.ts';

export interface CheckResultsOptions {
  container: HTMLElement;
  i18n: I18n;
  title: MessageKey;
  testId: string;
  /** The user clicked message `index` (null: cleared the highlight). */
  onFocus?(index: number | null): void;
}

export type CheckListState = { kind: 'waiting' } | { kind: 'running' } | { kind: 'error'; message: string } | { kind: 'done'; results: EditCheckResult[] };

export interface CheckResults {
  element: HTMLElement;
  set(state: CheckListState): void;
  setFocused(index: number | null): void;
}

export const isBlocking = (results: readonly EditCheckResult[]) => results.some((r) => r.severity === 'error');

export function summariseChecks(results: readonly EditCheckResult[]): CheckSummary[] {
  return results.map((r) => ({ id: r.id, severity: r.severity, code: r.code, area_m2: r.area_m2 }));
}

/** Every place a result points at (its evidence), for the map. */
export function evidenceOf(results: readonly EditCheckResult[]): Array<{ geometry: Geometry; index: number }> {
  const out: Array<{ geometry: Geometry; index: number }> = [];
  results.forEach((result, index) => {
    if (result.evidence) out.push({ geometry: result.evidence, index });
  });
  return out;
}

/** A result's message in the page language (it names the area and width itself). */
export function checkMessage(i18n: I18n, result: EditCheckResult): string {
  return i18n.pick(result.message_vi, result.message);
}

export function createCheckResults(options: CheckResultsOptions): CheckResults {
  const { i18n } = options;
  let state: CheckListState = { kind: 'waiting' };
  let focused: number | null = null;
  const heading = h('h3', { class: 'card-title' });
  const summary = h('p', { class: 'check-summary', 'aria-live': 'polite' });
  const list = h('ul', { class: 'edit-checks' });
  const element = h('section', { class: 'edit-check-results', 'data-testid': options.testId }, [heading, summary, list]);
  options.container.append(element);

  function item(result: EditCheckResult, index: number): HTMLElement {
    const name = i18n.t(`plan.check.${result.id}` as MessageKey);
    const severity = i18n.t(result.severity === 'error' ? 'plan.check.error' : 'plan.check.warning');
    const content = [
      h('span', { class: 'check-icon', 'aria-hidden': 'true' }, [result.severity === 'error' ? '✕' : '!']),
      h('span', { class: 'edit-check-text' }, [h('strong', {}, [`${name} — ${severity}`]), ' ', checkMessage(i18n, result)]),
    ];
    const attrs = { 'data-check-id': result.id, 'data-severity': result.severity, 'data-index': index };
    if (!result.evidence || !options.onFocus) return h('li', { class: `edit-check edit-check-${result.severity}`, ...attrs }, [h('div', { class: 'edit-check-head' }, content)]);
    const button = h('button', { type: 'button', class: 'edit-check-head', 'aria-pressed': String(focused === index), title: i18n.t('plan.check.locate') }, content);
    button.addEventListener('click', () => {
      focused = focused === index ? null : index;
      render();
      options.onFocus?.(focused);
    });
    return h('li', { class: `edit-check edit-check-${result.severity}${focused === index ? ' is-selected' : ''}`, ...attrs }, [button]);
  }

  function render(): void {
    heading.textContent = i18n.t(options.title);
    element.dataset.state = state.kind;
    switch (state.kind) {
      case 'waiting':
        summary.textContent = i18n.t('plan.check.waiting');
        summary.className = 'check-summary';
        replace(list, []);
        return;
      case 'running':
        summary.textContent = i18n.t('plan.check.running');
        summary.className = 'check-summary';
        return;
      case 'error':
        summary.textContent = i18n.t('plan.check.failed', { detail: state.message });
        summary.className = 'check-summary is-error';
        replace(list, []);
        return;
      case 'done': {
        const errors = state.results.filter((r) => r.severity === 'error').length;
        const warnings = state.results.length - errors;
        summary.textContent =
          state.results.length === 0 ? i18n.t('plan.check.allPass') : i18n.t('plan.check.counts', { errors, warnings });
        summary.className = `check-summary ${errors > 0 ? 'is-error' : warnings > 0 ? 'is-warning' : 'is-ok'}`;
        element.dataset.blocking = String(errors > 0);
        replace(list, state.results.map(item));
      }
    }
  }

  i18n.onChange(render);
  render();
  return {
    element,
    set(next) {
      state = next;
      if (next.kind === 'done' && focused !== null && focused >= next.results.length) focused = null;
      render();
    },
    setFocused(index) {
      focused = index;
      render();
    },
  };
}
