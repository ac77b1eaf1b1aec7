// Symbols of the permit pages: site, building footprint, cadastral parcels and the evidence of failing checks.
import type { FeatureLike } from 'ol/Feature.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';

export const SITE_COLOUR = '#1d4ed8';
export const FOOTPRINT_COLOUR = '#ea580c';
export const EVIDENCE_COLOUR = '#dc2626';
const PARCEL_COLOUR = '#334155';
// Parcel numbers are legible from about zoom 18 (a town-house lot is then ~40 px wide).
const PARCEL_LABEL_MAX_RESOLUTION = 0.65;

const casing = (width: number) => new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width }) });

export const siteStyles: Style[] = [
  casing(6),
  new Style({
    stroke: new Stroke({ color: SITE_COLOUR, width: 2.5 }),
    fill: new Fill({ color: 'rgba(29, 78, 216, 0.10)' }),
  }),
];

export const footprintStyles: Style[] = [
  casing(5),
  new Style({
    stroke: new Stroke({ color: FOOTPRINT_COLOUR, width: 2 }),
    fill: new Fill({ color: 'rgba(234, 88, 12, 0.38)' }),
  }),
];

/** The sketch while drawing: dashed, with a vertex marker under the pointer. */
export const sketchStyles: Style[] = [
  new Style({
    stroke: new Stroke({ color: FOOTPRINT_COLOUR, width: 2, lineDash: [6, 4] }),
    fill: new Fill({ color: 'rgba(234, 88, 12, 0.2)' }),
    image: new CircleStyle({ radius: 5, fill: new Fill({ color: FOOTPRINT_COLOUR }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
  }),
];

const evidence = (highlighted: boolean): Style[] => {
  const width = highlighted ? 4 : 2.5;
  const styles = [
    new Style({
      stroke: new Stroke({ color: EVIDENCE_COLOUR, width }),
      fill: new Fill({ color: highlighted ? 'rgba(220, 38, 38, 0.55)' : 'rgba(220, 38, 38, 0.35)' }),
      image: new CircleStyle({
        radius: highlighted ? 9 : 6,
        fill: new Fill({ color: EVIDENCE_COLOUR }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
    }),
  ];
  if (highlighted) styles.unshift(casing(width + 5));
  return styles;
};
const evidenceStyles = evidence(false);
const highlightStyles = evidence(true);

export function evidenceStyle(feature: FeatureLike): Style[] {
  return feature.get('highlighted') ? highlightStyles : evidenceStyles;
}

const parcelOutline = new Style({
  stroke: new Stroke({ color: PARCEL_COLOUR, width: 1 }),
  // A see-through fill so the whole parcel, not only its outline, answers a click.
  fill: new Fill({ color: 'rgba(255, 255, 255, 0.01)' }),
});
const parcelLabels = new Map<string, Style>();

export function parcelStyle(feature: FeatureLike, resolution: number): Style[] {
  const no = feature.get('parcel_no');
  if (resolution > PARCEL_LABEL_MAX_RESOLUTION || no === undefined || no === null) return [parcelOutline];
  const text = String(no);
  let label = parcelLabels.get(text);
  if (!label) {
    label = new Style({
      text: new Text({
        text,
        font: '11px system-ui, sans-serif',
        fill: new Fill({ color: PARCEL_COLOUR }),
        stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.85)', width: 3 }),
        overflow: false,
      }),
    });
    parcelLabels.set(text, label);
  }
  return [parcelOutline, label];
}
