// The OpenLayers map of the public pages: Web Mercator view, zoom, scale line and attribution controls.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import Attribution from 'ol/control/Attribution.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import Zoom from 'ol/control/Zoom.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj.js';
import type BaseLayer from 'ol/layer/Base.js';
import type { LonLatBbox } from '../api/types.ts';

export interface CreateMapOptions {
  target: HTMLElement;
  /** [lon, lat] in EPSG:4326. */
  center: [number, number];
  zoom: number;
  layers: BaseLayer[];
  /** Start with the attribution folded (narrow screens). */
  attributionCollapsed?: boolean;
}

export interface ControlLabels {
  zoomIn: string;
  zoomOut: string;
  attribution: string;
}

export interface PublicMap {
  map: Map;
  /** The current view extent as lon/lat, clamped to valid geographic bounds. */
  viewBbox(): LonLatBbox | undefined;
  toLonLat(pixel: [number, number]): [number, number] | undefined;
  setControlLabels(labels: ControlLabels): void;
}

export function createMap(options: CreateMapOptions): PublicMap {
  const attribution = new Attribution({
    collapsible: true,
    collapsed: options.attributionCollapsed ?? false,
  });
  const map = new Map({
    target: options.target,
    layers: options.layers,
    controls: [new Zoom(), new ScaleLine({ units: 'metric', minWidth: 72 }), attribution],
    // No rotate control is offered, so rotation gestures would leave users with a tilted map.
    interactions: defaultInteractions({ altShiftDragRotate: false, pinchRotate: false }),
    view: new View({
      center: fromLonLat(options.center),
      zoom: options.zoom,
      // The platform covers one city: keep users from wandering to an empty world.
      minZoom: 9,
      maxZoom: 20,
      constrainResolution: false,
    }),
  });

  function viewBbox(): LonLatBbox | undefined {
    const size = map.getSize();
    if (!size || size[0] === 0 || size[1] === 0) return undefined;
    const extent = transformExtent(map.getView().calculateExtent(size), 'EPSG:3857', 'EPSG:4326');
    return [
      Math.max(-180, extent[0]),
      Math.max(-90, extent[1]),
      Math.min(180, extent[2]),
      Math.min(90, extent[3]),
    ];
  }

  return {
    map,
    viewBbox,
    toLonLat(pixel) {
      const coordinate = map.getCoordinateFromPixel(pixel);
      return coordinate ? (toLonLat(coordinate) as [number, number]) : undefined;
    },
    setControlLabels(labels) {
      const root = map.getViewport();
      if (!root) return;
      const apply = (selector: string, text: string) => {
        const button = root.querySelector<HTMLButtonElement>(selector);
        if (!button) return;
        button.title = text;
        button.setAttribute('aria-label', text);
      };
      apply('.ol-zoom-in', labels.zoomIn);
      apply('.ol-zoom-out', labels.zoomOut);
      apply('.ol-attribution button', labels.attribution);
    },
  };
}
