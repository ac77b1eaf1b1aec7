// Map legend: land-use colours from the code list, constraint symbols and the ward boundary, drawn with the map's own styles.
import LineString from 'ol/geom/LineString.js';
import Polygon from 'ol/geom/Polygon.js';
import { toContext } from 'ol/render.js';
import type Style from 'ol/style/Style.js';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { CONSTRAINT_KINDS, constraintStyle } from '../style/constraint-style.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { wardBoundaryStyles } from '../style/ward-style.ts';
import { h, replace } from './dom.ts';

export interface LegendOptions {
  container: HTMLElement;
  i18n: I18n;
  palette: LandUsePalette | undefined;
}

export interface Legend {
  setPalette(palette: LandUsePalette | undefined): void;
  /** Land-use codes of the zones in view; the legend lists only these unless the user asks for all. */
  setCodesInView(codes: Iterable<string> | undefined): void;
}

const SWATCH_W = 28;
const SWATCH_H = 18;

function swatch(styles: Style[], shape: 'area' | 'line'): HTMLCanvasElement {
  const ratio = window.devicePixelRatio || 1;
  const canvas = h('canvas', { class: 'swatch', 'aria-hidden': 'true' });
  canvas.width = SWATCH_W * ratio;
  canvas.height = SWATCH_H * ratio;
  canvas.style.width = `${SWATCH_W}px`;
  canvas.style.height = `${SWATCH_H}px`;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const render = toContext(context, { size: [SWATCH_W, SWATCH_H], pixelRatio: ratio });
  const geometry =
    shape === 'area'
      ? new Polygon([[[2, 2], [SWATCH_W - 2, 2], [SWATCH_W - 2, SWATCH_H - 2], [2, SWATCH_H - 2], [2, 2]]])
      : new LineString([[1, SWATCH_H / 2], [SWATCH_W - 1, SWATCH_H / 2]]);
  for (const style of styles) {
    render.setStyle(style);
    render.drawGeometry(geometry);
  }
  return canvas;
}

export function createLegend(options: LegendOptions): Legend {
  const { i18n } = options;
  let palette = options.palette;
  let inView: Set<string> | undefined;
  let showAll = false;
  const section = h('section', { class: 'card-section legend', 'aria-labelledby': 'legend-heading', 'data-testid': 'legend' });
  options.container.append(section);

  function group(titleKey: MessageKey, items: HTMLElement[]): HTMLElement {
    return h('div', { class: 'legend-group' }, [
      h('h3', { class: 'legend-group-title' }, [i18n.t(titleKey)]),
      h('ul', { class: 'legend-list' }, items),
    ]);
  }

  function render(): void {
    const all = palette?.legendEntries() ?? [];
    const filtered = !showAll && inView !== undefined && inView.size > 0;
    const landUse = filtered ? all.filter((entry) => inView!.has(entry.code)) : all;
    const landUseItems = landUse.map((entry) =>
      h('li', { class: 'legend-item', 'data-code': entry.code }, [
        swatch([palette!.swatchStyle(entry.code)], 'area'),
        h('span', { class: 'legend-code' }, [entry.code]),
        h('span', { class: 'legend-label' }, [i18n.pick(entry.name_vi, entry.name_en)]),
      ]),
    );
    const constraintItems = CONSTRAINT_KINDS.map((kind) =>
      h('li', { class: 'legend-item', 'data-kind': kind }, [
        swatch(constraintStyle(kind), 'area'),
        h('span', { class: 'legend-label' }, [i18n.t(`kind.${kind}` as MessageKey)]),
      ]),
    );
    replace(section, [
      h('h2', { class: 'card-heading', id: 'legend-heading' }, [i18n.t('legend.title')]),
      landUseItems.length > 0
        ? group(filtered ? 'legend.landUseInView' : 'legend.landUse', landUseItems)
        : h('p', { class: 'legend-empty' }, [i18n.t('legend.empty')]),
      filtered || showAll ? toggleButton(all.length) : null,
      group('legend.constraints', constraintItems),
      group('legend.admin', [
        h('li', { class: 'legend-item' }, [
          swatch(wardBoundaryStyles, 'line'),
          h('span', { class: 'legend-label' }, [i18n.t('legend.ward')]),
        ]),
      ]),
      h('p', { class: 'legend-hint' }, [i18n.t('legend.clickHint')]),
    ]);
  }

  function toggleButton(count: number): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'legend-toggle', 'aria-pressed': String(showAll) }, [
      showAll ? i18n.t('legend.showInView') : i18n.t('legend.showAll', { count }),
    ]);
    button.addEventListener('click', () => {
      showAll = !showAll;
      render();
      section.querySelector<HTMLButtonElement>('.legend-toggle')?.focus();
    });
    return button;
  }

  i18n.onChange(render);
  render();

  return {
    setPalette(next) {
      palette = next;
      render();
    },
    setCodesInView(codes) {
      const next = codes === undefined ? undefined : new Set(codes);
      const same = next && inView && next.size === inView.size && [...next].every((code) => inView!.has(code));
      if (same) return;
      inView = next;
      render();
    },
  };
}
