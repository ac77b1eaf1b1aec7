// Runs compliance checks in a Web Worker (one at a time, the newest request wins), or on the main thread where workers are missing.
import type { BuildingProposal, CheckContext, ComplianceReport } from '../../api/checks/index.ts';
import { createLatestWinsWorker } from './latest-wins-worker.ts';

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

interface Job {
  proposal: BuildingProposal;
  parcel: CheckContext['parcel'];
}

// Loaded only where a worker cannot run: the engine is ~90 kB the page need not carry otherwise.
const loadEngine = () => import('../../api/checks/run-compliance.ts');

export function createComplianceRunner(): ComplianceRunner {
  let context: Pick<CheckContext, 'zones' | 'constraints'> = { zones: [], constraints: [] };
  const runner = createLatestWinsWorker<Job, ComplianceReport>({
    create: () => new Worker(new URL('./compliance-worker.ts', import.meta.url), { type: 'module' }),
    message: (job, seq) => ({ type: 'check', seq, proposal: job.proposal, parcel: job.parcel }) satisfies RunnerRequest,
    reply: (data) => {
      const m = data as RunnerResponse;
      return m.type === 'report' ? { seq: m.seq, result: m.report } : { seq: m.seq, error: m.message };
    },
    runHere: async (job) => (await loadEngine()).runCompliance(job.proposal, { ...context, parcel: job.parcel }),
  });
  return {
    setContext(next) {
      context = next;
      runner.post({ type: 'context', context: next } satisfies RunnerRequest);
    },
    run: (proposal, parcel) => runner.run({ proposal, parcel }),
    dispose: () => runner.dispose(),
  };
}
