// Share links: the URL fragment holds the parcel (or point), the as-of date and the sketch, so opening it restores the same view.
import type { Polygonal } from '../../api/checks/index.ts';
import type { I18n } from '../i18n/i18n.ts';
import { h } from '../ui/dom.ts';
import type { SketchState } from './sketch-tool.ts';

/** What a link restores. */
export interface SharedView {
  parcelId: number | null;
  point: [number, number] | null;
  date: string | null;
  sketch: SketchState | null;
}

/**
 * Seven decimals of a degree are about 1 cm here: a corner drawn on the parcel edge comes back on
 * it to well within the 0.1 m overlap tolerance of the checks, and a footprint of 8 corners stays
 * under 200 characters.
 */
const DECIMALS = 7;

const trim = (n: number): string => n.toFixed(DECIMALS).replace(/\.?0+$/, '');

/** "lon,lat;lon,lat;…" of the outer ring, without the closing corner. */
export function encodeRing(footprint: Polygonal): string {
  const ring = footprint.type === 'Polygon' ? footprint.coordinates[0] : footprint.coordinates[0]?.[0];
  if (!ring || ring.length < 4) return '';
  return ring
    .slice(0, -1)
    .map(([x, y]) => `${trim(x)},${trim(y)}`)
    .join(';');
}

export function decodeRing(text: string): Polygonal | null {
  const points = text.split(';').map((pair) => pair.split(',').map(Number));
  if (points.length < 3 || points.some((p) => p.length !== 2 || !p.every(Number.isFinite) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)) return null;
  return { type: 'Polygon', coordinates: [[...points, points[0]]] };
}

const num = (v: string | null): number | null => (v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

export function encodeView(view: SharedView): string {
  const params = new URLSearchParams();
  if (view.parcelId !== null) params.set('parcel', String(view.parcelId));
  else if (view.point) params.set('at', `${trim(view.point[0])},${trim(view.point[1])}`);
  if (view.date) params.set('date', view.date);
  const s = view.sketch;
  if (s?.footprint) {
    const ring = encodeRing(s.footprint);
    if (ring) params.set('fp', ring);
  }
  if (s && (s.footprint || view.parcelId !== null)) {
    if (s.floors !== null) params.set('floors', String(s.floors));
    if (s.height_m !== null) params.set('h', String(s.height_m));
    if (s.gfa_m2 !== null) params.set('gfa', String(s.gfa_m2));
    if (s.use) params.set('use', s.use);
  }
  // URLSearchParams escapes the separators; they are safe in a fragment and much shorter unescaped.
  return params.toString().replace(/%2C/gi, ',').replace(/%3B/gi, ';');
}

export function decodeView(fragment: string): SharedView | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const parcel = num(params.get('parcel'));
  const at = params.get('at')?.split(',').map(Number);
  const point = at && at.length === 2 && at.every(Number.isFinite) ? ([at[0], at[1]] as [number, number]) : null;
  if ((parcel === null || !Number.isInteger(parcel) || parcel < 1) && !point) return null;
  const date = params.get('date');
  const fp = params.get('fp');
  const sketch: SketchState = {
    footprint: fp ? decodeRing(fp) : null,
    floors: num(params.get('floors')),
    height_m: num(params.get('h')),
    gfa_m2: num(params.get('gfa')),
    use: params.get('use'),
  };
  const hasSketch = sketch.footprint !== null || sketch.floors !== null || sketch.use !== null;
  return {
    parcelId: parcel !== null && Number.isInteger(parcel) && parcel >= 1 ? parcel : null,
    point,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    sketch: hasSketch ? sketch : null,
  };
}

export interface ShareBox {
  element: HTMLElement;
  /** Writes the view into the address bar (no new history entry) and the box. */
  update(view: SharedView | null): void;
}

export function createShareBox(options: { i18n: I18n }): ShareBox {
  const { i18n } = options;
  const heading = h('h3', { class: 'card-heading' });
  const label = h('label', { for: 'share-url', class: 'share-label' });
  const url = h('input', { id: 'share-url', class: 'share-url', type: 'url', readonly: true, 'data-testid': 'share-url' });
  const copy = h('button', { type: 'button', class: 'button small', 'data-testid': 'share-copy' });
  const note = h('p', { class: 'share-note', role: 'status' });
  const element = h('section', { class: 'panel-section share', 'data-testid': 'share' }, [heading, label, h('div', { class: 'share-row' }, [url, copy]), note]);
  let noteKey: 'share.copied' | 'share.copyFailed' | null = null;

  function render(): void {
    heading.textContent = i18n.t('share.title');
    label.textContent = i18n.t('share.label');
    copy.textContent = i18n.t('share.copy');
    note.textContent = noteKey ? i18n.t(noteKey) : '';
  }

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url.value);
      noteKey = 'share.copied';
    } catch {
      // Without clipboard permission (plain http, old browsers) the link is selected for copying by hand.
      url.focus();
      url.select();
      noteKey = 'share.copyFailed';
    }
    render();
  });
  url.addEventListener('focus', () => url.select());

  i18n.onChange(render);
  render();
  return {
    element,
    update(view) {
      const fragment = view ? encodeView(view) : '';
      const next = `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`;
      if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
      url.value = location.href;
      noteKey = null;
      render();
    },
  };
}
