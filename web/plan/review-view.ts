// The reviewer's view: submitted change sets, a set's diff on the map (before/after), approve or reject each edit with a comment, decide the set.
import { errorText as apiErrorText, problemDetail } from '../ui/error-text.ts';
import type { ApiClient } from '../api/client.ts';
import type { ChangeSet, ChangeSetEdit, ChangeSetEvent, PlanClient, ReviewDecision } from '../api/plan-client.ts';
import { word, type I18n, type Message } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h, replace } from '../ui/dom.ts';
import { ATTRIBUTE_ROWS, attributeText } from './attribute-rows.ts';
import { editLabel, statusBadge } from './changeset-panel.ts';
import { checkMessage, createCheckResults, evidenceOf, summariseChecks } from './check-results.ts';
import type { DiffPhase } from './diff-style.ts';
import { startView } from './editor-view.ts';
import { attributesOf, createPlanMap, geometryOf, type PlanMap } from './plan-map.ts';
import { planHref, type PlanPageState } from './plan-state.ts';

export interface ReviewViewOptions {
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  client: PlanClient;
  state: PlanPageState;
  palette: Promise<LandUsePalette | undefined>;
  changeSetId: number | null;
  onError(error: unknown): void;
}

export function createReviewView(options: ReviewViewOptions): void {
  if (options.changeSetId === null) createQueue(options);
  else createSetReview(options, options.changeSetId);
}

function errorText(i18n: I18n, error: unknown): string {
  return apiErrorText(i18n, error, {
    403: () => i18n.t('plan.review.forbidden'),
    409: (e) => i18n.t('plan.review.illegal', { detail: problemDetail(i18n, e.status, e.problem) }),
  });
}

/** The list of change sets waiting for review. */
function createQueue(options: ReviewViewOptions): void {
  const { i18n, client, state } = options;
  let sets: ChangeSet[] = [];
  let loading = true;
  const heading = h('h1', { class: 'page-title' });
  const intro = h('p', { class: 'muted' });
  const list = h('div', { class: 'table-wrap' });
  options.container.append(h('div', { class: 'page' }, [h('div', { class: 'page-head' }, [heading]), intro, h('section', { class: 'card' }, [list])]));

  function render(): void {
    heading.textContent = i18n.t('plan.review.queueTitle');
    intro.textContent = i18n.t('plan.review.queueIntro');
    if (loading) {
      replace(list, [h('p', { class: 'muted' }, [i18n.t('common.loading')])]);
      return;
    }
    if (sets.length === 0) {
      replace(list, [h('p', { class: 'empty' }, [i18n.t('plan.review.queueEmpty')])]);
      return;
    }
    replace(list, [
      h('table', { class: 'permit-table cs-table', 'data-testid': 'review-queue' }, [
        h('thead', {}, [h('tr', {}, [
          h('th', {}, [i18n.t('plan.col.set')]),
          h('th', {}, [i18n.t('plan.col.author')]),
          h('th', {}, [i18n.t('plan.col.submitted')]),
          h('th', {}, [i18n.t('plan.col.edits')]),
          h('th', {}, [i18n.t('plan.col.status')]),
        ])]),
        h('tbody', {}, sets.map((set) => h('tr', { 'data-changeset-id': set.id }, [
          h('td', {}, [h('a', { class: 'permit-number', href: planHref({ view: 'review', changeSetId: set.id }) }, [`#${set.id} ${set.title}`])]),
          h('td', {}, [set.author?.name ?? (set.author_id !== null ? `#${set.author_id}` : '—')]),
          h('td', {}, [i18n.date(set.submitted_at)]),
          h('td', {}, [set.edit_count !== undefined ? i18n.number(set.edit_count, 0) : set.edits ? i18n.number(set.edits.length, 0) : '—']),
          h('td', {}, [statusBadge(i18n, set.status)]),
        ]))),
      ]),
    ]);
  }

  i18n.onChange(render);
  render();
  client
    .list({ status: 'submitted' })
    .then((result) => {
      sets = result.items.filter((s) => s.status === 'submitted');
      state.changeSetCount = sets.length;
    })
    .catch(options.onError)
    .finally(() => {
      loading = false;
      render();
      state.ready = true;
    });
}

