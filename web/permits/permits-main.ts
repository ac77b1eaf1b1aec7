// The permit officer's pages (/permits, /permits/new, /permits/:id, /permits/:id/print): sign-in, header and routing on the path.
import 'ol/ol.css';
import '../styles/page.css';
import '../styles/controls.css';
import '../styles/forms.css';
import '../styles/permits.css';
import '../styles/workspace.css';
import '../styles/report.css';
import '../styles/print.css';
import { createApiClient } from '../api/client.ts';
import { createPermitClient } from '../api/permit-client.ts';
import type { User } from '../api/permit-types.ts';
import type { LandUseCode } from '../api/types.ts';
import { createI18n } from '../i18n/i18n.ts';
import { permitVi } from '../i18n/permit-messages.ts';
import { permitEn } from '../i18n/permit-messages-en.ts';
import { createLandUsePalette, type LandUsePalette } from '../style/land-use-style.ts';
import { h } from '../ui/dom.ts';
import { createErrorBar } from '../ui/error-bar.ts';
import { createHeader } from '../ui/header.ts';
import { createUserMenu } from '../ui/user-menu.ts';
import { createDetailView } from './detail-view.ts';
import { createListView } from './list-view.ts';
import { createNewView } from './new-view.ts';
import { createPermitState } from './permit-state.ts';
import { createPrintView } from './print-view.ts';
import { parseRoute, paths, type PermitRoute } from './routes.ts';
import { createSignedInSession } from './signed-in-session.ts';

const i18n = createI18n({ extra: { vi: permitVi, en: permitEn } });
const api = createApiClient();
const permits = createPermitClient({ http: api.http });
const route: PermitRoute = parseRoute(window.location.pathname);
const state = createPermitState(i18n.lang, null);

const page = document.getElementById('page')!;
const errorBar = createErrorBar(i18n);
const content = h('div', { class: 'page-content' });
page.append(errorBar.element, content);

const navList = h('a', { href: paths.list(), class: 'nav-link' });
const navNew = h('a', { href: paths.create(), class: 'nav-link', hidden: true });
const navMap = h('a', { href: '/', class: 'nav-link nav-secondary' });
const nav = h('nav', { class: 'app-nav', hidden: true }, [navList, navNew, navMap]);
const userMenu = createUserMenu({ i18n, onSignOut: () => session.signOut() });
const header = createHeader({
  container: document.getElementById('header-slot')!,
  i18n,
  noticeOpen: false,
  title: 'permits.title',
  titleHref: paths.list(),
  actions: h('div', { class: 'header-actions' }, [nav, userMenu.element]),
});

// Reference data, fetched once and shared by the views that need it.
let usesPromise: Promise<LandUseCode[]> | undefined;
let palettePromise: Promise<LandUsePalette | undefined> | undefined;
const uses = () => (usesPromise ??= api.landUseCodes('land_law').then((list) => list.items, () => []));
const palette = () => (palettePromise ??= api.landUseCodes().then((list) => createLandUsePalette({ codes: list.items }), () => undefined));

const canCreate = (user: User) => user.roles.includes('permit_officer') || user.roles.includes('admin');

const session = createSignedInSession({
  i18n,
  permits,
  content,
  errorBar,
  userMenu,
  state,
  onUser: (user) => {
    nav.hidden = !user;
    navNew.hidden = !user || !canCreate(user);
  },
  render: show,
});
const onError = session.onError;

/** The page of the route for the signed-in user. */
function show(user: User): void {
  state.page = route.page;
  document.body.dataset.page = route.page;
  const common = { container: content, i18n, state };
  switch (route.page) {
    case 'list':
      createListView({ ...common, permits, canCreate: canCreate(user), onError });
      break;
    case 'new':
      if (!canCreate(user)) {
        content.append(h('div', { class: 'page page-narrow' }, [h('p', { class: 'card', role: 'alert' }, [i18n.t('auth.readOnly')])]));
        state.ready = true;
        break;
      }
      createNewView({ ...common, api, permits, uses: uses(), palette: palette() });
      break;
    case 'detail':
      createDetailView({ ...common, api, permits, user, id: route.id, uses: uses(), palette: palette(), onError });
      break;
    case 'print':
      createPrintView({ ...common, api, permits, id: route.id, uses: uses(), palette: palette(), onError });
      break;
    default:
      content.append(h('div', { class: 'page page-narrow' }, [h('p', { class: 'card', role: 'alert' }, [i18n.t('page.notFound')])]));
      state.ready = true;
  }
}

function applyLanguage(): void {
  state.lang = i18n.lang;
  if (route.page !== 'detail' && route.page !== 'print') document.title = i18n.t('permits.title');
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.t('permits.description'));
  navList.textContent = i18n.t('nav.list');
  navNew.textContent = i18n.t('nav.new');
  navMap.textContent = i18n.t('nav.publicMap');
  nav.setAttribute('aria-label', i18n.t('nav.main'));
  errorBar.render();
}
i18n.onChange(applyLanguage);
applyLanguage();

api
  .plans()
  .then((list) => header.setPlans(list.items))
  .catch(() => header.setPlans(undefined));

session.start();
