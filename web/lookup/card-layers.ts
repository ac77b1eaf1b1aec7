// The rule card drawn on the map: the parcel, its part in each zone (land-use colour, share label), constraint overlaps, the red-line take and the buildable area.
import Feature from 'ol/Feature.js';
import type Geometry from 'ol/geom/Geometry.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import type Polygon from 'ol/geom/Polygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent.js';
import type { I18n } from '../i18n/i18n.ts';
import { readGeometry } from '../map/geo-format.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import type { RuleCard } from './lookup-api.ts';

export const TAKE_COLOUR = '#dc2626';
export const OVERLAP_COLOUR = '#c2410c';
export const BUILDABLE_COLOUR = '#15803d';
export const PARCEL_COLOUR = '#0f172a';

export interface CardLayers {
  layer: VectorLayer<VectorSource<Feature>>;
  /** Draws a card's geometry (nothing for a point card or null). */
  setCard(card: RuleCard | null): void;
  /** Extent of the parcel in view coordinates, if one is drawn. */
  parcelExtent(): Extent | null;
  /** Redraws labels and colours (language or palette changed). */
  refresh(): void;
}

/** Diagonal stripes as a canvas pattern: hatching tells "taken" or "restricted" apart from the zone colours below. */
function hatch(colour: string, background: string): CanvasPattern | string {
  const canvas = document.createElement('canvas');
  const size = 8 * Math.max(1, Math.round(window.devicePixelRatio || 1));
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return background;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colour;
  ctx.lineWidth = size / 5;
  ctx.beginPath();
  for (const o of [-size, 0, size]) {
    ctx.moveTo(o, size);
    ctx.lineTo(o + size, 0);
  }
  ctx.stroke();
  return ctx.createPattern(canvas, 'repeat') ?? background;
}

function withAlpha(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return `rgba(212, 212, 212, ${alpha})`;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A point inside a (multi)polygon for its label: the interior point of its largest part. */
function labelPoint(geometry: Geometry): Geometry | undefined {
  if (geometry.getType() === 'Polygon') return (geometry as Polygon).getInteriorPoint();
  if (geometry.getType() === 'MultiPolygon') {
    const polys = (geometry as MultiPolygon).getPolygons();
    const largest = polys.reduce((a, b) => (b.getArea() > a.getArea() ? b : a), polys[0]);
    return largest?.getInteriorPoint();
  }
  return undefined;
}

export function createCardLayers(options: { i18n: I18n; palette(): LandUsePalette | undefined; zIndex?: number }): CardLayers {
  const { i18n } = options;
  const source = new VectorSource<Feature>();
  let takeFill: CanvasPattern | string | null = null;
  let overlapFill: CanvasPattern | string | null = null;

  const parcelStyles = [
    new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 6 }), zIndex: 10 }),
    new Style({ stroke: new Stroke({ color: PARCEL_COLOUR, width: 2.5 }), zIndex: 11 }),
  ];
  const buildableStyles = [
    new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.85)', width: 4 }), zIndex: 8 }),
    new Style({ stroke: new Stroke({ color: BUILDABLE_COLOUR, width: 2, lineDash: [7, 5] }), fill: new Fill({ color: 'rgba(21, 128, 61, 0.08)' }), zIndex: 9 }),
  ];

  function style(feature: FeatureLike, resolution: number): Style[] {
    switch (feature.get('part')) {
      case 'parcel':
        return parcelStyles;
      case 'buildable':
        return buildableStyles;
      case 'take':
        takeFill ??= hatch('rgba(220, 38, 38, 0.85)', 'rgba(254, 226, 226, 0.55)');
        return [new Style({ fill: new Fill({ color: takeFill }), stroke: new Stroke({ color: TAKE_COLOUR, width: 2 }), zIndex: 6 })];
      case 'overlap':
        overlapFill ??= hatch('rgba(194, 65, 12, 0.8)', 'rgba(255, 237, 213, 0.45)');
        return [new Style({ fill: new Fill({ color: overlapFill }), stroke: new Stroke({ color: OVERLAP_COLOUR, width: 1.5, lineDash: [4, 3] }), zIndex: 5 })];
      case 'zone': {
        const colour = options.palette()?.colourOf(String(feature.get('land_use_code'))) ?? '#d4d4d4';
        const styles = [new Style({ fill: new Fill({ color: withAlpha(colour, 0.75) }), stroke: new Stroke({ color: 'rgba(15, 23, 42, 0.55)', width: 1 }), zIndex: 4 })];
        // Labels only where the lot is big enough on screen to carry one (about 1 m per pixel or finer).
        if (resolution < 1.2) {
          styles.push(
            new Style({
              geometry: (f) => labelPoint((f as Feature).getGeometry()!),
              text: new Text({
                text: `${feature.get('lot_code')} · ${i18n.number(Number(feature.get('share_pct')), 1)} %`,
                font: '600 12px system-ui, sans-serif',
                fill: new Fill({ color: '#0f172a' }),
                stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.95)', width: 3.5 }),
                overflow: true,
              }),
              zIndex: 20,
            }),
          );
        }
        return styles;
      }
      default:
        return [];
    }
  }

  const layer = new VectorLayer({ source, zIndex: 50, style, properties: { sppKind: 'card' } });
  if (options.zIndex !== undefined) layer.setZIndex(options.zIndex);

  function add(part: string, geometry: object | null | undefined, props: Record<string, unknown> = {}): void {
    if (!geometry) return;
    source.addFeature(new Feature({ geometry: readGeometry(geometry as never), part, ...props }));
  }

  return {
    layer,
    setCard(card) {
      source.clear(true);
      const g = card?.geometry;
      if (!card || !g) {
        source.changed();
        return;
      }
      const zones = new Map(card.zones.map((z) => [z.id, z]));
      for (const part of g.zone_parts ?? []) {
        const z = zones.get(part.zone_id);
        add('zone', part.geometry, { zone_id: part.zone_id, lot_code: z?.lot_code ?? '', land_use_code: z?.land_use_code ?? '', share_pct: z?.share_pct ?? 0 });
      }
      for (const o of g.constraint_overlaps ?? []) add('overlap', o.geometry, { constraint_id: o.constraint_id });
      add('take', g.red_line_take);
      add('buildable', g.buildable);
      add('parcel', g.parcel);
      source.changed();
    },
    parcelExtent() {
      const extent = createEmpty();
      for (const f of source.getFeatures()) if (f.get('part') === 'parcel') extend(extent, f.getGeometry()!.getExtent());
      return isEmpty(extent) ? null : extent;
    },
    refresh() {
      layer.changed();
    },
  };
}