/** One submitted change set: the diff map beside the edits and the decisions. */
function createSetReview(options: ReviewViewOptions, id: number): void {
  const { i18n, client, state } = options;
  let set: ChangeSet | null = null;
  let phase: DiffPhase = 'after';
  let focusedEdit: number | null = null;
  let busy = false;
  // Worded at each render, so it follows the reader's language.
  let message: { kind: 'ok' | 'error'; text: Message } | null = null;
  const comments = new Map<number, string>();
  let setComment = '';

  const mapPane = h('div', { class: 'map-pane' });
  const side = h('div', { class: 'side-panel plan-side' });
  options.container.append(h('div', { class: 'workspace plan-workspace' }, [mapPane, side]));
  const start = startView(window.location.search, 16);
  const planMap: PlanMap = createPlanMap({ container: mapPane, i18n, api: options.api, center: start.center, zoom: start.zoom, testId: 'review-map', onError: options.onError });
  state.pixelOf = (lonLat) => planMap.pixelOf(lonLat);
  void options.palette.then((palette) => palette && planMap.setPalette(palette));

  // Before/after over the map: what the reviewer compares most often stays one click away.
  const phaseButtons = (['before', 'after'] as const).map((value) => {
    const button = h('button', { type: 'button', class: 'seg-button', 'data-phase': value });
    button.addEventListener('click', () => {
      phase = value;
      drawDiff();
      render();
    });
    return button;
  });
  const phaseGroup = h('div', { class: 'segmented phase-toggle map-overlay', role: 'group', 'data-testid': 'phase-toggle' }, phaseButtons);
  mapPane.append(phaseGroup);

  const back = h('a', { class: 'back-link', href: planHref({ view: 'review' }) });
  const heading = h('h1', { class: 'page-title' });
  const meta = h('div', { class: 'cs-meta' });
  const editsBox = h('div', { class: 'review-edits', 'data-testid': 'review-edits' });
  const checksBox = h('div');
  const decision = h('section', { class: 'card review-decision', 'data-testid': 'set-decision' });
  side.append(back, heading, meta, editsBox, checksBox, decision);
  const checks = createCheckResults({
    container: checksBox,
    i18n,
    title: 'plan.check.serverTitle',
    testId: 'review-checks',
    onFocus: (index) => {
      const edit = set?.edits?.find((e) => e.id === focusedEdit);
      planMap.setEvidence(evidenceOf(edit?.checks ?? []), index);
      if (index !== null) planMap.zoomToEvidence(index);
    },
  });
  checksBox.hidden = true;

  function drawDiff(): void {
    const counts = planMap.setEdits(set?.edits ?? [], phase, focusedEdit);
    state.diff = { ...counts, phase };
  }

  function focus(edit: ChangeSetEdit): void {
    focusedEdit = edit.id;
    drawDiff();
    const geometry = geometryOf(edit.after) ?? geometryOf(edit.before);
    if (geometry) planMap.fit(geometry);
    checks.set({ kind: 'done', results: edit.checks });
    checksBox.hidden = false;
    planMap.setEvidence(evidenceOf(edit.checks), null);
    state.evidenceCount = evidenceOf(edit.checks).length;
    render();
  }

  function fitAll(): void {
    const edits = set?.edits ?? [];
    const shapes = edits.map((e) => geometryOf(e.after) ?? geometryOf(e.before)).filter((g) => g !== null);
    if (shapes.length === 0) return;
    planMap.fit({ type: 'GeometryCollection', geometries: shapes });
  }

  function attributeTable(edit: ChangeSetEdit): HTMLElement | null {
    const before = attributesOf(edit.before);
    const after = attributesOf(edit.after);
    const rows = ATTRIBUTE_ROWS.filter(([name]) => name in before || name in after).map(([name, label]) => {
      const b = before[name];
      const a = after[name];
      const changed = edit.op === 'modify' && JSON.stringify(b ?? null) !== JSON.stringify(a ?? null);
      const text = (v: unknown) => attributeText(i18n, v);
      return h('tr', { class: changed ? 'is-changed' : '' }, [
        h('th', {}, [i18n.t(label)]),
        edit.op === 'modify' ? h('td', { class: 'before' }, [text(b)]) : null,
        h('td', {}, [text(edit.op === 'delete' ? b : a)]),
      ]);
    });
    return rows.length ? h('table', { class: 'attr-diff' }, [h('tbody', {}, rows)]) : null;
  }

  /**
   * One review action: a reject needs a reason; the page is busy while it runs, then reloaded, and
   * says `done` (when given) or what went wrong.
   */
  function act(needsReason: boolean, run: () => Promise<unknown>, done?: Message): void {
    if (needsReason) {
      message = { kind: 'error', text: () => i18n.t('plan.review.commentRequired') };
      render();
      return;
    }
    busy = true;
    message = null;
    render();
    run()
      .then(async () => {
        await load();
        if (done) message = { kind: 'ok', text: done };
      })
      .catch((error: unknown) => {
        message = { kind: 'error', text: () => errorText(i18n, error) };
      })
      .finally(() => {
        busy = false;
        render();
      });
  }

  function review(edit: ChangeSetEdit, decisionValue: ReviewDecision): void {
    if (!set || busy) return;
    const id = set.id;
    const comment = (comments.get(edit.id) ?? '').trim();
    act(decisionValue === 'reject' && !comment, () => client.review(id, edit.id, decisionValue, comment || undefined));
  }

  function transition(event: ChangeSetEvent): void {
    if (!set || busy) return;
    const id = set.id;
    const comment = setComment.trim();
    act(event === 'reject' && !comment, () => client.transition(id, event, comment || undefined), () =>
      i18n.t('plan.cs.done', { event: i18n.t(`plan.event.${event}` as MessageKey) }),
    );
  }

  function editCard(edit: ChangeSetEdit): HTMLElement {
    const open = set?.status === 'submitted';
    const textarea = h('textarea', { rows: 2, class: 'review-comment', 'aria-label': i18n.t('plan.review.comment'), placeholder: i18n.t('plan.review.comment'), disabled: !open || busy });
    textarea.value = comments.get(edit.id) ?? edit.review_comment ?? '';
    textarea.addEventListener('input', () => comments.set(edit.id, textarea.value));
    const approve = h('button', { type: 'button', class: 'button small success', 'data-decision': 'approve', disabled: !open || busy }, [i18n.t('plan.review.approve')]);
    const reject = h('button', { type: 'button', class: 'button small danger', 'data-decision': 'reject', disabled: !open || busy }, [i18n.t('plan.review.reject')]);
    approve.addEventListener('click', () => review(edit, 'approve'));
    reject.addEventListener('click', () => review(edit, 'reject'));
    const show = h('button', { type: 'button', class: 'link-button' }, [i18n.t('plan.edit.show')]);
    show.addEventListener('click', () => focus(edit));
    const errors = edit.checks.filter((c) => c.severity === 'error').length;
    const warnings = edit.checks.length - errors;
    const decided = edit.review_decision
      ? h('p', { class: `edit-review edit-review-${edit.review_decision}`, 'data-testid': 'edit-decision' }, [
          h('strong', {}, [i18n.t(edit.review_decision === 'approve' ? 'plan.review.approved' : 'plan.review.rejected')]),
          edit.review_comment ? `: ${edit.review_comment}` : '',
        ])
      : null;
    const history =
      edit.feature_id !== null
        ? h('a', { class: 'link-button', href: planHref({ view: 'history', layer: edit.layer, featureId: edit.feature_id }) }, [i18n.t('plan.sel.history')])
        : null;
    return h('li', { class: `card review-edit edit-${edit.op}${focusedEdit === edit.id ? ' is-selected' : ''}`, 'data-edit-id': edit.id, 'data-op': edit.op }, [
      h('div', { class: 'edit-head' }, [
        h('span', { class: `op-dot op-${edit.op}`, 'aria-hidden': 'true' }),
        h('span', { class: 'edit-label' }, [editLabel(i18n, edit)]),
        h('span', { class: `chip ${errors ? 'chip-error' : warnings ? 'chip-warning' : 'chip-ok'}` }, [
          edit.checks.length === 0 ? i18n.t('plan.check.allPassShort') : i18n.t('plan.check.counts', { errors, warnings }),
        ]),
      ]),
      attributeTable(edit),
      edit.checks.length ? h('ul', { class: 'edit-problems' }, edit.checks.map((c) => h('li', { class: `sev-${c.severity}` }, [checkMessage(i18n, c)]))) : null,
      decided,
      h('div', { class: 'edit-actions' }, [show, history]),
      open ? h('div', { class: 'review-row' }, [textarea, h('div', { class: 'form-actions' }, [approve, reject])]) : null,
    ]);
  }

  function render(): void {
    back.textContent = i18n.t('plan.review.back');
    for (const button of phaseButtons) {
      button.textContent = i18n.t(button.dataset.phase === 'before' ? 'plan.review.before' : 'plan.review.after');
      button.setAttribute('aria-pressed', String(button.dataset.phase === phase));
    }
    phaseGroup.setAttribute('aria-label', i18n.t('plan.review.phase'));
    if (!set) {
      heading.textContent = i18n.t('common.loading');
      return;
    }
    heading.textContent = i18n.t('plan.review.title', { id: set.id, title: set.title });
    replace(meta, [
      statusBadge(i18n, set.status),
      h('span', { class: 'muted' }, [
        ` ${set.author?.name ?? ''} · ${i18n.t('plan.col.submitted')}: ${i18n.date(set.submitted_at)}`,
        set.effective_from ? ` · ${i18n.t('plan.cs.effective')}: ${i18n.date(set.effective_from)}` : '',
      ]),
    ]);
    const edits = set.edits ?? [];
    replace(editsBox, [
      h('h2', { class: 'section-title' }, [i18n.t('plan.review.edits', { count: edits.length })]),
      h('ol', { class: 'edit-list plain-list' }, edits.map(editCard)),
    ]);
    const events = (set.allowed_events ?? (set.status === 'submitted' ? ['approve', 'reject'] : [])).filter(
      (e): e is ChangeSetEvent => e === 'approve' || e === 'reject',
    );
    const pending = edits.filter((e) => !e.review_decision).length;
    const rejected = edits.filter((e) => e.review_decision === 'reject').length;
    const comment = h('textarea', { id: 'set-comment', rows: 2, disabled: busy || events.length === 0 });
    comment.value = setComment;
    comment.addEventListener('input', () => {
      setComment = comment.value;
    });
    const buttons = events.map((event) => {
      const b = h('button', { type: 'button', class: `button${event === 'approve' ? ' success' : ' danger'}`, 'data-event': event, disabled: busy || (event === 'approve' && (pending > 0 || rejected > 0)) }, [
        i18n.t(`plan.event.${event}` as MessageKey),
      ]);
      b.addEventListener('click', () => transition(event));
      return b;
    });
    replace(decision, [
      h('h2', { class: 'card-title' }, [i18n.t('plan.review.decision')]),
      set.status !== 'submitted'
        ? h('p', {}, [i18n.t('plan.review.decided', { status: i18n.t(`plan.status.${set.status}` as MessageKey) }), set.decision_comment ? ` — ${set.decision_comment}` : ''])
        : h('p', { class: 'hint' }, [pending > 0 ? i18n.t('plan.review.pending', { count: pending }) : rejected > 0 ? i18n.t('plan.review.someRejected') : i18n.t('plan.review.ready')]),
      events.length ? h('div', { class: 'field' }, [h('label', { for: 'set-comment' }, [i18n.t('plan.review.setComment')]), comment]) : null,
      message
        ? h('div', { class: message.kind === 'error' ? 'form-summary' : 'page-notice', role: message.kind === 'error' ? 'alert' : 'status', 'data-testid': 'review-message' }, [word(message.text)])
        : null,
      buttons.length ? h('div', { class: 'form-actions' }, buttons) : null,
    ]);
    state.changeSet = {
      id: set.id,
      status: set.status,
      title: set.title,
      allowedEvents: set.allowed_events ?? [],
      edits: edits.map((e) => ({ id: e.id, op: e.op, layer: e.layer, featureId: e.feature_id, lotCode: (attributesOf(e.after).lot_code ?? attributesOf(e.before).lot_code ?? null) as string | null, checks: summariseChecks(e.checks), review: e.review_decision })),
    };
  }

  async function load(): Promise<void> {
    const first = set === null;
    set = await client.get(id);
    drawDiff();
    render();
    if (first) {
      fitAll();
      await planMap.whenDrawn();
      state.ready = true;
    }
  }

  i18n.onChange(render);
  render();
  load().catch((error: unknown) => {
    options.onError(error);
    state.ready = true;
  });
}
