// Runs the compliance engine off the main thread, so dragging a corner stays smooth while each check takes tens of milliseconds.
import { runCompliance, type CheckContext } from '../../api/checks/index.ts';
import type { RunnerRequest, RunnerResponse } from './compliance-runner.ts';

// This file runs in a dedicated worker; the DOM typings of the web build describe only the part used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RunnerRequest>) => void) | null;
  postMessage(message: RunnerResponse): void;
};

let context: Pick<CheckContext, 'zones' | 'constraints'> = { zones: [], constraints: [] };

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'context') {
    context = message.context;
    return;
  }
  try {
    const report = runCompliance(message.proposal, { ...context, parcel: message.parcel });
    scope.postMessage({ type: 'report', seq: message.seq, report });
  } catch (error) {
    scope.postMessage({ type: 'error', seq: message.seq, message: error instanceof Error ? error.message : String(error) });
  }
};
