// Runs compliance checks in a Web Worker (one at a time, the newest request wins), or on the main thread where workers are missing.
import type { BuildingProposal, CheckContext, ComplianceReport } from '../../api/checks/index.ts';

export type RunnerRequest =
  | { type: 'context'; context: Pick<CheckContext, 'zones' | 'constraints'> }
  | { type: 'check'; seq: number; proposal: BuildingProposal; parcel: CheckContext['parcel'] };

export type RunnerResponse = { type: 'report'; seq: number; report: ComplianceReport } | { type: 'error'; seq: number; message: string };

export interface ComplianceRunner {
  setContext(context: Pick<CheckContext, 'zones' | 'constraints'>): void;
  /**
   * Checks a proposal; resolves with null when a newer request superseded this one before it ran
   * (only the latest drawing matters while the pointer moves).
   */
  run(proposal: BuildingProposal, parcel: CheckContext['parcel']): Promise<ComplianceReport | null>;
  dispose(): void;
}

interface Pending {
  seq: number;
  proposal: BuildingProposal;
  parcel: CheckContext['parcel'];
  resolve(report: ComplianceReport | null): void;
  reject(error: unknown): void;
}

// Loaded only where a worker cannot run: the engine is ~90 kB the page need not carry otherwise.
const loadEngine = () => import('../../api/checks/run-compliance.ts');

export function createComplianceRunner(): ComplianceRunner {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./compliance-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  let context: Pick<CheckContext, 'zones' | 'constraints'> = { zones: [], constraints: [] };
  let seq = 0;
  let inFlight: Pending | null = null;
  let queued: Pending | null = null;

  function send(job: Pending): void {
    inFlight = job;
    worker!.postMessage({ type: 'check', seq: job.seq, proposal: job.proposal, parcel: job.parcel } satisfies RunnerRequest);
  }

  function fallback(reason: unknown): void {
    // A worker that fails to load (e.g. blocked by policy) is replaced by the main thread for good.
    worker?.terminate();
    worker = null;
    const jobs = [inFlight, queued].filter((j): j is Pending => j !== null);
    inFlight = null;
    queued = null;
    for (const job of jobs) {
      loadEngine()
        .then((engine) => job.resolve(engine.runCompliance(job.proposal, { ...context, parcel: job.parcel })))
        .catch((error: unknown) => job.reject(error ?? reason));
    }
  }

  if (worker) {
    worker.onmessage = (event: MessageEvent<RunnerResponse>) => {
      const message = event.data;
      const job = inFlight;
      if (!job || job.seq !== message.seq) return;
      inFlight = null;
      if (message.type === 'report') job.resolve(message.report);
      else job.reject(new Error(message.message));
      if (queued) {
        const next = queued;
        queued = null;
        send(next);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fallback(event.message);
    };
  }

  return {
    setContext(next) {
      context = next;
      worker?.postMessage({ type: 'context', context: next } satisfies RunnerRequest);
    },
    run(proposal, parcel) {
      if (!worker) return loadEngine().then((engine) => engine.runCompliance(proposal, { ...context, parcel }));
      return new Promise((resolve, reject) => {
        const job: Pending = { seq: ++seq, proposal, parcel, resolve, reject };
        if (!inFlight) {
          send(job);
          return;
        }
        queued?.resolve(null);
        queued = job;
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
