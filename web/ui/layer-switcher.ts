// Layer switcher: one checkbox per entry, kept in sync when a layer changes visibility by itself.
import type BaseLayer from 'ol/layer/Base.js';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h } from './dom.ts';

export interface LayerEntry {
  id: string;
  label: MessageKey;
  /** Several layers can share one switch (e.g. constraint kinds drawn from one source). */
  layers: BaseLayer[];
}

export interface LayerSwitcherOptions {
  container: HTMLElement;
  i18n: I18n;
  entries: LayerEntry[];
}

export function createLayerSwitcher(options: LayerSwitcherOptions): void {
  const { i18n } = options;
  const heading = h('h2', { class: 'card-heading', id: 'layers-heading' });
  const list = h('ul', { class: 'layer-list' });
  const labels: Array<() => void> = [];

  for (const entry of options.entries) {
    const id = `layer-${entry.id}`;
    const input = h('input', { type: 'checkbox', id, 'data-layer': entry.id });
    const text = h('span');
    input.checked = entry.layers.every((layer) => layer.getVisible());
    input.addEventListener('change', () => {
      for (const layer of entry.layers) layer.setVisible(input.checked);
    });
    for (const layer of entry.layers) {
      layer.on('change:visible', () => {
        input.checked = entry.layers.every((l) => l.getVisible());
      });
    }
    labels.push(() => {
      text.textContent = i18n.t(entry.label);
    });
    list.append(h('li', {}, [h('label', { for: id, class: 'layer-item' }, [input, text])]));
  }

  const section = h('section', { class: 'card-section', 'aria-labelledby': 'layers-heading' }, [heading, list]);
  options.container.append(section);

  function render(): void {
    heading.textContent = i18n.t('layers.title');
    for (const label of labels) label();
  }
  i18n.onChange(render);
  render();
}
