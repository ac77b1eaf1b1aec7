// Buttons and status for one drawn polygon (site or footprint): draw, redraw, clear, cancel, its planar area and a hint.
import type { Polygonal } from '../../api/checks/index.ts';
import { measurementSrid, planarArea } from '../../api/checks/planar.ts';
import type { PolygonEditor } from '../edit/polygon-editor.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { writePolygonal } from '../map/geo-format.ts';
import { h, replace } from './dom.ts';

export interface ShapeToolsOptions {
  container: HTMLElement;
  i18n: I18n;
  editor: PolygonEditor;
  testId: string;
  /** Pointer of the body member the shape is sent as, for server errors. */
  path: string;
  drawKey: MessageKey;
  emptyKey: MessageKey;
  /** Text when a shape exists, with {area} in m². */
  describe(area: string): string;
  /** Why drawing is not possible yet (null: it is). */
  blocked?(): MessageKey | null;
}

export interface ShapeTools {
  /** Redraws buttons and texts (after the shape or the editor's mode changed). */
  update(): void;
  setDisabled(disabled: boolean): void;
  element: HTMLElement;
}

/** Planar TM-3 area in m², as official areas are measured. */
export function areaOf(geometry: Polygonal | null): number | null {
  return geometry ? planarArea(geometry, measurementSrid(geometry)) : null;
}

export function createShapeTools(options: ShapeToolsOptions): ShapeTools {
  const { i18n, editor } = options;
  let disabled = false;
  const status = h('p', { class: 'shape-status', 'aria-live': 'polite' });
  const buttons = h('div', { class: 'shape-buttons' });
  const hint = h('p', { class: 'hint' });
  const element = h('div', { class: 'shape-tools', 'data-testid': options.testId, 'data-path': options.path }, [status, buttons, hint]);
  options.container.append(element);

  function button(key: MessageKey, action: string, onClick: () => void, primary = false): HTMLButtonElement {
    const b = h('button', { type: 'button', class: `button small${primary ? ' primary' : ''}`, 'data-action': action, disabled }, [i18n.t(key)]);
    b.addEventListener('click', onClick);
    return b;
  }

  function update(): void {
    const geometry = writePolygonal(editor.geometry());
    const area = areaOf(geometry);
    const blocked = options.blocked?.() ?? null;
    status.textContent = area !== null ? options.describe(i18n.number(area, 1)) : i18n.t(options.emptyKey);
    element.dataset.hasShape = String(area !== null);
    if (editor.mode === 'drawing') {
      replace(buttons, [button('draw.cancel', 'cancel', () => {
        editor.stop();
        if (editor.geometry()) editor.edit();
      })]);
      hint.textContent = i18n.t('draw.hint');
    } else {
      replace(buttons, [
        button(area !== null ? 'footprint.redraw' : options.drawKey, 'draw', () => editor.draw(), area === null),
        area !== null ? button('footprint.clear', 'clear', () => editor.clear()) : null,
      ]);
      hint.textContent = blocked ? i18n.t(blocked) : area !== null ? i18n.t('footprint.modifyHint') : '';
      if (blocked) for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    }
  }

  i18n.onChange(update);
  update();
  return {
    update,
    element,
    setDisabled(next) {
      disabled = next;
      update();
    },
  };
}

/** The tools of a building footprint, as every permit form has them (sent as /footprint). */
export function createFootprintTools(options: Pick<ShapeToolsOptions, 'container' | 'i18n' | 'editor' | 'blocked'>): ShapeTools {
  const { i18n } = options;
  return createShapeTools({
    ...options,
    testId: 'footprint-tools',
    path: '/footprint',
    drawKey: 'footprint.draw',
    emptyKey: 'footprint.none',
    describe: (area) => i18n.t('footprint.area', { area }),
  });
}
