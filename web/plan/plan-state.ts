// The plan editor's observable state on window.__spp (read by browser tests, handy in the console) and its routes in the query string.
import type { EditCheckId, EditCheckSeverity } from '../../api/checks/zoning/edit-check.types.ts';
import type { Polygonal } from '../../api/checks/check.types.ts';
import type { ChangeSetStatus, EditLayer, EditOp, ReviewDecision } from '../api/plan-client.ts';
import type { User } from '../api/permit-types.ts';
import type { Lang } from '../i18n/i18n.ts';

export type PlanView = 'editor' | 'review' | 'history';
export type PlanPageName = 'sign-in' | PlanView | 'forbidden';

/** `/plan?view=review&cs=12`, `/plan?view=history&layer=zones&feature=40`: the URL says what is open, so a reload keeps it. */
export interface PlanRoute {
  view: PlanView | null;
  changeSetId: number | null;
  layer: EditLayer;
  featureId: number | null;
}

export function parsePlanRoute(search: string): PlanRoute {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const id = (name: string) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  return {
    view: view === 'editor' || view === 'review' || view === 'history' ? view : null,
    changeSetId: id('cs'),
    layer: params.get('layer') === 'constraints' ? 'constraints' : 'zones',
    featureId: id('feature'),
  };
}

export function planHref(route: Partial<PlanRoute>, keep?: URLSearchParams): string {
  const params = new URLSearchParams();
  // The map position of the editor survives switching views.
  for (const name of ['center', 'zoom']) if (keep?.has(name)) params.set(name, keep.get(name)!);
  if (route.view) params.set('view', route.view);
  if (route.changeSetId) params.set('cs', String(route.changeSetId));
  if (route.featureId) {
    params.set('layer', route.layer ?? 'zones');
    params.set('feature', String(route.featureId));
  }
  const query = params.toString();
  return `/plan${query ? `?${query}` : ''}`;
}

export type Role = User['roles'][number];
export const canEdit = (roles: readonly Role[]) => roles.includes('planner') || roles.includes('admin');
export const canReview = (roles: readonly Role[]) => roles.includes('reviewer') || roles.includes('admin');

export interface CheckSummary {
  id: EditCheckId;
  severity: EditCheckSeverity;
  code: string;
  area_m2: number | null;
}

export interface EditSummary {
  id: number;
  op: EditOp;
  layer: EditLayer;
  featureId: number | null;
  lotCode: string | null;
  checks: CheckSummary[];
  review: ReviewDecision | null;
}

export interface PlanPageState {
  page: PlanPageName | null;
  /** True once the view's data is loaded (and its map drawn once). */
  ready: boolean;
  lang: Lang;
  user: { email: string; roles: string[] } | null;
  error: string | null;
  /** The change set open in the editor or the review. */
  changeSet: { id: number; status: ChangeSetStatus; title: string; edits: EditSummary[]; allowedEvents: string[] } | null;
  /** Change sets listed (mine in the editor, submitted ones in the review). */
  changeSetCount: number;
  /** What the editor is doing and the shape being edited (lon/lat, 9 decimals). */
  editor: {
    mode: 'idle' | 'drawing' | 'editing';
    layer: EditLayer;
    op: EditOp | null;
    featureId: number | null;
    geometry: Polygonal | null;
    undo: number;
    redo: number;
  };
  /** The browser's checks of the shape being edited; null while there is nothing to check. */
  live: { checks: CheckSummary[]; blocking: boolean; running: boolean } | null;
  /** Check evidence drawn on the map, and the message last clicked. */
  evidenceCount: number;
  focusedCheck: number | null;
  /** The zone selected on the map. */
  selected: { layer: EditLayer; id: number; version: number | null; lotCode: string | null } | null;
  /** Zones loaded for the view (the API's current plan). */
  zoneCount: number;
  parcelCount: number;
  /** The review's diff map: features drawn per change kind and which shapes show. */
  diff: { added: number; modified: number; removed: number; phase: 'before' | 'after' } | null;
  /** The history view: versions listed and the one shown. */
  history: { versions: number[]; shown: number | null } | null;
  /** Page coordinates (CSS px) of a lon/lat on the page's map; null without a map. */
  pixelOf(lonLat: [number, number]): [number, number] | null;
}

export function createPlanState(lang: Lang): PlanPageState {
  const state: PlanPageState = {
    page: null,
    ready: false,
    lang,
    user: null,
    error: null,
    changeSet: null,
    changeSetCount: 0,
    editor: { mode: 'idle', layer: 'zones', op: null, featureId: null, geometry: null, undo: 0, redo: 0 },
    live: null,
    evidenceCount: 0,
    focusedCheck: null,
    selected: null,
    zoneCount: 0,
    parcelCount: 0,
    diff: null,
    history: null,
    pixelOf: () => null,
  };
  // Each page publishes its own state shape on window.__spp.
  (window as unknown as { __spp: PlanPageState }).__spp = state;
  return state;
}
