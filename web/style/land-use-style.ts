// Land-use colours and zone styles, all taken from the API's land-use code list (plan-sheet symbols first).
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { LandUseCode } from '../api/types.ts';

/** Colour for zones whose land-use code is not in the list: neutral so it never reads as a category. */
export const UNKNOWN_LAND_USE_COLOUR = '#d4d4d4';
const ZONE_OUTLINE = 'rgba(55, 55, 55, 0.75)';
const SELECTED_OUTLINE = '#1d4ed8';
// Lot codes only become legible once a lot is a few dozen pixels wide (about zoom 17).
const LOT_LABEL_MAX_RESOLUTION = 1.3;

export interface LandUsePalette {
  /** The code entry a zone's land_use_code refers to, plan-sheet symbols preferred. */
  entryOf(code: string): LandUseCode | undefined;
  /** The entry of one scheme (e.g. land-law codes of permitted uses). */
  entryIn(scheme: string, code: string): LandUseCode | undefined;
  colourOf(code: string): string;
  /** Entries shown in the legend: the plan-sheet symbols that carry a colour. */
  legendEntries(): LandUseCode[];
  /** Every distinct colour zones may be drawn with (used by tests and the legend). */
  colours(): string[];
  swatchStyle(code: string): Style;
  zoneStyle(feature: FeatureLike, resolution: number, selected: boolean): Style[];
}

export interface LandUsePaletteOptions {
  codes: LandUseCode[];
  /** The scheme zones are coded in; others are consulted only when a code is missing there. */
  preferredScheme?: string;
}

/** Where a code without a colour borrows one: its parent in the same scheme, then its planning category. */
function fallbacksOf(entry: LandUseCode): Array<[scheme: string, code: string]> {
  const targets: Array<[string, string]> = [];
  if (entry.parent) targets.push([entry.scheme, entry.parent]);
  if (entry.maps_to?.planning) targets.push(['planning', entry.maps_to.planning]);
  return targets;
}

export function createLandUsePalette(options: LandUsePaletteOptions): LandUsePalette {
  const preferred = options.preferredScheme ?? 'plan_symbol';
  const byScheme = new Map<string, LandUseCode>();
  const byCode = new Map<string, LandUseCode>();
  for (const entry of options.codes) {
    byScheme.set(`${entry.scheme}:${entry.code}`, entry);
    if (!byCode.has(entry.code) || entry.scheme === preferred) byCode.set(entry.code, entry);
  }

  const colourCache = new Map<string, string>();
  const fillStyles = new Map<string, Style>();
  const labelStyles = new Map<string, Style>();
  const selectedStyles = [
    new Style({ stroke: new Stroke({ color: '#ffffff', width: 6 }), zIndex: 1 }),
    new Style({ stroke: new Stroke({ color: SELECTED_OUTLINE, width: 3 }), zIndex: 2 }),
  ];

  function entryOf(code: string): LandUseCode | undefined {
    return byScheme.get(`${preferred}:${code}`) ?? byCode.get(code);
  }

  // Depth-limited because the list is data and could contain a cycle.
  function resolveColour(entry: LandUseCode | undefined, depth: number): string | undefined {
    if (!entry) return undefined;
    if (entry.colour) return entry.colour;
    if (depth >= 4) return undefined;
    for (const [scheme, code] of fallbacksOf(entry)) {
      const colour = resolveColour(byScheme.get(`${scheme}:${code}`), depth + 1);
      if (colour) return colour;
    }
    return undefined;
  }

  function colourOf(code: string): string {
    let colour = colourCache.get(code);
    if (!colour) {
      colour = resolveColour(entryOf(code), 0) ?? UNKNOWN_LAND_USE_COLOUR;
      colourCache.set(code, colour);
    }
    return colour;
  }

  function fillStyle(colour: string): Style {
    let style = fillStyles.get(colour);
    if (!style) {
      // Opaque fills as on printed plan sheets: the colour on screen is exactly the catalogue colour.
      style = new Style({
        fill: new Fill({ color: colour }),
        stroke: new Stroke({ color: ZONE_OUTLINE, width: 0.75 }),
      });
      fillStyles.set(colour, style);
    }
    return style;
  }

  function labelStyle(text: string): Style {
    let style = labelStyles.get(text);
    if (!style) {
      style = new Style({
        text: new Text({
          text,
          font: '600 12px system-ui, sans-serif',
          fill: new Fill({ color: '#1f2937' }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
          overflow: false,
        }),
        zIndex: 3,
      });
      labelStyles.set(text, style);
    }
    return style;
  }

  return {
    entryOf,
    entryIn: (scheme, code) => byScheme.get(`${scheme}:${code}`),
    colourOf,
    legendEntries() {
      const symbols = options.codes.filter((entry) => entry.scheme === preferred && entry.colour);
      // Without plan-sheet symbols, fall back to whatever scheme does carry colours.
      return symbols.length > 0 ? symbols : options.codes.filter((entry) => entry.colour);
    },
    colours() {
      return [...new Set(options.codes.map((entry) => entry.colour).filter((c): c is string => !!c))];
    },
    swatchStyle(code) {
      return fillStyle(colourOf(code));
    },
    zoneStyle(feature, resolution, selected) {
      const code = String(feature.get('land_use_code') ?? '');
      const styles = [fillStyle(colourOf(code))];
      const lot = feature.get('lot_code');
      if (resolution <= LOT_LABEL_MAX_RESOLUTION && typeof lot === 'string' && lot) styles.push(labelStyle(lot));
      if (selected) styles.push(...selectedStyles);
      return styles;
    },
  };
}
