// Runs the zoning edit checks in a Web Worker (the newest request wins), or on the main thread where workers are missing.
import type { EditCheckContext, EditCheckResult, EditedConstraint, EditedZone } from '../../api/checks/zoning/edit-check.types.ts';

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

interface Pending {
  request: EditCheckRequest;
  resolve(results: EditCheckResult[] | null): void;
  reject(error: unknown): void;
}

// Loaded only where a worker cannot run, so the page does not carry the checks twice.
const loadChecks = () => import('../../api/checks/zoning/index.ts');

async function runHere(job: EditCheckJob): Promise<EditCheckResult[]> {
  const checks = await loadChecks();
  return job.kind === 'zone' ? checks.checkZoneEdit(job.zone, job.context) : checks.checkConstraintEdit(job.constraint, job.context);
}

export function createEditCheckRunner(): EditCheckRunner {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./edit-check-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  let seq = 0;
  let inFlight: Pending | null = null;
  let queued: Pending | null = null;

  function send(job: Pending): void {
    inFlight = job;
    worker!.postMessage(job.request);
  }

  function fallback(): void {
    // A worker that fails to load (e.g. blocked by policy) is replaced by the main thread for good.
    worker?.terminate();
    worker = null;
    const jobs = [inFlight, queued].filter((j): j is Pending => j !== null);
    inFlight = null;
    queued = null;
    for (const job of jobs) runHere(job.request).then(job.resolve, job.reject);
  }

  if (worker) {
    worker.onmessage = (event: MessageEvent<EditCheckResponse>) => {
      const message = event.data;
      const job = inFlight;
      if (!job || job.request.seq !== message.seq) return;
      inFlight = null;
      if ('results' in message) job.resolve(message.results);
      else job.reject(new Error(message.error));
      if (queued) {
        const next = queued;
        queued = null;
        send(next);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fallback();
    };
  }

  return {
    run(job) {
      if (!worker) return runHere(job);
      return new Promise((resolve, reject) => {
        const pending: Pending = { request: { ...job, seq: ++seq }, resolve, reject };
        if (!inFlight) {
          send(pending);
          return;
        }
        queued?.resolve(null);
        queued = pending;
      });
    },
    dispose() {
      worker?.terminate();
      inFlight?.resolve(null);
      queued?.resolve(null);
      inFlight = null;
      queued = null;
    },
  };
}
