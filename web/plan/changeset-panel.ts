// The planner's change sets: pick or start one, its edits with the status of their checks and the reviewer's word, submit and withdraw.
import { errorText as showError } from '../ui/error-text.ts';
import { ApiError } from '../api/client.ts';
import type { ChangeSet, ChangeSetEdit, ChangeSetEvent, PlanClient } from '../api/plan-client.ts';
import type { User } from '../api/permit-types.ts';
import type { Plan } from '../api/types.ts';
import { word, type I18n, type Message } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from '../ui/dom.ts';
import { createFieldErrors } from '../ui/field-errors.ts';
import { attributesOf } from './plan-map.ts';
import { checkMessage, isBlocking } from './check-results.ts';

export interface ChangeSetPanelOptions {
  container: HTMLElement;
  i18n: I18n;
  client: PlanClient;
  user: User;
  plans: Promise<Plan[]>;
  /** The change set to open first (from the URL). */
  initialId: number | null;
  /** The open change set changed (opened, reloaded, closed). */
  onCurrent(changeSet: ChangeSet | null): void;
  /** The user wants to see an edit on the map. */
  onShowEdit(edit: ChangeSetEdit): void;
  onListed?(count: number): void;
  onError(error: unknown): void;
}

export interface ChangeSetPanel {
  element: HTMLElement;
  /** Reloads the open change set (after an edit was added). */
  reload(): Promise<ChangeSet | null>;
  readonly current: ChangeSet | null;
}

/** Planners work on sets in these states; decided ones stay listed for reference. */
const OPEN_STATUSES = ['draft', 'submitted', 'rejected'];

export function lotCodeOf(edit: ChangeSetEdit): string | null {
  const attrs = { ...attributesOf(edit.before), ...attributesOf(edit.after) };
  const value = attrs.lot_code ?? attrs.name;
  return typeof value === 'string' && value ? value : null;
}

export function editLabel(i18n: I18n, edit: ChangeSetEdit): string {
  const what = lotCodeOf(edit) ?? (edit.feature_id !== null ? `#${edit.feature_id}` : i18n.t('plan.edit.newFeature'));
  return i18n.t('plan.edit.label', { op: i18n.t(`plan.op.${edit.op}` as MessageKey), layer: i18n.t(`plan.layer.${edit.layer}` as MessageKey), what });
}

export function statusBadge(i18n: I18n, status: string): HTMLElement {
  return h('span', { class: `badge badge-cs-${status}`, 'data-status': status }, [i18n.t(`plan.status.${status}` as MessageKey)]);
}

