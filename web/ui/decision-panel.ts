// The decision panel: one button per allowed event, a reason, and for approval the override reason, conditions and validity.
import { ApiError } from '../api/client.ts';
import {
  CONDITION_KINDS,
  CONDITION_STAGES,
  type ConditionKind,
  type ConditionStage,
  type Permit,
  type PermitCondition,
  type PermitEvent,
  type TransitionRequest,
} from '../api/permit-types.ts';
import type { ComplianceStatus } from '../../api/checks/index.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from './dom.ts';
import { problemDetail } from './error-text.ts';
import { createFieldErrors } from './field-errors.ts';

export interface DecisionPanelOptions {
  container: HTMLElement;
  i18n: I18n;
  /** Sends the transition; rejects with ApiError for the panel to show. */
  onSubmit(request: TransitionRequest): Promise<void>;
}

export interface DecisionPanel {
  /** The permit and the status of the report an approval would be checked against. */
  setPermit(permit: Permit, reportStatus: ComplianceStatus | null): void;
}

const EVENTS_NEEDING_REASON: PermitEvent[] = ['reject', 'revoke'];
const EVENT_CLASS: Record<PermitEvent, string> = { submit: 'primary', start_review: 'primary', approve: 'success', reject: 'danger', revoke: 'danger' };

interface ConditionRow {
  kind: ConditionKind;
  stage: ConditionStage | '';
  text: string;
}

