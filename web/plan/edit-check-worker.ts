// Runs the zoning edit checks off the main thread, so dragging a vertex stays smooth next to large neighbours.
import { checkConstraintEdit, checkZoneEdit } from '../../api/checks/zoning/index.ts';
import type { EditCheckRequest, EditCheckResponse } from './edit-check-runner.ts';

// This file runs in a dedicated worker; the DOM typings of the web build describe only the part used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EditCheckRequest>) => void) | null;
  postMessage(message: EditCheckResponse): void;
};

scope.onmessage = (event) => {
  const job = event.data;
  try {
    const results = job.kind === 'zone' ? checkZoneEdit(job.zone, job.context) : checkConstraintEdit(job.constraint, job.context);
    scope.postMessage({ seq: job.seq, results });
  } catch (error) {
    scope.postMessage({ seq: job.seq, error: error instanceof Error ? error.message : String(error) });
  }
};