export function createChangeSetPanel(options: ChangeSetPanelOptions): ChangeSetPanel {
  const { i18n, client } = options;
  let sets: ChangeSet[] = [];
  let current: ChangeSet | null = null;
  let plans: Plan[] = [];
  let busy = false;
  let creating = false;
  // Worded at each render, so it follows the reader's language.
  let message: { kind: 'ok' | 'error'; text: Message; details?: Message[] } | null = null;

  const heading = h('h2', { class: 'card-title' });
  const pickLabel = h('label', { for: 'changeset-pick' });
  const pick = h('select', { id: 'changeset-pick', 'data-testid': 'changeset-pick' });
  const newButton = h('button', { type: 'button', class: 'button small', 'data-testid': 'changeset-new' });
  const pickRow = h('div', { class: 'field changeset-pick' }, [pickLabel, h('div', { class: 'inline-row' }, [pick, newButton])]);

  // New change set
  const titleLabel = h('label', { for: 'changeset-title' });
  const title = h('input', { id: 'changeset-title', type: 'text', maxlength: 300, autocomplete: 'off', 'data-path': '/title' });
  const planLabel = h('label', { for: 'changeset-plan' });
  const planSelect = h('select', { id: 'changeset-plan', 'data-path': '/plan_id' });
  const dateLabel = h('label', { for: 'changeset-effective' });
  const date = h('input', { id: 'changeset-effective', type: 'date', 'data-path': '/effective_from' });
  const dateHint = h('p', { class: 'hint' });
  const createSummary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
  const createButton = h('button', { type: 'submit', class: 'button primary small', 'data-testid': 'changeset-create' });
  const cancelCreate = h('button', { type: 'button', class: 'button small subtle' });
  const createForm = h('form', { class: 'changeset-create', novalidate: true, hidden: true, 'data-testid': 'changeset-create-form' }, [
    h('div', { class: 'field' }, [titleLabel, title]),
    h('div', { class: 'field-grid' }, [h('div', { class: 'field' }, [planLabel, planSelect]), h('div', { class: 'field' }, [dateLabel, date, dateHint])]),
    createSummary,
    h('div', { class: 'form-actions' }, [createButton, cancelCreate]),
  ]);
  const createErrors = createFieldErrors({ root: createForm, summary: createSummary, i18n });

  const body = h('div', { class: 'changeset-body', 'data-testid': 'changeset-current' });
  const element = h('section', { class: 'card changeset-panel', 'data-testid': 'changeset-panel' }, [heading, pickRow, createForm, body]);
  options.container.append(element);

  const errorText = (error: unknown): string => showError(i18n, error);

  function renderPick(): void {
    const selected = current ? String(current.id) : '';
    replace(pick, [
      h('option', { value: '' }, [sets.length ? i18n.t('plan.cs.pick') : i18n.t('plan.cs.none')]),
      ...sets.map((set) => h('option', { value: String(set.id) }, [`#${set.id} ${set.title} — ${i18n.t(`plan.status.${set.status}` as MessageKey)}`])),
    ]);
    pick.value = selected;
  }

  function renderPlans(): void {
    const selected = planSelect.value;
    replace(planSelect, plans.map((plan) => h('option', { value: String(plan.id) }, [`${plan.code} — ${plan.name}`])));
    if (selected) planSelect.value = selected;
  }

  function editItem(edit: ChangeSetEdit): HTMLElement {
    const errors = edit.checks.filter((c) => c.severity === 'error').length;
    const warnings = edit.checks.length - errors;
    const checkChip = h('span', { class: `chip ${errors ? 'chip-error' : warnings ? 'chip-warning' : 'chip-ok'}`, 'data-testid': 'edit-checks' }, [
      edit.checks.length === 0 ? i18n.t('plan.check.allPassShort') : i18n.t('plan.check.counts', { errors, warnings }),
    ]);
    const show = h('button', { type: 'button', class: 'link-button' }, [i18n.t('plan.edit.show')]);
    show.addEventListener('click', () => options.onShowEdit(edit));
    const remove = current?.status === 'draft' ? h('button', { type: 'button', class: 'link-button danger-link', 'data-action': 'remove-edit' }, [i18n.t('plan.edit.remove')]) : null;
    remove?.addEventListener('click', () => {
      if (!current || busy) return;
      busy = true;
      client
        .removeEdit(current.id, edit.id)
        .then(() => reload())
        .catch((error: unknown) => {
          message = { kind: 'error', text: () => errorText(error) };
          render();
        })
        .finally(() => {
          busy = false;
        });
    });
    const review = edit.review_decision
      ? h('p', { class: `edit-review edit-review-${edit.review_decision}`, 'data-testid': 'edit-review' }, [
          h('strong', {}, [i18n.t(edit.review_decision === 'approve' ? 'plan.review.approved' : 'plan.review.rejected')]),
          edit.review_comment ? `: ${edit.review_comment}` : '',
        ])
      : null;
    const problems = edit.checks.filter((c) => c.severity === 'error').map((c) => h('li', {}, [checkMessage(i18n, c)]));
    return h('li', { class: `edit-item edit-${edit.op}`, 'data-edit-id': edit.id, 'data-op': edit.op }, [
      h('div', { class: 'edit-head' }, [h('span', { class: `op-dot op-${edit.op}`, 'aria-hidden': 'true' }), h('span', { class: 'edit-label' }, [editLabel(i18n, edit)]), checkChip]),
      problems.length ? h('ul', { class: 'edit-problems' }, problems) : null,
      review,
      h('div', { class: 'edit-actions' }, [show, remove]),
    ]);
  }

  function transitionButton(event: ChangeSetEvent, primary: boolean): HTMLButtonElement {
    const button = h('button', { type: 'button', class: `button small${primary ? ' primary' : ''}`, 'data-event': event, disabled: busy }, [i18n.t(`plan.event.${event}` as MessageKey)]);
    button.addEventListener('click', () => transition(event));
    return button;
  }

  function render(): void {
    heading.textContent = i18n.t('plan.cs.title');
    pickLabel.textContent = i18n.t('plan.cs.open');
    newButton.textContent = i18n.t('plan.cs.new');
    titleLabel.textContent = i18n.t('plan.cs.titleField');
    planLabel.textContent = i18n.t('plan.cs.plan');
    dateLabel.textContent = i18n.t('plan.cs.effective');
    dateHint.textContent = i18n.t('plan.cs.effectiveHint');
    createButton.textContent = i18n.t(creating ? 'plan.cs.creating' : 'plan.cs.create');
    cancelCreate.textContent = i18n.t('form.cancel');
    renderPick();
    renderPlans();
    if (!current) {
      replace(body, [h('p', { class: 'muted' }, [i18n.t('plan.cs.empty')])]);
      return;
    }
    const edits = current.edits ?? [];
    const blocking = edits.some((e) => isBlocking(e.checks));
    const events = current.allowed_events ?? (current.status === 'draft' ? ['submit'] : current.status === 'submitted' ? ['withdraw'] : []);
    const mineEvents = events.filter((e): e is ChangeSetEvent => e === 'submit' || e === 'withdraw');
    replace(body, [
      h('div', { class: 'cs-head' }, [h('strong', { class: 'cs-title' }, [`#${current.id} ${current.title}`]), statusBadge(i18n, current.status)]),
      current.decision_comment ? h('p', { class: 'cs-comment', 'data-testid': 'cs-comment' }, [i18n.t('plan.cs.reviewerComment', { comment: current.decision_comment })]) : null,
      edits.length === 0
        ? h('p', { class: 'muted' }, [i18n.t(current.status === 'draft' ? 'plan.cs.noEdits' : 'plan.cs.noEditsClosed')])
        : h('ol', { class: 'edit-list', 'data-testid': 'edit-list' }, edits.map(editItem)),
      blocking && current.status === 'draft' ? h('p', { class: 'hint is-error' }, [i18n.t('plan.cs.blocking')]) : null,
      message
        ? h('div', { class: message.kind === 'error' ? 'form-summary' : 'page-notice', role: message.kind === 'error' ? 'alert' : 'status', 'data-testid': 'cs-message' }, [
            h('p', {}, [word(message.text)]),
            ...(message.details ?? []).map((d) => h('p', {}, [word(d)])),
          ])
        : null,
      mineEvents.length ? h('div', { class: 'form-actions' }, mineEvents.map((e) => transitionButton(e, e === 'submit'))) : null,
    ]);
  }

  async function loadList(): Promise<void> {
    const list = await client.list();
    // Planners see their own sets; an admin sees everyone's drafts too.
    sets = list.items.filter((s) => (s.author_id === undefined || s.author_id === null || s.author_id === options.user.id || options.user.roles.includes('admin')) && (OPEN_STATUSES.includes(s.status) || s.id === current?.id));
    options.onListed?.(sets.length);
    renderPick();
  }

  async function open(id: number | null): Promise<ChangeSet | null> {
    message = null;
    current = id === null ? null : await client.get(id);
    syncUrl();
    render();
    options.onCurrent(current);
    return current;
  }

  function syncUrl(): void {
    const url = new URL(window.location.href);
    if (current) url.searchParams.set('cs', String(current.id));
    else url.searchParams.delete('cs');
    window.history.replaceState(null, '', url);
  }

  async function reload(): Promise<ChangeSet | null> {
    if (!current) return null;
    const id = current.id;
    current = await client.get(id);
    render();
    options.onCurrent(current);
    void loadList().catch(options.onError);
    return current;
  }

  function transition(event: ChangeSetEvent): void {
    if (!current || busy) return;
    busy = true;
    message = null;
    render();
    client
      .transition(current.id, event)
      .then(async () => {
        await reload();
        message = { kind: 'ok', text: () => i18n.t('plan.cs.done', { event: i18n.t(`plan.event.${event}` as MessageKey) }) };
      })
      .catch(async (error: unknown) => {
        if (error instanceof ApiError && error.status === 422) {
          message = { kind: 'error', text: () => i18n.t('plan.cs.submitBlocked'), details: (error.problem.errors ?? []).map((e) => () => i18n.pick(e.message_vi, e.message)) };
          await reload().catch(() => undefined);
        } else if (error instanceof ApiError && error.status === 409) message = { kind: 'error', text: () => i18n.t('plan.cs.illegal') };
        else if (error instanceof ApiError && error.status === 403) message = { kind: 'error', text: () => i18n.t('plan.cs.forbidden') };
        else message = { kind: 'error', text: () => errorText(error) };
      })
      .finally(() => {
        busy = false;
        render();
      });
  }

  pick.addEventListener('change', () => {
    const id = Number(pick.value);
    open(Number.isInteger(id) && id > 0 ? id : null).catch(options.onError);
  });
  newButton.addEventListener('click', () => {
    createForm.hidden = !createForm.hidden;
    if (!createForm.hidden) title.focus();
  });
  cancelCreate.addEventListener('click', () => {
    createForm.hidden = true;
    createErrors.clear();
  });
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (creating) return;
    createErrors.clear();
    if (!title.value.trim()) createErrors.add('/title', () => i18n.t('form.required'));
    if (createErrors.count > 0) return;
    creating = true;
    render();
    const planId = Number(planSelect.value);
    client
      .create({ title: title.value.trim(), ...(planId ? { plan_id: planId } : {}), ...(date.value ? { effective_from: date.value } : {}) })
      .then(async (set) => {
        createForm.hidden = true;
        title.value = '';
        current = set;
        await loadList();
        await open(set.id);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError) createErrors.showProblem(error.problem, () => i18n.t('plan.cs.createFailed'));
        else createErrors.summarise(() => errorText(error));
      })
      .finally(() => {
        creating = false;
        render();
      });
  });

  i18n.onChange(render);
  render();
  void options.plans.then((list) => {
    plans = list;
    renderPlans();
  });
  loadList()
    .then(async () => {
      const wanted = options.initialId ?? sets.find((s) => s.status === 'draft')?.id ?? null;
      await open(wanted);
    })
    .catch((error: unknown) => {
      options.onError(error);
      options.onCurrent(null);
    });

  return {
    element,
    reload,
    get current() {
      return current;
    },
  };
}
