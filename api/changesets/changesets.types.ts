// Change sets and their edits as the API returns them, and the edits a caller proposes.
import type { Feature, Geometry } from 'geojson';
import type { User } from '../auth/auth.types.ts';
import type { EditCheckResult } from '../checks/zoning/index.ts';
import type { ChangeSetEvent, ChangeSetStatus } from './changeset-lifecycle.ts';

export type EditOp = 'create' | 'modify' | 'delete';
export type EditLayer = 'zones' | 'constraints';
export type ReviewDecision = 'approve' | 'reject';

export const EDIT_OPS: readonly EditOp[] = ['create', 'modify', 'delete'];
export const EDIT_LAYERS: readonly EditLayer[] = ['zones', 'constraints'];

/** The signed-in user acting on change sets. */
export type AuthUser = User;

/** An edit as a caller proposes it (POST /edits, an import). */
export type NewEdit = {
  op: 'create' | 'modify' | 'delete';
  layer: 'zones' | 'constraints';
  feature_id?: number;
  base_version?: number;
  feature?: GeoJSON.Feature<GeoJSON.Geometry | null>;
};

export interface NewChangeSetInput {
  title: string;
  plan_id?: number;
  /** YYYY-MM-DD (start of that day in Việt Nam) or an ISO 8601 instant; null = the approval time. */
  effective_from?: string | null;
  /** Where the set comes from: 'editor' (default), 'import:<file name>' … */
  source?: string;
}

/** A feature as an edit holds it: the layer's attributes as properties (before: with version and validity). */
export type EditFeature = Feature<Geometry | null, Record<string, unknown>>;

export interface ChangeSetEditView {
  id: number;
  change_set_id: number;
  op: EditOp;
  layer: EditLayer;
  feature_id: number | null;
  base_version: number | null;
  before: EditFeature | null;
  after: EditFeature | null;
  checks: EditCheckResult[];
  blocking: boolean;
  review_decision: ReviewDecision | null;
  review_comment: string | null;
  reviewed_by: number | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  created_at: string;
}

export interface ChangeSetSummary {
  id: number;
  plan_id: number;
  title: string;
  status: ChangeSetStatus;
  source: string;
  is_demo: boolean;
  author_id: number | null;
  author: { id: number; name: string; email: string } | null;
  effective_from: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decision_comment: string | null;
  checks_run_at: string | null;
  lock_version: number;
  edit_count: number;
  /** Edits whose checks hold at least one error. */
  blocking_count: number;
  /** Edits a reviewer has not decided yet. */
  undecided_count: number;
}

export interface ChangeSetView extends ChangeSetSummary {
  edits: ChangeSetEditView[];
  allowed_events: ChangeSetEvent[];
}

export interface CreatedChangeSet {
  id: number;
  edits: { id: number; checks: EditCheckResult[] }[];
}
