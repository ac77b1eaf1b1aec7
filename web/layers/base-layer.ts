// Optional online base map (OpenStreetMap tiles): off by default, switches itself off when tiles fail.
import TileLayer from 'ol/layer/Tile.js';
import OSM from 'ol/source/OSM.js';

export interface BaseLayerOptions {
  /** Called once each time the layer gives up (so the page can tell the user why it vanished). */
  onFailed(): void;
  /** Failed tiles tolerated before giving up when none has loaded yet. */
  maxFailures?: number;
}

export function createBaseLayer(options: BaseLayerOptions): TileLayer<OSM> {
  const maxFailures = options.maxFailures ?? 3;
  // The page must work without internet: nothing is requested until the user turns this on.
  const source = new OSM();
  const layer = new TileLayer({ source, visible: false, zIndex: 0, properties: { sppKind: 'base' } });
  let loaded = 0;
  let failed = 0;

  source.on('tileloadend', () => {
    loaded += 1;
  });
  source.on('tileloaderror', () => {
    failed += 1;
    // Some lost tiles on a flaky link are fine; only give up when (almost) nothing arrives.
    if (layer.getVisible() && failed >= maxFailures && failed > loaded * 2) {
      layer.setVisible(false);
      options.onFailed();
    }
  });
  layer.on('change:visible', () => {
    if (layer.getVisible()) {
      loaded = 0;
      failed = 0;
      // Tiles that failed earlier are cached as errors; a fresh try needs a fresh cache.
      source.refresh();
    }
  });
  return layer;
}
