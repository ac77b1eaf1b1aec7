// Symbols of a change set on the map: added green, modified orange, removed red dashed; the before shape of a modification faint.
import type { FeatureLike } from 'ol/Feature.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import type { EditOp } from '../api/plan-client.ts';

export type ChangeKind = 'added' | 'modified' | 'removed';
/** Which shape of an edit a map feature draws: the proposed one (after) or the one in force (before). */
export type DiffPhase = 'before' | 'after';

/** The plain symbol of a change (kept free of OpenLayers so it can be tested and shown in the map key). */
export interface DiffSymbol {
  stroke: string;
  fill: string;
  width: number;
  /** Dash pattern in px; empty for a solid line. */
  dash: number[];
}

export const DIFF_COLOURS: Record<ChangeKind, string> = { added: '#15803d', modified: '#ea580c', removed: '#dc2626' };

export function changeKindOf(op: EditOp | string): ChangeKind {
  if (op === 'create' || op === 'added') return 'added';
  if (op === 'delete' || op === 'removed') return 'removed';
  return 'modified';
}

function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/**
 * The symbol of a change drawn in one phase. A removed feature is dashed in both phases (it is its
 * old shape either way); the old shape of a modification is dashed and nearly empty, so the new
 * one stands out when both are on the map.
 */
export function diffSymbol(kind: ChangeKind, phase: DiffPhase, highlighted = false): DiffSymbol {
  const colour = DIFF_COLOURS[kind];
  const width = highlighted ? 4 : 2.5;
  if (kind === 'removed') return { stroke: colour, fill: alpha(colour, highlighted ? 0.3 : 0.15), width, dash: [8, 6] };
  if (phase === 'before') return { stroke: colour, fill: alpha(colour, 0.06), width: width - 1, dash: [4, 4] };
  return { stroke: colour, fill: alpha(colour, highlighted ? 0.45 : 0.3), width, dash: [] };
}

const cache = new Map<string, Style[]>();
const labels = new Map<string, Style>();

function styleOf(symbol: DiffSymbol, highlighted: boolean): Style[] {
  const key = `${symbol.stroke}|${symbol.fill}|${symbol.width}|${symbol.dash.join(',')}|${highlighted}`;
  let styles = cache.get(key);
  if (!styles) {
    styles = [
      // A white casing keeps the change readable over any land-use colour.
      new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: symbol.width + 3 }), zIndex: 1 }),
      new Style({
        stroke: new Stroke({ color: symbol.stroke, width: symbol.width, lineDash: symbol.dash.length ? symbol.dash : undefined }),
        fill: new Fill({ color: symbol.fill }),
        zIndex: 2,
      }),
    ];
    cache.set(key, styles);
  }
  return styles;
}

function labelOf(text: string, colour: string): Style {
  const key = `${text}|${colour}`;
  let style = labels.get(key);
  if (!style) {
    style = new Style({
      text: new Text({
        text,
        font: '700 12px system-ui, sans-serif',
        fill: new Fill({ color: colour }),
        stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.95)', width: 3 }),
        overflow: true,
      }),
      zIndex: 3,
    });
    labels.set(key, style);
  }
  return style;
}

/**
 * Style of a diff feature: its `change` (added/modified/removed), `phase` (before/after) and
 * `highlighted` properties choose the symbol; the lot code is written on it.
 */
export function diffStyle(feature: FeatureLike): Style[] {
  const kind = changeKindOf(String(feature.get('change') ?? 'modified'));
  const phase: DiffPhase = feature.get('phase') === 'before' ? 'before' : 'after';
  const highlighted = feature.get('highlighted') === true;
  const symbol = diffSymbol(kind, phase, highlighted);
  const styles = styleOf(symbol, highlighted);
  const lot = feature.get('lot_code');
  if (typeof lot === 'string' && lot && phase === 'after') return [...styles, labelOf(lot, DIFF_COLOURS[kind])];
  return styles;
}
