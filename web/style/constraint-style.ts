// Symbols of the constraint layers (red lines, river corridors, flood, heritage, height limits).
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';

export const CONSTRAINT_KINDS = ['red_line', 'river_corridor', 'flood', 'heritage', 'height_limit'] as const;
export type KnownConstraintKind = (typeof CONSTRAINT_KINDS)[number];

interface KindSymbol {
  stroke: string;
  width: number;
  dash?: number[];
  fill?: string;
  /** Diagonal hatch colour: road reserves are drawn hatched as on plan sheets. */
  hatch?: string;
}

const symbols: Record<KnownConstraintKind, KindSymbol> = {
  red_line: { stroke: '#d7191c', width: 2, hatch: 'rgba(215, 25, 28, 0.55)' },
  river_corridor: { stroke: '#1f78b4', width: 1.5, dash: [6, 4], fill: 'rgba(98, 164, 222, 0.45)' },
  flood: { stroke: '#0f766e', width: 1, dash: [2, 4], hatch: 'rgba(15, 118, 110, 0.45)' },
  heritage: { stroke: '#7e22ce', width: 2, dash: [8, 4], fill: 'rgba(126, 34, 206, 0.12)' },
  height_limit: { stroke: '#ea580c', width: 2, dash: [10, 3, 2, 3], fill: 'rgba(234, 88, 12, 0.08)' },
};
const fallbackSymbol: KindSymbol = { stroke: '#525252', width: 1.5, dash: [4, 4], fill: 'rgba(82, 82, 82, 0.1)' };

const hatchPatterns = new Map<string, CanvasPattern | string>();

function hatch(colour: string): CanvasPattern | string {
  let pattern = hatchPatterns.get(colour);
  if (pattern) return pattern;
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return colour;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  // Three strokes so the diagonal continues seamlessly across tile edges.
  ctx.moveTo(-1, 1);
  ctx.lineTo(1, -1);
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(size - 1, size + 1);
  ctx.lineTo(size + 1, size - 1);
  ctx.stroke();
  pattern = ctx.createPattern(canvas, 'repeat') ?? colour;
  hatchPatterns.set(colour, pattern);
  return pattern;
}

const styleCache = new Map<string, Style[]>();
// Above this resolution (m/px, about zoom 15.5) a road reserve is only a few pixels wide: outlines
// are thinned and hatching dropped, or the red lines would bury the zones they separate.
const DETAIL_MAX_RESOLUTION = 2.5;

export function isKnownKind(kind: string): kind is KnownConstraintKind {
  return (CONSTRAINT_KINDS as readonly string[]).includes(kind);
}

/** Styles for one constraint kind at a view resolution (m/px); `selected` adds a highlight outline. */
export function constraintStyle(kind: string, selected = false, resolution = 1): Style[] {
  const coarse = resolution > DETAIL_MAX_RESOLUTION;
  const key = `${kind}|${selected}|${coarse}`;
  let styles = styleCache.get(key);
  if (styles) return styles;
  const symbol = isKnownKind(kind) ? symbols[kind] : fallbackSymbol;
  const fillColour = symbol.hatch ? (coarse ? undefined : hatch(symbol.hatch)) : symbol.fill;
  const width = coarse ? Math.min(symbol.width, 1) : symbol.width;
  styles = [
    new Style({
      fill: fillColour ? new Fill({ color: fillColour }) : undefined,
      stroke: new Stroke({ color: symbol.stroke, width, lineDash: symbol.dash }),
    }),
  ];
  if (selected) {
    styles.unshift(new Style({ stroke: new Stroke({ color: '#ffffff', width: symbol.width + 5 }) }));
    styles.push(new Style({ stroke: new Stroke({ color: '#1d4ed8', width: 2.5 }) }));
  }
  styleCache.set(key, styles);
  return styles;
}
