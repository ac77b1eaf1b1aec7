// Exports the rendered map as one image with a scale bar drawn in (for print: a canvas prints the same everywhere).
import type Map from 'ol/Map.js';
import { getPointResolution } from 'ol/proj.js';

export interface MapExport {
  /** PNG data URL of the map with the scale bar. */
  dataUrl: string;
  /** Ground metres per CSS pixel at the map's centre. */
  metresPerPixel: number;
}

export interface ExportOptions {
  /** Text under the scale bar's length, e.g. "m". */
  unit?: string;
  /** Format of the scale-bar label. */
  formatLength?(metres: number): string;
}

const NICE = [1, 2, 5];

/** The largest 1/2/5 × 10ⁿ length (m) not longer than `max`. */
function niceLength(max: number): number {
  const power = 10 ** Math.floor(Math.log10(max));
  let best = power;
  for (const n of NICE) if (n * power <= max) best = n * power;
  return best;
}

/** Composes the layer canvases as OpenLayers' own export example does (transforms and opacity honoured). */
export function exportMap(map: Map, options: ExportOptions = {}): MapExport | null {
  const size = map.getSize();
  const view = map.getView();
  const center = view.getCenter();
  const resolution = view.getResolution();
  if (!size || !center || resolution === undefined) return null;
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(size[0] * ratio);
  out.height = Math.round(size[1] * ratio);
  const ctx = out.getContext('2d');
  const viewport = map.getViewport();
  if (!ctx || !viewport) return null;
  ctx.fillStyle = '#f2efe6';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const canvas of viewport.querySelectorAll<HTMLCanvasElement>('.ol-layer canvas, canvas.ol-layer')) {
    if (canvas.width === 0) continue;
    const parent = canvas.parentElement;
    const opacity = parent?.style.opacity || canvas.style.opacity;
    ctx.globalAlpha = opacity === '' || opacity === undefined ? 1 : Number(opacity);
    const match = canvas.style.transform.match(/^matrix\(([^(]*)\)$/);
    const matrix = match
      ? match[1]!.split(',').map(Number)
      : [parseFloat(canvas.style.width) / canvas.width, 0, 0, parseFloat(canvas.style.height) / canvas.height, 0, 0];
    ctx.setTransform(matrix[0]! * ratio, matrix[1]! * ratio, matrix[2]! * ratio, matrix[3]! * ratio, matrix[4]! * ratio, matrix[5]! * ratio);
    ctx.drawImage(canvas, 0, 0);
  }
  ctx.globalAlpha = 1;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);

  // Web Mercator stretches distances by 1/cos(lat): measure the bar on the ground at the centre.
  const metresPerPixel = getPointResolution(view.getProjection(), resolution, center, 'm');
  const length = niceLength(metresPerPixel * size[0] * 0.3);
  const barPx = length / metresPerPixel;
  const x = 12;
  const y = size[1] - 14;
  const label = options.formatLength ? options.formatLength(length) : `${length} ${options.unit ?? 'm'}`;
  ctx.font = '600 11px system-ui, sans-serif';
  const labelWidth = ctx.measureText(label).width;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(x - 8, y - 20, barPx + 16 + labelWidth / 2, 30);
  // Alternating segments, as on survey plans, so the bar reads at a glance.
  for (let i = 0; i < 4; i++) {
    ctx.fillStyle = i % 2 === 0 ? '#111827' : '#ffffff';
    ctx.fillRect(x + (barPx / 4) * i, y, barPx / 4, 5);
  }
  ctx.strokeStyle = '#111827';
  ctx.lineWidth = 1;
  ctx.strokeRect(x, y, barPx, 5);
  ctx.fillStyle = '#111827';
  ctx.textBaseline = 'bottom';
  ctx.fillText('0', x - 3, y - 2);
  ctx.fillText(label, x + barPx - labelWidth / 2, y - 2);
  return { dataUrl: out.toDataURL('image/png'), metresPerPixel };
}
