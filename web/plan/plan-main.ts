// The plan editor (/plan): planners draw zoning changes into change sets; reviewers review them feature by feature; a feature's history.
import 'ol/ol.css';
import '../styles/page.css';
import '../styles/controls.css';
import '../styles/forms.css';
import '../styles/permits.css';
import '../styles/workspace.css';
import '../styles/report.css';
import '../styles/plan.css';
import { createApiClient } from '../api/client.ts';
import { createPermitClient } from '../api/permit-client.ts';
import { createPlanClient } from '../api/plan-client.ts';
import type { User } from '../api/permit-types.ts';
import type { LandUseCode, Plan } from '../api/types.ts';
import { createI18n } from '../i18n/i18n.ts';
import { permitVi } from '../i18n/permit-messages.ts';
import { permitEn } from '../i18n/permit-messages-en.ts';
import { planVi } from '../i18n/plan-messages.ts';
import { planEn } from '../i18n/plan-messages-en.ts';
import { createSignedInSession } from '../permits/signed-in-session.ts';
import { createLandUsePalette, type LandUsePalette } from '../style/land-use-style.ts';
import { h } from '../ui/dom.ts';
import { createErrorBar } from '../ui/error-bar.ts';
import { createHeader } from '../ui/header.ts';
import { createUserMenu } from '../ui/user-menu.ts';
import { createEditorView } from './editor-view.ts';
import { createHistoryView } from './history-view.ts';
import { canEdit, canReview, createPlanState, parsePlanRoute, planHref, type PlanView } from './plan-state.ts';
import { createReviewView } from './review-view.ts';

const i18n = createI18n({ extra: { vi: { ...permitVi, ...planVi }, en: { ...permitEn, ...planEn } } });
const api = createApiClient();
const auth = createPermitClient({ http: api.http });
const client = createPlanClient({ http: api.http });
const route = parsePlanRoute(window.location.search);
const state = createPlanState(i18n.lang);

const page = document.getElementById('page')!;
const errorBar = createErrorBar(i18n);
const content = h('div', { class: 'page-content' });
page.append(errorBar.element, content);

// Tabs for the views the user's roles open; an admin sees both.
const tabEditor = h('a', { class: 'nav-link', 'data-view': 'editor', hidden: true });
const tabReview = h('a', { class: 'nav-link', 'data-view': 'review', hidden: true });
const navMap = h('a', { href: '/', class: 'nav-link nav-secondary' });
const nav = h('nav', { class: 'app-nav', hidden: true }, [tabEditor, tabReview, navMap]);
const userMenu = createUserMenu({ i18n, onSignOut: () => session.signOut() });
const header = createHeader({
  container: document.getElementById('header-slot')!,
  i18n,
  noticeOpen: false,
  title: 'plan.app.title',
  titleHref: '/plan',
  actions: h('div', { class: 'header-actions' }, [nav, userMenu.element]),
});

let plansPromise: Promise<Plan[]> | undefined;
let codesPromise: Promise<LandUseCode[]> | undefined;
let palettePromise: Promise<LandUsePalette | undefined> | undefined;
const plans = () => (plansPromise ??= api.plans().then((list) => list.items, () => []));
const codes = () => (codesPromise ??= api.landUseCodes('plan_symbol').then((list) => list.items, () => []));
const palette = () => (palettePromise ??= api.landUseCodes().then((list) => createLandUsePalette({ codes: list.items }), () => undefined));

function viewsOf(user: User): PlanView[] {
  const views: PlanView[] = [];
  if (canEdit(user.roles)) views.push('editor');
  if (canReview(user.roles)) views.push('review');
  return views;
}

const session = createSignedInSession({
  i18n,
  permits: auth,
  content,
  errorBar,
  userMenu,
  state,
  intro: 'plan.auth.intro',
  demo: 'plan.auth.demo',
  onUser: (user) => {
    const views = user ? viewsOf(user) : [];
    nav.hidden = !user;
    tabEditor.hidden = !views.includes('editor');
    tabReview.hidden = !views.includes('review');
  },
  render: show,
});
const onError = session.onError;

/** The view of the route (or the first the user's roles open) for the signed-in user. */
function show(user: User): void {
  const views = viewsOf(user);
  // The history is open to every planning role; editor and review only to theirs.
  const view: PlanView | null = route.view === 'history' ? 'history' : route.view && views.includes(route.view) ? route.view : (views[0] ?? null);
  for (const tab of [tabEditor, tabReview]) tab.setAttribute('aria-current', String(tab.dataset.view === view));
  if (!view || (view === 'history' && views.length === 0)) {
    state.page = 'forbidden';
    document.body.dataset.page = 'forbidden';
    content.append(h('div', { class: 'page page-narrow' }, [h('p', { class: 'card', role: 'alert', 'data-testid': 'no-role' }, [i18n.t('plan.auth.noRole')])]));
    state.ready = true;
    return;
  }
  state.page = view;
  document.body.dataset.page = view;
  const common = { container: content, i18n, api, client, state, palette: palette(), onError };
  if (view === 'editor') createEditorView({ ...common, user, plans: plans(), codes: codes(), changeSetId: route.changeSetId });
  else if (view === 'review') createReviewView({ ...common, changeSetId: route.changeSetId });
  else createHistoryView({ ...common, layer: route.layer, featureId: route.featureId });
}

function applyLanguage(): void {
  state.lang = i18n.lang;
  document.title = i18n.t('plan.app.title');
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.t('plan.app.description'));
  const keep = new URLSearchParams(window.location.search);
  tabEditor.textContent = i18n.t('plan.nav.editor');
  tabEditor.setAttribute('href', planHref({ view: 'editor' }, keep));
  tabReview.textContent = i18n.t('plan.nav.review');
  tabReview.setAttribute('href', planHref({ view: 'review' }, keep));
  navMap.textContent = i18n.t('nav.publicMap');
  nav.setAttribute('aria-label', i18n.t('nav.main'));
  errorBar.render();
}
i18n.onChange(applyLanguage);
applyLanguage();

void plans().then((list) => header.setPlans(list.length ? list : undefined));

session.start();
