// The verification page (/verify/:code): what a planning-information sheet stated and whether the plan in force still says so.
import '../styles/page.css';
import '../styles/verify.css';
import { ApiError, createHttp } from '../api/client.ts';
import type { CertificateView, Difference, Verification } from '../../api/certificates/certificates.types.ts';
import type { CardConstraint, CardZone } from '../../api/lookup/lookup.types.ts';
import { createI18n, type Lang } from '../i18n/i18n.ts';
import type { ExtraMessages, MessageKey } from '../i18n/messages.ts';
import { verifyVi, type VerifyKey } from '../i18n/verify-messages.ts';
import { verifyEn } from '../i18n/verify-messages-en.ts';
import { h, replace } from '../ui/dom.ts';
import { errorText } from '../ui/error-text.ts';
import { createHeader } from '../ui/header.ts';

type Sheet = CertificateView & { verification: Verification };
type ViewState = 'loading' | 'matches' | 'differs' | 'not-found' | 'error';

interface VerifyPageState {
  state: ViewState;
  code: string;
  lang: Lang;
}

declare global {
  interface Window {
    __sppVerify: VerifyPageState;
  }
}

// The page's texts live in their own tables, outside the public map's key list.
const i18n = createI18n({ extra: { vi: verifyVi, en: verifyEn } as unknown as Record<Lang, ExtraMessages> });
const t = (key: VerifyKey | MessageKey, params?: Record<string, string | number>) => i18n.t(key as MessageKey, params);
const http = createHttp();

const rawCode = decodeURIComponent(window.location.pathname.replace(/^\/verify\/?/, '').replace(/\/$/, ''));
const code = rawCode.trim().toUpperCase();
const page = document.getElementById('page')!;
const headerSlot = document.getElementById('header-slot')!;
const header = createHeader({ container: headerSlot, i18n, noticeOpen: !window.matchMedia('(max-width: 640px)').matches, title: 'verify.title' as MessageKey, titleHref: '/' });

const pageState: VerifyPageState = { state: 'loading', code, lang: i18n.lang };
window.__sppVerify = pageState;

let sheet: Sheet | null = null;
let view: ViewState = 'loading';
// Kept as it came, and worded at each render in the reader's language.
let loadError: unknown = null;

const num = (v: number, digits = 2) => i18n.number(v, digits);
const area = (v: number | null) => (v === null ? '—' : `${num(v, 1)} m²`);
const orDash = (v: string | null | undefined) => (v && v.trim() ? v : '—');
const metres = (v: number | null) => (v === null ? t('verify.notRegulated') : `${num(v)} m`);

function row(label: string, value: string, testId?: string): HTMLElement {
  return h('div', { class: 'verify-row' }, [h('dt', {}, [label]), h('dd', { 'data-testid': testId }, [value])]);
}

function statusBanner(s: Sheet): HTMLElement {
  const v = s.verification;
  const time = i18n.date(v.checked_at);
  if (v.matches) {
    return h('section', { class: 'verify-status verify-status--ok', 'data-testid': 'verify-status', 'data-state': 'matches', role: 'status' }, [
      h('span', { class: 'verify-status-icon', 'aria-hidden': 'true' }, ['✓']),
      h('div', {}, [h('h2', {}, [t('verify.matches.title')]), h('p', {}, [t('verify.matches.body', { time })])]),
    ]);
  }
  return h('section', { class: 'verify-status verify-status--changed', 'data-testid': 'verify-status', 'data-state': 'differs', role: 'status' }, [
    h('span', { class: 'verify-status-icon', 'aria-hidden': 'true' }, ['!']),
    h('div', {}, [
      h('h2', {}, [t('verify.differs.title')]),
      h('p', {}, [t('verify.differs.body', { time, count: v.differences.length })]),
      h('h3', {}, [t('verify.differences')]),
      h('ul', { class: 'verify-differences', 'data-testid': 'verify-differences' }, v.differences.map((d: Difference) => h('li', { 'data-path': d.path }, [i18n.pick(d.message_vi, d.message)]))),
    ]),
  ]);
}

