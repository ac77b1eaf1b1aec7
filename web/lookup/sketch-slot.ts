// The sketch tool loaded on the first card with a parcel: its drawing and live-check code stays out of the public map's first load.
import { h } from '../ui/dom.ts';
import type { RuleCard } from './lookup-api.ts';
import type { SketchState, SketchTool, SketchToolOptions } from './sketch-tool.ts';

const NO_SKETCH: SketchState = { footprint: null, floors: null, height_m: null, gfa_m2: null, use: null };

/**
 * A SketchTool whose element is an empty slot until the module arrives (OpenLayers' editing
 * interactions and the compliance runner are most of it); calls made meanwhile are replayed on it.
 * Before any parcel card the map never needs it, and a reader who only looks things up never loads it.
 */
export function createSketchSlot(options: SketchToolOptions): SketchTool {
  const element = h('div', { class: 'sketch-slot', 'data-testid': 'sketch-slot' });
  let tool: SketchTool | null = null;
  let loading: Promise<void> | null = null;
  let pending: { card: RuleCard | null; date: string | null; restore: SketchState | null } = { card: null, date: null, restore: null };

  const load = (): void => {
    loading ??= import('./sketch-tool.ts').then(
      (m) => {
        const t = m.createSketchTool(options);
        element.replaceChildren(t.element);
        t.setCard(pending.card, pending.date);
        if (pending.restore) t.restore(pending.restore);
        tool = t;
        options.onChange();
      },
      (error: unknown) => {
        // Said where the sketch would be; the next card with a parcel tries again.
        loading = null;
        element.replaceChildren(h('p', { class: 'sketch-server', role: 'alert' }, [options.i18n.t('sketch.loadError', { detail: error instanceof Error ? error.message : String(error) })]));
      },
    );
  };

  return {
    element,
    setCard(card, date) {
      if (tool) return tool.setCard(card, date);
      pending = { card, date, restore: card?.parcel?.id === pending.card?.parcel?.id ? pending.restore : null };
      if (card?.parcel) load();
    },
    state() {
      return tool ? tool.state() : (pending.restore ?? NO_SKETCH);
    },
    restore(state) {
      if (tool) tool.restore(state);
      else pending.restore = state;
    },
    get mode() {
      return tool ? tool.mode : 'idle';
    },
    clear() {
      if (tool) tool.clear();
      else pending.restore = null;
    },
  };
}
