// One permit: map with site, footprint, zones and red lines; the server's report beside it; editing with the live check; decisions; history.
import type { CheckId } from '../../api/checks/index.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import type { PermitClient } from '../api/permit-client.ts';
import type { Permit, ServerComplianceReport, TransitionRequest, User } from '../api/permit-types.ts';
import type { LandUseCode } from '../api/types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { readGeometry } from '../map/geo-format.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { createComplianceReport } from '../ui/compliance-report.ts';
import { createDecisionPanel } from '../ui/decision-panel.ts';
import { h, replace } from '../ui/dom.ts';
import { factsList, permitFacts } from '../ui/permit-facts.ts';
import { createPermitHistory } from '../ui/permit-history.ts';
import { statusBadge } from '../ui/status-badge.ts';
import { createPermitEditor } from './permit-editor.ts';
import { createPermitMap } from './permit-map.ts';
import { permitSummary, summariseReport, type PermitPageState } from './permit-state.ts';
import { paths } from './routes.ts';
import { wardNameOf, type WardName } from './ward-name.ts';

export interface DetailViewOptions {
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  permits: PermitClient;
  state: PermitPageState;
  user: User;
  id: number;
  uses: Promise<LandUseCode[]>;
  palette: Promise<LandUsePalette | undefined>;
  onError(error: unknown): void;
}

const EDITABLE = new Set(['draft', 'submitted', 'under_review']);

