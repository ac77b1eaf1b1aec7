// Client of the planners' and reviewers' API: change sets, their edits and reviews, feature history.
import type { FeatureCollection, Geometry } from 'geojson';
import type { ChangeSetEditView, ChangeSetSummary, ChangeSetView } from '../../api/changesets/changesets.types.ts';
import type { Http } from './client.ts';

// The change-set shapes are the API's own (api/changesets): one definition for server and client.
export type { ChangeSetStatus, ChangeSetEvent } from '../../api/changesets/changeset-lifecycle.ts';
export type { EditOp, EditLayer, ReviewDecision, EditFeature, NewEdit, NewChangeSetInput as NewChangeSet } from '../../api/changesets/changesets.types.ts';
import type { ChangeSetEvent, ChangeSetStatus } from '../../api/changesets/changeset-lifecycle.ts';
import type { EditLayer, NewChangeSetInput, NewEdit, ReviewDecision } from '../../api/changesets/changesets.types.ts';

export type ChangeSetEdit = ChangeSetEditView;
/** A change set as listed (no edits) or read whole (edits and the caller's allowed events). */
export type ChangeSet = ChangeSetSummary & Partial<Pick<ChangeSetView, 'edits' | 'allowed_events'>>;

export interface ChangeSetList {
  items: ChangeSet[];
  numberMatched?: number;
  numberReturned?: number;
}

/** The diff of a change set: one feature per added, modified or removed feature. */
export type ChangeSetDiff = FeatureCollection<Geometry | null, Record<string, unknown>>;

/** One version of a zone or constraint, newest first. */
export interface FeatureVersion {
  version: number;
  valid_from: string;
  valid_to: string | null;
  change_set_id: number | null;
  change_set_title?: string | null;
  author?: string | null;
  created_by?: number | null;
  created_by_name?: string | null;
  created_at?: string;
  geometry: Geometry | null;
  properties?: Record<string, unknown>;
  [attribute: string]: unknown;
}

export interface PlanClient {
  list(query?: { status?: ChangeSetStatus; mine?: boolean }, signal?: AbortSignal): Promise<ChangeSetList>;
  get(id: number, signal?: AbortSignal): Promise<ChangeSet>;
  create(body: NewChangeSetInput): Promise<ChangeSet>;
  addEdit(id: number, edit: NewEdit): Promise<{ id: number; checks: ChangeSetEdit['checks'] }>;
  removeEdit(id: number, editId: number): Promise<void>;
  diff(id: number, signal?: AbortSignal): Promise<ChangeSetDiff>;
  review(id: number, editId: number, decision: ReviewDecision, comment?: string): Promise<unknown>;
  transition(id: number, event: ChangeSetEvent, comment?: string): Promise<ChangeSet>;
  history(layer: EditLayer, featureId: number, signal?: AbortSignal): Promise<FeatureVersion[]>;
}

/** History answers may be a bare list, `{ items }` or a GeoJSON collection of versions: one shape for the views. */
export function versionsOf(body: unknown): FeatureVersion[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as { items?: unknown[]; features?: unknown[]; versions?: unknown[] }).items ??
        (body as { versions?: unknown[] }).versions ??
        (body as { features?: unknown[] }).features ??
        [])
      : [];
  return list.map((entry) => {
    const e = entry as Record<string, unknown>;
    if (e.type === 'Feature') {
      const props = (e.properties ?? {}) as Record<string, unknown>;
      return { ...props, properties: props, geometry: (e.geometry ?? null) as Geometry | null } as FeatureVersion;
    }
    return { ...e, properties: (e.properties as Record<string, unknown> | undefined) ?? e, geometry: (e.geometry ?? null) as Geometry | null } as FeatureVersion;
  });
}

export function createPlanClient(options: { http: Http }): PlanClient {
  const { http } = options;
  const base = '/api/changesets';
  return {
    list: (query = {}, signal) => {
      const params: Record<string, string> = {};
      if (query.status) params.status = query.status;
      if (query.mine) params.mine = 'true';
      return http.get<ChangeSetList>(base, params, signal);
    },
    get: (id, signal) => http.get<ChangeSet>(`${base}/${id}`, {}, signal),
    create: (body) => http.send<ChangeSet>('POST', base, body),
    addEdit: (id, edit) => http.send<{ id: number; checks: ChangeSetEdit['checks'] }>('POST', `${base}/${id}/edits`, edit),
    removeEdit: (id, editId) => http.send<void>('DELETE', `${base}/${id}/edits/${editId}`),
    diff: (id, signal) => http.get<ChangeSetDiff>(`${base}/${id}/diff`, {}, signal),
    review: (id, editId, decision, comment) =>
      http.send('POST', `${base}/${id}/edits/${editId}/review`, comment ? { decision, comment } : { decision }),
    transition: (id, event, comment) => http.send<ChangeSet>('POST', `${base}/${id}/transitions`, comment ? { event, comment } : { event }),
    history: async (layer, featureId, signal) => versionsOf(await http.get<unknown>(`/api/${layer}/${featureId}/history`, {}, signal)),
  };
}