function sheetFacts(s: Sheet): HTMLElement {
  const plan = s.card.plan;
  const decision = plan?.decision_no ? t('verify.decisionValue', { no: plan.decision_no, date: i18n.date(plan.decision_date) }) : '—';
  return h('section', { class: 'verify-card' }, [
    h('h2', {}, [t('verify.sheet')]),
    h('p', { class: 'verify-authentic' }, [t('verify.authentic')]),
    h('dl', { class: 'verify-list' }, [
      row(t('verify.code'), s.code, 'sheet-code'),
      row(t('verify.issuedAt'), i18n.date(s.issued_at), 'sheet-issued'),
      row(t('verify.asOf'), i18n.date(s.as_of)),
      row(t('verify.plan'), plan?.name ?? '—', 'sheet-plan'),
      row(t('verify.decision'), decision),
    ]),
  ]);
}

function parcelFacts(s: Sheet): HTMLElement {
  const p = s.card.parcel;
  const rows: HTMLElement[] = [row(t('verify.ward'), s.ward?.name ?? '—', 'sheet-ward')];
  if (p) {
    rows.push(
      row(t('verify.parcel'), t('verify.sheetParcel', { sheet: p.sheet_no, parcel: p.parcel_no }), 'sheet-parcel'),
      row(t('verify.address'), orDash(p.address)),
      row(t('verify.legalArea'), area(p.legal_area_m2)),
      row(t('verify.measuredArea'), area(p.area_m2), 'sheet-area'),
    );
  }
  if ('lon' in s.request) rows.push(row(t('verify.point'), `${s.request.lat.toFixed(6)}, ${s.request.lon.toFixed(6)}`));
  return h('section', { class: 'verify-card' }, [h('h2', {}, [t('verify.parcel')]), p ? null : h('p', {}, [t('verify.noParcel')]), h('dl', { class: 'verify-list' }, rows)]);
}

function zoneCard(z: CardZone): HTMLElement {
  const or = (v: number | null, f: (v: number) => string) => (v === null ? t('verify.notRegulated') : f(v));
  return h('article', { class: 'verify-zone', 'data-testid': 'sheet-zone', 'data-lot': z.lot_code }, [
    h('h3', {}, [t('verify.lot', { code: z.lot_code }), h('span', { class: 'verify-use' }, [` · ${z.land_use_code} — ${i18n.pick(z.land_use_name, z.land_use_name_en)}`])]),
    z.governs ? null : h('p', { class: 'verify-muted' }, [t('verify.notGoverning')]),
    h('dl', { class: 'verify-list' }, [
      row(t('verify.share'), z.area_m2 === null ? `${num(z.share_pct)} %` : `${num(z.share_pct)} % · ${area(z.area_m2)}`),
      row(t('verify.coverage'), or(z.max_coverage_pct, (v) => `${num(v)} %`), 'zone-coverage'),
      row(t('verify.far'), or(z.max_far, (v) => t('verify.unit.times', { value: num(v) })), 'zone-far'),
      row(t('verify.floors'), or(z.max_floors, (v) => t('verify.unit.floors', { value: num(v, 0) }))),
      row(t('verify.height'), metres(z.max_height_m)),
      row(t('verify.setback'), metres(z.min_setback_m)),
      row(t('verify.uses'), z.permitted_uses.length ? z.permitted_uses.join(', ') : '—'),
      row(t('verify.citation'), orDash(z.citation)),
    ]),
  ]);
}

function constraintItem(c: CardConstraint): HTMLElement {
  const kindKey = `kind.${c.kind}` as MessageKey;
  const bits = [c.overlap_m2 ? t('verify.overlap', { area: area(c.overlap_m2) }) : null, c.distance_m !== null ? t('verify.distance', { distance: `${num(c.distance_m)} m` }) : null].filter(Boolean);
  return h('li', { 'data-testid': 'sheet-constraint' }, [
    h('strong', {}, [c.name ?? t(kindKey)]),
    h('span', { class: 'verify-muted' }, [` — ${t(kindKey)}${bits.length ? ` · ${bits.join(' · ')}` : ''}`]),
    c.citation ? h('div', { class: 'verify-muted' }, [`${t('verify.citation')}: ${c.citation}`]) : null,
  ]);
}