export function createDecisionPanel(options: DecisionPanelOptions): DecisionPanel {
  const { i18n } = options;
  let permit: Permit | null = null;
  let reportStatus: ComplianceStatus | null = null;
  let conditions: ConditionRow[] = [];
  let busy = false;
  // Set when the server asks for an override reason, even if the page thought the report compliant.
  let overrideAsked = false;

  const heading = h('h2', { class: 'card-title' });
  const body = h('div', { class: 'decision-body' });
  const summary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
  const element = h('section', { class: 'card decision', 'data-testid': 'decision-panel' }, [heading, body, summary]);
  options.container.append(element);
  const errors = createFieldErrors({ root: element, summary, i18n });

  // Inputs live across renders so a language switch keeps what was typed.
  const reason = h('textarea', { id: 'decision-reason', rows: 2, maxlength: 4000, 'data-path': '/reason' });
  const override = h('textarea', { id: 'decision-override', rows: 2, maxlength: 4000, 'data-path': '/override_reason' });
  const validTo = h('input', { id: 'decision-valid-to', type: 'date', 'data-path': '/valid_to' });

  const allowed = (): PermitEvent[] => permit?.allowed_events ?? [];
  const canApprove = (): boolean => allowed().includes('approve');
  const needsOverride = (): boolean => canApprove() && (overrideAsked || (reportStatus !== null && reportStatus !== 'compliant'));

  function conditionEditor(row: ConditionRow, index: number): HTMLElement {
    const path = `/conditions/${index}`;
    const kind = h('select', { 'aria-label': i18n.t('condition.kind'), 'data-path': `${path}/kind` },
      CONDITION_KINDS.map((k) => h('option', { value: k, selected: k === row.kind }, [i18n.t(`condition.kind.${k}` as MessageKey)])));
    const stage = h('select', { 'aria-label': i18n.t('condition.stage'), 'data-path': `${path}/stage`, hidden: row.kind !== 'inspection_stage' }, [
      h('option', { value: '' }, ['—']),
      ...CONDITION_STAGES.map((s) => h('option', { value: s, selected: s === row.stage }, [i18n.t(`condition.stage.${s}` as MessageKey)])),
    ]);
    const text = h('input', { type: 'text', value: row.text, maxlength: 2000, 'aria-label': i18n.t('condition.text'), 'data-path': `${path}/text` });
    const remove = h('button', { type: 'button', class: 'icon-button', 'aria-label': i18n.t('condition.remove'), title: i18n.t('condition.remove') }, ['×']);
    kind.addEventListener('change', () => {
      row.kind = kind.value as ConditionKind;
      stage.hidden = row.kind !== 'inspection_stage';
    });
    stage.addEventListener('change', () => {
      row.stage = stage.value as ConditionStage | '';
    });
    text.addEventListener('input', () => {
      row.text = text.value;
    });
    remove.addEventListener('click', () => {
      conditions.splice(conditions.indexOf(row), 1);
      render();
    });
    return h('li', { class: 'condition field', 'data-path': path }, [h('div', { class: 'condition-row' }, [kind, stage, remove]), text]);
  }

  function field(id: string, key: MessageKey, input: HTMLElement, hint?: string): HTMLElement {
    return h('div', { class: 'field' }, [h('label', { for: id }, [i18n.t(key)]), hint ? h('p', { class: 'hint' }, [hint]) : null, input]);
  }

  function render(): void {
    heading.textContent = i18n.t('decision.title');
    errors.clear();
    const events = allowed();
    if (!permit || events.length === 0) {
      replace(body, [h('p', { class: 'muted' }, [i18n.t('decision.none')])]);
      return;
    }
    const buttons = events.map((event) => {
      const b = h('button', { type: 'button', class: `button ${EVENT_CLASS[event]}`, 'data-event': event, disabled: busy }, [i18n.t(`event.${event}` as MessageKey)]);
      b.addEventListener('click', () => submit(event));
      return b;
    });
    const add = (preset?: ConditionRow) => {
      conditions.push(preset ?? { kind: 'other', stage: '', text: '' });
      render();
    };
    const addButton = h('button', { type: 'button', class: 'link-button' }, [`+ ${i18n.t('decision.addCondition')}`]);
    addButton.addEventListener('click', () => add());
    const foundationButton = h('button', { type: 'button', class: 'link-button', 'data-testid': 'add-foundation' }, [`+ ${i18n.t('decision.addFoundation')}`]);
    foundationButton.addEventListener('click', () => add({ kind: 'inspection_stage', stage: 'foundation', text: i18n.t('condition.foundationText') }));
    replace(body, [
      field('decision-reason', 'decision.reason', reason),
      needsOverride() ? field('decision-override', 'decision.override', override, i18n.t('decision.overrideHint')) : null,
      canApprove()
        ? h('div', { class: 'field-set' }, [
            h('p', { class: 'label' }, [i18n.t('decision.conditions')]),
            h('ul', { class: 'conditions' }, conditions.map(conditionEditor)),
            h('div', { class: 'link-row' }, [foundationButton, addButton]),
            field('decision-valid-to', 'decision.validTo', validTo),
          ])
        : null,
      h('div', { class: 'decision-buttons' }, buttons),
    ]);
  }

  function submit(event: PermitEvent): void {
    if (!permit || busy) return;
    errors.clear();
    const approving = event === 'approve';
    if (EVENTS_NEEDING_REASON.includes(event) && !reason.value.trim()) errors.add('/reason', () => i18n.t('decision.reasonRequired'));
    if (approving && needsOverride() && !override.value.trim()) errors.add('/override_reason', () => i18n.t('decision.reasonRequired'));
    if (errors.count > 0) {
      element.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const request: TransitionRequest = { event };
    if (reason.value.trim()) request.reason = reason.value.trim();
    if (approving) {
      if (needsOverride() && override.value.trim()) request.override_reason = override.value.trim();
      const filled: PermitCondition[] = conditions
        .filter((c) => c.text.trim())
        .map((c) => ({ kind: c.kind, stage: c.kind === 'inspection_stage' ? ((c.stage || null) as ConditionStage | null) : null, text: c.text.trim() }));
      if (filled.length > 0) request.conditions = filled;
      if (validTo.value) request.valid_to = validTo.value;
    }
    busy = true;
    render();
    options
      .onSubmit(request)
      .then(() => {
        reason.value = '';
        override.value = '';
        validTo.value = '';
        conditions = [];
        overrideAsked = false;
        busy = false;
        render();
      })
      .catch((error: unknown) => {
        busy = false;
        if (error instanceof ApiError && error.code === 'override_reason_required') overrideAsked = true;
        render();
        if (!(error instanceof ApiError)) {
          errors.summarise(() => i18n.t('error.generic', { detail: String(error) }));
        } else if (error.status === 409) {
          errors.summarise(() => i18n.t('decision.illegal'));
        } else if (error.status === 403) {
          errors.summarise(() => i18n.t('decision.forbidden'));
        } else {
          errors.showProblem(error.problem, () => problemDetail(i18n, error.status, error.problem));
        }
      });
  }

  i18n.onChange(render);
  render();
  return {
    setPermit(next, status) {
      permit = next;
      reportStatus = status;
      render();
    },
  };
}
