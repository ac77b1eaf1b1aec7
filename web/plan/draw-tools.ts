// Drawing and vertex editing of one zone or constraint (OpenLayers Draw/Modify/Snap), snapping to neighbouring zones and parcels, with undo/redo.
import Feature from 'ol/Feature.js';
import type { Polygonal } from '../../api/checks/check.types.ts';
import type { EditLayer } from '../api/plan-client.ts';
import { createPolygonEditor, type PolygonEditor } from '../edit/polygon-editor.ts';
import type { I18n } from '../i18n/i18n.ts';
import { readGeometry, writePolygonal } from '../map/geo-format.ts';
import { sketchStyles } from '../style/permit-style.ts';
import { h, replace } from '../ui/dom.ts';
import { areaOf } from '../ui/shape-tools.ts';
import type { PlanMap } from './plan-map.ts';
import { createUndoStack, undoKey } from './undo-stack.ts';

export type DrawMode = 'idle' | 'drawing' | 'editing';

export interface DrawToolsOptions {
  container: HTMLElement;
  i18n: I18n;
  planMap: PlanMap;
  /** Called after every completed change of the shape (drawn, vertex moved, undone, cleared). */
  onChange(geometry: Polygonal | null): void;
  /** Called while a vertex is dragged or a corner placed (for the live check). */
  onSketch?(geometry: Polygonal | null): void;
  onModeChange?(mode: DrawMode): void;
}

export interface DrawTools {
  element: HTMLElement;
  /** Starts drawing a new shape of `layer` (any earlier shape is replaced). */
  draw(layer: EditLayer): void;
  /** Puts an existing shape up for vertex editing (the history starts from it). */
  edit(layer: EditLayer, geometry: Polygonal): void;
  /** Ends drawing and editing and forgets the shape. */
  reset(): void;
  undo(): void;
  redo(): void;
  geometry(): Polygonal | null;
  setEnabled(enabled: boolean): void;
  readonly mode: DrawMode;
  readonly layer: EditLayer;
  readonly depth: { undo: number; redo: number };
}

const sameShape = (a: Polygonal | null, b: Polygonal | null) => JSON.stringify(a) === JSON.stringify(b);

export function createDrawTools(options: DrawToolsOptions): DrawTools {
  const { i18n, planMap } = options;
  const { map } = planMap.publicMap;
  const source = planMap.pendingSource;
  let layer: EditLayer = 'zones';
  let enabled = true;
  const history = createUndoStack<Polygonal | null>(null, { equals: sameShape });

  const snapTargets = (forLayer: EditLayer) => {
    // OpenLayers hands pointer events to the last added interaction first, and each Snap passes on the
    // position it snapped: listing parcels first and zones last lets a zone outline win over a parcel.
    const parcels = planMap.parcels ? [planMap.parcels.source] : [];
    return forLayer === 'zones' ? [...parcels, planMap.working.zones] : [...parcels, planMap.working.zones, planMap.working.constraints];
  };
  const editorFor = (forLayer: EditLayer): PolygonEditor =>
    createPolygonEditor({
      map,
      source,
      snapTo: snapTargets(forLayer),
      sketchStyle: sketchStyles,
      onSketch: (geometry) => options.onSketch?.(writePolygonal(geometry)),
      onChange: (geometry) => {
        const shape = writePolygonal(geometry);
        history.push(shape);
        render();
        options.onChange(shape);
      },
      onModeChange: (mode) => {
        render();
        options.onModeChange?.(mode);
      },
    });
  const editors: Record<EditLayer, PolygonEditor> = { zones: editorFor('zones'), constraints: editorFor('constraints') };
  const editor = () => editors[layer];

  const status = h('p', { class: 'shape-status', 'aria-live': 'polite', 'data-testid': 'shape-status' });
  const buttons = h('div', { class: 'shape-buttons draw-buttons' });
  const hint = h('p', { class: 'hint' });
  const element = h('div', { class: 'draw-tools', 'data-testid': 'draw-tools' }, [status, buttons, hint]);
  options.container.append(element);

  function show(shape: Polygonal | null): void {
    const current = editor();
    current.stop();
    source.clear();
    if (shape) {
      source.addFeature(new Feature({ geometry: readGeometry(shape) }));
      current.edit();
    }
    render();
    options.onChange(shape);
  }

  function button(key: Parameters<I18n['t']>[0], action: string, onClick: () => void, attrs: { primary?: boolean; disabled?: boolean; title?: string } = {}): HTMLButtonElement {
    const b = h('button', {
      type: 'button',
      class: `button small${attrs.primary ? ' primary' : ''}`,
      'data-action': action,
      disabled: !enabled || attrs.disabled === true,
      title: attrs.title,
    }, [i18n.t(key)]);
    b.addEventListener('click', onClick);
    return b;
  }

  function render(): void {
    const shape = writePolygonal(editor().geometry());
    const area = areaOf(shape);
    const mode = editor().mode;
    status.textContent = area !== null ? i18n.t('plan.draw.area', { area: i18n.number(area, 1) }) : i18n.t('plan.draw.none');
    element.dataset.mode = mode;
    if (mode === 'drawing') {
      replace(buttons, [button('plan.draw.cancel', 'cancel', () => {
        editor().stop();
        if (editor().geometry()) editor().edit();
      })]);
      hint.textContent = i18n.t('plan.draw.hint');
      return;
    }
    replace(buttons, [
      button('plan.draw.undo', 'undo', undo, { disabled: !history.canUndo, title: i18n.t('plan.draw.undoKey') }),
      button('plan.draw.redo', 'redo', redo, { disabled: !history.canRedo, title: i18n.t('plan.draw.redoKey') }),
      area !== null ? button('plan.draw.redraw', 'redraw', () => editor().draw()) : null,
    ]);
    hint.textContent = area !== null ? i18n.t('plan.draw.modifyHint') : '';
  }

  function undo(): void {
    if (!history.canUndo || editor().mode === 'drawing') return;
    show(history.undo() ?? null);
  }

  function redo(): void {
    if (!history.canRedo || editor().mode === 'drawing') return;
    show(history.redo() ?? null);
  }

  document.addEventListener('keydown', (event) => {
    const what = undoKey(event);
    if (!what || !enabled) return;
    const target = event.target as HTMLElement | null;
    // Text fields keep their own undo.
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (source.isEmpty() && !history.canUndo && !history.canRedo) return;
    event.preventDefault();
    if (what === 'undo') undo();
    else redo();
  });

  i18n.onChange(render);
  render();

  return {
    element,
    draw(next) {
      for (const e of Object.values(editors)) e.stop();
      layer = next;
      editor().draw();
      render();
    },
    edit(next, geometry) {
      for (const e of Object.values(editors)) e.stop();
      layer = next;
      history.reset(geometry);
      source.clear();
      source.addFeature(new Feature({ geometry: readGeometry(geometry) }));
      editor().edit();
      render();
    },
    reset() {
      for (const e of Object.values(editors)) e.stop();
      source.clear();
      history.reset(null);
      render();
    },
    undo,
    redo,
    geometry: () => writePolygonal(editor().geometry()),
    setEnabled(next) {
      enabled = next;
      render();
    },
    get mode() {
      return editor().mode;
    },
    get layer() {
      return layer;
    },
    get depth() {
      return history.depth;
    },
  };
}