export function createDetailView(options: DetailViewOptions): void {
  const { i18n, state, permits, id } = options;
  let permit: Permit | null = null;
  let report: ServerComplianceReport | null = null;
  let uses: LandUseCode[] = [];
  let ward: WardName | null = null;
  let editing = false;
  let reportRequest = 0;

  const title = h('h1', { class: 'page-title' });
  const badge = h('span', { class: 'title-badge' });
  const actions = h('div', { class: 'title-actions' });
  const notice = h('div', { class: 'page-notice', role: 'status', hidden: true });
  const facts = h('section', { class: 'card', 'data-testid': 'permit-facts' });
  const backLink = h('a', { href: paths.list(), class: 'back-link' });
  const side = h('div', { class: 'side-panel' }, [backLink, h('div', { class: 'title-row' }, [title, badge]), actions, notice]);
  const mapPane = h('div', { class: 'map-pane' });
  options.container.append(h('div', { class: 'workspace' }, [mapPane, side]));

  const permitMap = createPermitMap({ container: mapPane, i18n, api: options.api, center: [105.77, 10.03], zoom: 17 });
  state.pixelOf = (lonLat) => permitMap.pixelOf(lonLat);
  void options.palette.then((palette) => palette && permitMap.setPalette(palette));

  function selectServerCheck(checkId: CheckId | null): void {
    // While editing the map shows the live result; a click on the server's report brings its evidence back.
    if (report) permitMap.evidence.setReport(report);
    const count = permitMap.evidence.highlight(checkId);
    serverReport.setSelected(checkId);
    state.highlight = checkId ? { checkId, featureCount: count } : null;
    state.evidenceCount = permitMap.evidence.count;
  }

  const serverReport = createComplianceReport({ container: side, i18n, title: 'check.server', testId: 'server-report', onSelect: selectServerCheck });
  serverReport.setPlaceholder({ kind: 'loading' });
  const editContainer = h('div', { hidden: true });
  side.append(editContainer);
  const decision = createDecisionPanel({ container: side, i18n, onSubmit: transition });
  side.append(facts);
  const history = createPermitHistory({ container: side, i18n });

  const editor = createPermitEditor({
    container: editContainer,
    mapContainer: mapPane,
    i18n,
    api: options.api,
    permits,
    state,
    permitMap,
    uses: () => uses,
    onSaved(next) {
      setPermit(next);
      stopEditing();
      showNotice('detail.saved');
      void loadReport();
    },
    onCancel: stopEditing,
  });

  function showNotice(key: MessageKey | null): void {
    notice.hidden = key === null;
    if (key) replace(notice, [h('p', {}, [i18n.t(key)])]);
  }

  function stopEditing(): void {
    editing = false;
    editor.stop();
    if (permit) permitMap.setFootprint(permit.footprint);
    permitMap.evidence.setReport(report);
    state.evidenceCount = permitMap.evidence.count;
    state.live = null;
    renderHeader();
  }

  function canEdit(): boolean {
    const roles = options.user.roles;
    return !!permit && EDITABLE.has(permit.status) && (roles.includes('permit_officer') || roles.includes('admin'));
  }

  function renderHeader(): void {
    backLink.textContent = `← ${i18n.t('nav.list')}`;
    if (!permit) {
      title.textContent = i18n.t('common.loading');
      return;
    }
    document.title = `${permit.number} — ${i18n.t('permits.title')}`;
    title.textContent = i18n.t('detail.title', { number: permit.number });
    replace(badge, [statusBadge(i18n, permit.effective_status)]);
    const edit = canEdit() && !editing ? h('button', { type: 'button', class: 'button', 'data-testid': 'edit-permit' }, [i18n.t('detail.edit')]) : null;
    edit?.addEventListener('click', () => {
      if (!permit) return;
      editing = true;
      showNotice(null);
      editor.start(permit);
      renderHeader();
    });
    replace(actions, [
      edit,
      h('a', { href: paths.print(permit.id), class: 'button', 'data-testid': 'print-link' }, [i18n.t('detail.print')]),
    ]);
    replace(facts, [factsList(i18n, permitFacts(i18n, permit, uses, true, ward))]);
  }

  function setPermit(next: Permit): void {
    permit = next;
    state.permit = permitSummary(next);
    permitMap.setSite(next.site);
    if (!editing) permitMap.setFootprint(next.footprint);
    history.setEvents(next.events);
    decision.setPermit(next, report?.status ?? null);
    renderHeader();
  }

  async function loadReport(): Promise<void> {
    const request = ++reportRequest;
    serverReport.setPlaceholder({ kind: 'loading' });
    try {
      const next = await permits.compliance(id);
      if (request !== reportRequest) return;
      report = next;
      const note = next.snapshot ? i18n.t('check.snapshot', { date: i18n.date(next.as_of) }) : i18n.t('check.asOf', { date: i18n.date(next.as_of) });
      serverReport.setReport(next, { note });
      state.server = { ...summariseReport(next), snapshot: next.snapshot, asOf: next.as_of };
      if (!editing) {
        permitMap.evidence.setReport(next);
        state.highlight = null;
        serverReport.setSelected(null);
        state.evidenceCount = permitMap.evidence.count;
      }
      if (permit) decision.setPermit(permit, next.status);
    } catch (error) {
      if (request !== reportRequest) return;
      serverReport.setPlaceholder({ kind: 'error', message: i18n.t('error.generic', { detail: error instanceof Error ? error.message : String(error) }) });
      options.onError(error);
    }
  }

  async function transition(request: TransitionRequest): Promise<void> {
    const next = await permits.transition(id, request);
    if (editing) stopEditing();
    setPermit(next);
    showNotice(null);
    replace(notice, [h('p', {}, [i18n.t('decision.done', { event: i18n.t(`event.${request.event}` as MessageKey) })])]);
    notice.hidden = false;
    // The new status and the notice are at the top of the panel: bring them into view (the panel
    // scrolls on wide screens, the page on phones; 'nearest' moves whichever does).
    backLink.scrollIntoView({ block: 'nearest' });
    // A decision freezes the report as a snapshot: show that one from now on.
    await loadReport();
  }

  i18n.onChange(renderHeader);
  renderHeader();

  Promise.all([permits.get(id), options.uses])
    .then(([loaded, loadedUses]) => {
      uses = loadedUses;
      setPermit(loaded);
      permitMap.fitSite(readGeometry(loaded.site));
      void wardNameOf(options.api, loaded.site, loaded.ward_code).then((name) => {
        ward = name;
        renderHeader();
      });
      void permitMap.whenDrawn().then(() => {
        state.ready = true;
      });
      return loadReport();
    })
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) {
        replace(side, [h('div', { class: 'card' }, [h('p', { role: 'alert' }, [i18n.t('detail.notFound')]), h('a', { href: paths.list(), class: 'button' }, [i18n.t('nav.list')])])]);
        state.ready = true;
      }
      options.onError(error);
    });
}
