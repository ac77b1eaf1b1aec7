// The browser's compliance check while drawing: fetches the plan around the site once, then reruns the engine on every change.
import type { CheckId, ComplianceReport, Polygonal } from '../../api/checks/index.ts';
import type { ApiClient } from '../api/client.ts';
import type { LonLatBbox } from '../api/types.ts';
import { bboxContains, expandedBbox, loadCheckContext, type LoadedContext } from './check-context.ts';
import { createComplianceRunner } from './compliance-runner.ts';

/** What the form holds; null numbers and an empty use are not entered yet. */
export interface LiveProposal {
  site: Polygonal | null;
  footprint: Polygonal | null;
  parcel: { id: number; geometry: Polygonal } | null;
  use: string;
  floors: number | null;
  basement_floors: number | null;
  height_m: number | null;
  gfa_m2: number | null;
}

export type LiveCheckState =
  | { kind: 'waiting' }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  /** `pending`: checks whose input is not entered yet (their engine result is a fail on a missing figure). */
  | { kind: 'done'; report: ComplianceReport; pending: CheckId[]; context: { zones: number; constraints: number } };

export interface LiveCheckOptions {
  api: ApiClient;
  onState(state: LiveCheckState): void;
}

export interface LiveCheck {
  /** Schedules a check of `proposal` (coalesced to one per animation frame). */
  update(proposal: LiveProposal): void;
  dispose(): void;
}

// About 30 m: a box that much larger than the server's only adds constraints at its very edge.
const BOX_SLACK_DEG = 0.0003;
const grow = (b: LonLatBbox, d: number): LonLatBbox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];

function pendingChecks(p: LiveProposal): CheckId[] {
  const pending: CheckId[] = [];
  if (!p.use) pending.push('land_use');
  if (p.gfa_m2 === null) pending.push('far');
  if (p.floors === null) pending.push('floors');
  if (p.height_m === null) pending.push('height');
  return pending;
}

export function createLiveCheck(options: LiveCheckOptions): LiveCheck {
  const runner = createComplianceRunner();
  let latest: LiveProposal | null = null;
  let frame: number | undefined;
  let context: LoadedContext | null = null;
  let loading: { bbox: LonLatBbox; controller: AbortController } | null = null;
  let disposed = false;

  function run(): void {
    frame = undefined;
    const p = latest;
    if (!p || !p.site || !p.footprint) {
      options.onState({ kind: 'waiting' });
      return;
    }
    // The server's report sees the constraints within its box around the site: load that box. A site
    // moved by less than the slack keeps the loaded one (no request per pointer move while sketching).
    const needed = expandedBbox(p.site);
    const fits = (box: LonLatBbox) => bboxContains(box, needed) && bboxContains(grow(needed, BOX_SLACK_DEG), box);
    if (!context || !fits(context.bbox)) {
      if (!loading || !fits(loading.bbox)) load(needed);
      // Until the new box arrives the last context serves (no flicker while a site is reshaped).
      if (!context) {
        options.onState({ kind: 'loading' });
        return;
      }
    }
    const counts = { zones: context.zones.length, constraints: context.constraints.length };
    // Results arrive in order, one check at a time: each shown result is the newest finished one,
    // so the panel keeps up while a corner is dragged instead of waiting for the pointer to stop.
    runner
      .run(
        {
          site: p.site,
          footprint: p.footprint,
          use: p.use,
          // Missing figures go in as NaN: the engine reports them as invalid, the page as "awaiting figures".
          floors: p.floors ?? Number.NaN,
          basement_floors: p.basement_floors ?? 0,
          height_m: p.height_m ?? Number.NaN,
          gfa_m2: p.gfa_m2 ?? Number.NaN,
        },
        p.parcel,
      )
      .then((report) => {
        if (!report || disposed) return;
        options.onState({ kind: 'done', report, pending: pendingChecks(p), context: counts });
      })
      .catch((error: unknown) => {
        if (!disposed) options.onState({ kind: 'error', error });
      });
  }

  function load(bbox: LonLatBbox): void {
    loading?.controller.abort();
    const controller = new AbortController();
    loading = { bbox, controller };
    loadCheckContext(options.api, bbox, controller.signal)
      .then((loaded) => {
        if (disposed || controller.signal.aborted) return;
        context = loaded;
        runner.setContext({ zones: loaded.zones, constraints: loaded.constraints });
        loading = null;
        schedule();
      })
      .catch((error: unknown) => {
        if (disposed || controller.signal.aborted) return;
        loading = null;
        options.onState({ kind: 'error', error });
      });
  }

  function schedule(): void {
    if (frame === undefined && !disposed) frame = requestAnimationFrame(run);
  }

  return {
    update(proposal) {
      latest = proposal;
      schedule();
    },
    dispose() {
      disposed = true;
      runner.dispose();
      loading?.controller.abort();
      if (frame !== undefined) cancelAnimationFrame(frame);
    },
  };
}
