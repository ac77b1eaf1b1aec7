// A Web Worker that runs one job at a time where only the newest request matters (checks while the pointer moves); the main thread stands in where workers are missing.

export interface LatestWinsWorker<Job, Result> {
  /** Runs a job; resolves with null when a newer request superseded this one before it ran. */
  run(job: Job): Promise<Result | null>;
  /** Sends a message that is not a job (e.g. new context); dropped without a worker. */
  post(message: unknown): void;
  dispose(): void;
}

export interface LatestWinsOptions<Job, Result> {
  /** Creates the worker; written at the call site as `new Worker(new URL(…), …)` so Vite bundles it. */
  create(): Worker;
  /** The message that asks the worker to run a job. */
  message(job: Job, seq: number): unknown;
  /** The worker's reply: the job's seq with its result, or an error message. */
  reply(data: unknown): { seq: number; result: Result } | { seq: number; error: string };
  /** The same work on the main thread. */
  runHere(job: Job): Promise<Result>;
}

interface Pending<Job, Result> {
  seq: number;
  job: Job;
  resolve(result: Result | null): void;
  reject(error: unknown): void;
}

export function createLatestWinsWorker<Job, Result>(options: LatestWinsOptions<Job, Result>): LatestWinsWorker<Job, Result> {
  let worker: Worker | null = null;
  try {
    worker = options.create();
  } catch {
    worker = null;
  }
  let seq = 0;
  let inFlight: Pending<Job, Result> | null = null;
  let queued: Pending<Job, Result> | null = null;

  function send(p: Pending<Job, Result>): void {
    inFlight = p;
    worker!.postMessage(options.message(p.job, p.seq));
  }

  function fallback(reason: unknown): void {
    // A worker that fails to load (e.g. blocked by policy) is replaced by the main thread for good.
    worker?.terminate();
    worker = null;
    const jobs = [inFlight, queued].filter((j): j is Pending<Job, Result> => j !== null);
    inFlight = null;
    queued = null;
    for (const p of jobs) options.runHere(p.job).then(p.resolve, (error: unknown) => p.reject(error ?? reason));
  }

  if (worker) {
    worker.onmessage = (event: MessageEvent) => {
      const message = options.reply(event.data);
      const p = inFlight;
      if (!p || p.seq !== message.seq) return;
      inFlight = null;
      if ('result' in message) p.resolve(message.result);
      else p.reject(new Error(message.error));
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
    run(job) {
      if (!worker) return options.runHere(job);
      return new Promise((resolve, reject) => {
        const p: Pending<Job, Result> = { seq: ++seq, job, resolve, reject };
        if (!inFlight) {
          send(p);
          return;
        }
        queued?.resolve(null);
        queued = p;
      });
    },
    post(message) {
      worker?.postMessage(message);
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
