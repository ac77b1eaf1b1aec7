// Loads data for the current view: debounced on moveend, with superseded requests aborted.
import type Map from 'ol/Map.js';
import type { LonLatBbox } from '../api/types.ts';

export interface ViewLoaderOptions {
  map: Map;
  viewBbox(): LonLatBbox | undefined;
  /** Fetches and applies the data for `bbox`; must honour `signal`. */
  load(bbox: LonLatBbox, signal: AbortSignal): Promise<void>;
  onError?(error: unknown): void;
  /** Called with true when a load starts and false when the last one settles. */
  onBusy?(busy: boolean): void;
  /** Waiting time after the view stops moving; avoids a request per animation frame. */
  debounceMs?: number;
}

export interface ViewLoader {
  /** Loads now for the current view (e.g. after a language or data change). */
  reload(): void;
  dispose(): void;
}

export function createViewLoader(options: ViewLoaderOptions): ViewLoader {
  const debounceMs = options.debounceMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  async function run(): Promise<void> {
    timer = undefined;
    const bbox = options.viewBbox();
    if (!bbox) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    options.onBusy?.(true);
    try {
      await options.load(bbox, current.signal);
    } catch (error) {
      if (!current.signal.aborted) options.onError?.(error);
    } finally {
      if (controller === current) {
        controller = undefined;
        options.onBusy?.(false);
      }
    }
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  }

  const onMoveEnd = () => schedule();
  options.map.on('moveend', onMoveEnd);

  return {
    reload: schedule,
    dispose() {
      options.map.un('moveend', onMoveEnd);
      if (timer !== undefined) clearTimeout(timer);
      controller?.abort();
    },
  };
}
