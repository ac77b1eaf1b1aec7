// Ward (phường/xã) boundary and label styles.
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import Point from 'ol/geom/Point.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import type Polygon from 'ol/geom/Polygon.js';
import type { FeatureLike } from 'ol/Feature.js';

const WARD_COLOUR = '#5b2a86';
// Ward names are readable and useful from about zoom 12 (a ward spans a few hundred pixels).
const LABEL_MAX_RESOLUTION = 40;

export const wardBoundaryStyles: Style[] = [
  // A light casing keeps the boundary visible over any land-use colour.
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.85)', width: 4.5 }) }),
  new Style({ stroke: new Stroke({ color: WARD_COLOUR, width: 2, lineDash: [10, 5] }) }),
];

// MultiPolygon wards (islands in the river) would otherwise get one label per part: label the largest.
const labelPoints = new WeakMap<object, Point>();

function labelPoint(feature: FeatureLike): Point | undefined {
  const geometry = feature.getGeometry();
  if (!geometry) return undefined;
  let point = labelPoints.get(geometry);
  if (point) return point;
  const type = geometry.getType();
  let largest: Polygon | undefined;
  if (type === 'Polygon') largest = geometry as Polygon;
  else if (type === 'MultiPolygon') {
    let best = -1;
    for (const polygon of (geometry as MultiPolygon).getPolygons()) {
      const area = polygon.getArea();
      if (area > best) {
        best = area;
        largest = polygon;
      }
    }
  }
  if (!largest) return undefined;
  point = new Point(largest.getInteriorPoint().getCoordinates().slice(0, 2));
  labelPoints.set(geometry, point);
  return point;
}

const labelStyles = new Map<string, Style>();

export function wardStyle(feature: FeatureLike, resolution: number): Style[] {
  const name = feature.get('name');
  if (resolution > LABEL_MAX_RESOLUTION || typeof name !== 'string') return wardBoundaryStyles;
  let label = labelStyles.get(name);
  if (!label) {
    label = new Style({
      geometry: labelPoint,
      text: new Text({
        text: name,
        font: '600 14px system-ui, sans-serif',
        fill: new Fill({ color: WARD_COLOUR }),
        stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.95)', width: 4 }),
        overflow: true,
      }),
    });
    labelStyles.set(name, label);
  }
  return [...wardBoundaryStyles, label];
}
