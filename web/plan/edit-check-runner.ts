// Runs the zoning edit checks in a Web Worker (the newest request wins), or on the main thread where workers are missing.
import type { EditCheckContext, EditCheckResult, EditedConstraint, EditedZone } from '../../api/checks/zoning/edit-check.types.ts';
import { createLatestWinsWorker } from '../checks/latest-wins-worker.ts';

export type EditCheckJob =
  | { kind: 'zone'; zone: EditedZone; context: EditCheckContext }
  | { kind: 'constraint'; constraint: EditedConstraint; context: EditCheckContext };
export type EditCheckRequest = EditCheckJob & { seq: number };
export type EditCheckResponse = { seq: number; results: EditCheckResult[] } | { seq: number; error: string };

export interface EditCheckRunner {
  /** Checks an edit; resolves with null when a newer request superseded this one before it ran. */
  run(job: EditCheckJob): Promise<EditCheckResult[] | null>;
  dispose(): void;
}

// Loaded only where a worker cannot run, so the page does not carry the checks twice.
const loadChecks = () => import('../../api/checks/zoning/index.ts');

async function runHere(job: EditCheckJob): Promise<EditCheckResult[]> {
  const checks = await loadChecks();
  return job.kind === 'zone' ? checks.checkZoneEdit(job.zone, job.context) : checks.checkConstraintEdit(job.constraint, job.context);
}

export function createEditCheckRunner(): EditCheckRunner {
  const runner = createLatestWinsWorker<EditCheckJob, EditCheckResult[]>({
    create: () => new Worker(new URL('./edit-check-worker.ts', import.meta.url), { type: 'module' }),
    message: (job, seq) => ({ ...job, seq }) satisfies EditCheckRequest,
    reply: (data) => {
      const m = data as EditCheckResponse;
      return 'results' in m ? { seq: m.seq, result: m.results } : { seq: m.seq, error: m.error };
    },
    runHere,
  });
  return { run: (job) => runner.run(job), dispose: () => runner.dispose() };
}
