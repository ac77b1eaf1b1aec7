// A compliance report as a list of checks: status, measured against limit, message, citation; checks with evidence can be shown on the map.
import type { CheckId, CheckResult, CheckStatus, ComplianceReport, ComplianceStatus } from '../../api/checks/index.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { evidenceGeometries } from '../layers/evidence-layer.ts';
import { h, replace } from './dom.ts';

export interface ComplianceReportOptions {
  container: HTMLElement;
  i18n: I18n;
  title: MessageKey;
  testId: string;
  /** Called when the user asks to see a check on the map (null: clear). */
  onSelect(checkId: CheckId | null): void;
}

/** What the panel shows instead of a report while there is none. */
export type ReportPlaceholder = { kind: 'waiting' } | { kind: 'loading'; key?: MessageKey } | { kind: 'error'; message: string };

export interface ReportView {
  element: HTMLElement;
  setReport(report: ComplianceReport, extra?: { pending?: CheckId[]; note?: string }): void;
  setPlaceholder(placeholder: ReportPlaceholder): void;
  setSelected(checkId: CheckId | null): void;
  /** The status the panel shows: the report's, or "pending" when only missing figures fail. */
  readonly shownStatus: ComplianceStatus | 'pending' | null;
}

/** A measured or limit value with the unit of its check, in the page language. */
export function formatCheckValue(i18n: I18n, v: number | null, unit: string | null): string {
  if (v === null || v === undefined) return i18n.t('value.none');
  switch (unit) {
    case '%':
      return i18n.t('unit.percent', { value: i18n.number(v, 1) });
    case 'ratio':
      return i18n.t('unit.times', { value: i18n.number(v, 2) });
    case 'floors':
      return i18n.t('unit.floors', { value: i18n.number(v, 0) });
    case 'm':
      return i18n.t('unit.metres', { value: i18n.number(v, 2) });
    case 'm²':
      return i18n.t('unit.m2', { value: i18n.number(v, 1) });
    default:
      return i18n.number(v, 2);
  }
}

/** Whether measured/limit say anything: counts of issues or breaches only when there are some. */
export function hasValues(check: CheckResult): boolean {
  const countOnly = check.unit === 'issues' || check.unit === 'breaches';
  return check.status !== 'not_applicable' && !(countOnly && check.status === 'pass') && (check.measured !== null || check.limit !== null);
}

const ICONS: Record<CheckStatus | 'pending', string> = { pass: '✓', fail: '✕', warn: '!', not_applicable: '–', pending: '…' };

export function createComplianceReport(options: ComplianceReportOptions): ReportView {
  const { i18n } = options;
  let report: ComplianceReport | null = null;
  let pending = new Set<CheckId>();
  let note: string | undefined;
  let placeholder: ReportPlaceholder | null = { kind: 'waiting' };
  let selected: CheckId | null = null;
  let shownStatus: ComplianceStatus | 'pending' | null = null;

  const heading = h('h2', { class: 'card-title' });
  const body = h('div', { class: 'report-body' });
  const element = h('section', { class: 'report card', 'data-testid': options.testId }, [heading, body]);
  options.container.append(element);

  const value = (v: number | null, unit: string | null) => formatCheckValue(i18n, v, unit);

  function checkItem(check: CheckResult): HTMLElement {
    const status: CheckStatus | 'pending' = pending.has(check.id) ? 'pending' : check.status;
    const locatable = status !== 'pending' && evidenceGeometries(check).length > 0;
    const isSelected = selected === check.id;
    const name = i18n.t(`checkName.${check.id}` as MessageKey);
    const result = i18n.t(`result.${status}` as MessageKey);
    const headContent = [
      h('span', { class: 'check-icon', 'aria-hidden': 'true' }, [ICONS[status]]),
      h('span', { class: 'check-name' }, [name]),
      h('span', { class: 'check-result' }, [result]),
    ];
    let head: HTMLElement;
    if (locatable) {
      head = h('button', { type: 'button', class: 'check-head', 'aria-pressed': String(isSelected), title: i18n.t(isSelected ? 'check.shown' : 'check.show') }, headContent);
      head.addEventListener('click', () => options.onSelect(isSelected ? null : check.id));
    } else {
      head = h('div', { class: 'check-head' }, headContent);
    }
    const showValues = status !== 'pending' && hasValues(check);
    const message = i18n.lang === 'vi' ? check.message_vi : check.message;
    return h('li', { class: `check check-${status}${isSelected ? ' is-selected' : ''}`, 'data-check-id': check.id, 'data-status': status }, [
      head,
      showValues
        ? h('p', { class: 'check-values' }, [
            h('span', {}, [`${i18n.t('check.measured')}: `, h('strong', {}, [value(check.measured, check.unit)])]),
            check.limit !== null ? h('span', {}, [`${i18n.t('check.limit')}: `, h('strong', {}, [value(check.limit, check.unit)])]) : null,
          ])
        : null,
      status === 'pending' ? null : h('p', { class: 'check-message' }, [message]),
      check.citation && status !== 'pending' ? h('p', { class: 'check-citation' }, [`${i18n.t('field.citation')}: ${check.citation}`]) : null,
      locatable ? h('span', { class: 'check-locate', 'aria-hidden': 'true' }, [i18n.t(isSelected ? 'check.shown' : 'check.show')]) : null,
    ]);
  }

  function render(): void {
    heading.textContent = i18n.t(options.title);
    if (!report || placeholder) {
      shownStatus = null;
      const p = placeholder ?? { kind: 'waiting' as const };
      const text = p.kind === 'waiting' ? i18n.t('check.waiting') : p.kind === 'loading' ? i18n.t(p.key ?? 'check.loading') : p.message;
      replace(body, [h('p', { class: `report-placeholder is-${p.kind}`, role: p.kind === 'error' ? 'alert' : 'status' }, [text])]);
      element.dataset.status = '';
      return;
    }
    const real = report.checks.filter((c) => !pending.has(c.id));
    const fails = real.filter((c) => c.status === 'fail').length;
    shownStatus = pending.size > 0 && fails === 0 ? 'pending' : report.status;
    element.dataset.status = shownStatus;
    const zones = report.zones.map((z) => `${z.lot_code} (${i18n.number(z.share_pct, 1)} %)`).join(', ');
    replace(body, [
      note ? h('p', { class: 'report-note' }, [note]) : null,
      h('p', { class: `report-status report-${shownStatus}`, role: 'status' }, [
        h('strong', {}, [i18n.t(`report.${shownStatus}` as MessageKey)]),
        fails > 0 ? h('span', {}, [` · ${i18n.t('report.failCount', { count: fails })}`]) : null,
      ]),
      zones ? h('p', { class: 'report-zones' }, [i18n.t('check.zoneRule', { zones })]) : null,
      h('ol', { class: 'check-list' }, report.checks.map(checkItem)),
    ]);
  }

  i18n.onChange(render);
  render();

  return {
    element,
    setReport(next, extra = {}) {
      report = next;
      pending = new Set(extra.pending ?? []);
      note = extra.note;
      placeholder = null;
      render();
    },
    setPlaceholder(next) {
      placeholder = next;
      report = null;
      render();
    },
    setSelected(checkId) {
      if (selected === checkId) return;
      selected = checkId;
      render();
    },
    get shownStatus() {
      return shownStatus;
    },
  };
}
