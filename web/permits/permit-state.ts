// The permit pages' observable state on window.__spp, read by browser tests and handy when debugging in the console.
import type { CheckId, CheckStatus, ComplianceReport, ComplianceStatus } from '../../api/checks/index.ts';
import type { EffectiveStatus, Permit, PermitEvent, PermitStatus, User } from '../api/permit-types.ts';
import type { Lang } from '../i18n/i18n.ts';

export type PermitPageName = 'sign-in' | 'list' | 'new' | 'detail' | 'print' | 'not-found';

export interface ReportSummary {
  status: ComplianceStatus;
  checks: Partial<Record<CheckId, CheckStatus>>;
}

export interface PermitPageState {
  page: PermitPageName | null;
  /** True once the page's data is loaded (and its map, if any, drawn once). */
  ready: boolean;
  lang: Lang;
  user: { email: string; roles: string[] } | null;
  /** Last error shown to the user, if any. */
  error: string | null;
  /** The browser's instant check (new application, or editing). */
  live: ReportSummary | null;
  /** The server's report of the permit shown. */
  server: (ReportSummary & { snapshot: boolean; asOf: string }) | null;
  /** The check whose evidence is highlighted on the map and how many features show it. */
  highlight: { checkId: CheckId; featureCount: number } | null;
  /** Evidence features drawn on the map (every failing check's, highlighted included). */
  evidenceCount: number;
  permit: { id: number; number: string; status: PermitStatus; effectiveStatus: EffectiveStatus; lockVersion: number; allowedEvents: PermitEvent[] } | null;
  /** The selected parcel of a new application. */
  parcelId: number | null;
  /** Parcels loaded for the current view (0 below zoom 16). */
  parcelCount: number;
  list: { numberMatched: number; numberReturned: number; offset: number } | null;
  /** The print page's map image is in place. */
  printReady: boolean;
  /** Page coordinates (CSS px) of a lon/lat on the page's map; null when off the map or no map. */
  pixelOf(lonLat: [number, number]): [number, number] | null;
}

export function summariseReport(report: ComplianceReport): ReportSummary {
  const checks: Partial<Record<CheckId, CheckStatus>> = {};
  for (const check of report.checks) checks[check.id] = check.status;
  return { status: report.status, checks };
}

export function permitSummary(permit: Permit): NonNullable<PermitPageState['permit']> {
  return {
    id: permit.id,
    number: permit.number,
    status: permit.status,
    effectiveStatus: permit.effective_status,
    lockVersion: permit.lock_version,
    allowedEvents: permit.allowed_events,
  };
}

export function createPermitState(lang: Lang, user: User | null): PermitPageState {
  const state: PermitPageState = {
    page: null,
    ready: false,
    lang,
    user: user ? { email: user.email, roles: user.roles } : null,
    error: null,
    live: null,
    server: null,
    highlight: null,
    evidenceCount: 0,
    permit: null,
    parcelId: null,
    parcelCount: 0,
    list: null,
    printReady: false,
    pixelOf: () => null,
  };
  // The public map declares window.__spp with its own shape; each page publishes its own state there.
  (window as unknown as { __spp: PermitPageState }).__spp = state;
  return state;
}