function computedFacts(s: Sheet): HTMLElement {
  const c = s.card.computed;
  return h('section', { class: 'verify-card' }, [
    h('h2', {}, [t('verify.computed')]),
    h('dl', { class: 'verify-list' }, [
      row(t('verify.take'), area(c.red_line_take_m2)),
      row(t('verify.netSite'), area(c.net_site_area_m2)),
      row(t('verify.buildable'), area(c.buildable_area_m2), 'computed-buildable'),
      row(t('verify.maxFootprint'), area(c.max_footprint_m2)),
      row(t('verify.maxGfa'), area(c.max_gfa_m2), 'computed-gfa'),
    ]),
  ]);
}

function codeForm(): HTMLElement {
  const input = h('input', { type: 'text', name: 'code', value: code, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', inputmode: 'text', 'aria-label': t('verify.form.label'), placeholder: 'TTQH-2026-…' });
  const form = h('form', { class: 'verify-form' }, [h('label', {}, [t('verify.form.label'), input]), h('button', { type: 'submit' }, [t('verify.form.submit')])]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = input.value.trim().toUpperCase();
    if (next) window.location.assign(`/verify/${encodeURIComponent(next)}`);
  });
  return form;
}

function render(): void {
  pageState.state = view;
  pageState.lang = i18n.lang;
  document.title = `${t('verify.title')}${code ? ` ${code}` : ''}`;
  if (view === 'loading') {
    replace(page, [h('p', { class: 'verify-loading', 'data-testid': 'verify-status', 'data-state': 'loading', role: 'status' }, [t('verify.loading')])]);
    return;
  }
  if (view === 'not-found' || view === 'error') {
    const notFound = view === 'not-found';
    replace(page, [
      h('section', { class: 'verify-status verify-status--missing', 'data-testid': 'verify-status', 'data-state': view, role: 'alert' }, [
        h('span', { class: 'verify-status-icon', 'aria-hidden': 'true' }, ['?']),
        h('div', {}, [
          h('h2', {}, [notFound ? t('verify.notFound.title') : t('verify.error', { detail: errorText(i18n, loadError) })]),
          notFound ? h('p', {}, [t('verify.notFound.body', { code: code || '—' })]) : null,
        ]),
      ]),
      codeForm(),
    ]);
    return;
  }
  const s = sheet!;
  replace(page, [
    statusBanner(s),
    sheetFacts(s),
    parcelFacts(s),
    h('section', { class: 'verify-card' }, [
      h('h2', {}, [t('verify.zones')]),
      s.card.zones.length ? null : h('p', {}, [t('verify.noZones')]),
      ...s.card.zones.map(zoneCard),
    ]),
    h('section', { class: 'verify-card' }, [
      h('h2', {}, [t('verify.constraints')]),
      s.card.constraints.length ? h('ul', { class: 'verify-constraints' }, s.card.constraints.map(constraintItem)) : h('p', {}, [t('verify.noConstraints')]),
    ]),
    computedFacts(s),
    h('nav', { class: 'verify-actions' }, [
      h('a', { class: 'verify-button', href: s.links.pdf, 'data-testid': 'sheet-pdf' }, [t('verify.pdf')]),
      h('a', { class: 'verify-button verify-button--secondary', href: '/' }, [t('verify.map')]),
    ]),
    h('p', { class: 'verify-note' }, [t('verify.note')]),
  ]);
}

async function load(): Promise<void> {
  render();
  try {
    sheet = await http.get<Sheet>(`/api/certificates/${encodeURIComponent(code)}`);
    view = sheet.verification.matches ? 'matches' : 'differs';
    const plan = sheet.card.plan;
    // The header's demo notice follows the plan the sheet states.
    header.setPlans(plan ? [plan] : []);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      view = 'not-found';
      header.setPlans([]); // no sheet, no plan to warn about
    } else {
      view = 'error';
      loadError = error;
    }
  }
  render();
}

i18n.onChange(render);
void load();
