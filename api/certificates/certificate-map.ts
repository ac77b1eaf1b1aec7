// The map of a planning-information sheet: frame and scale in VN-2000 / TM-3, and its drawing with pdfkit (layers, scale bar, north arrow, legend).
import type { MultiPolygon, Position } from 'geojson';
import { fromVn2000, tm3SridForLongitude, toVn2000 } from '../../geodata/crs.ts';
import type { Polygonal } from '../checks/index.ts';
import { lonLatCentroid, measurementSrid, polygonsOf, type Srid } from '../checks/planar.ts';
import type { MapLayers } from './certificates.store.ts';
import type { CardDrawing } from './certificates.types.ts';

export const MM = 72 / 25.4;

/** Scales a sheet map is printed at, the usual ones of Vietnamese plan and cadastral sheets; the larger ones only for huge parcels. */
export const MAP_SCALES = [200, 500, 1000, 2000, 5000] as const;
const FALLBACK_SCALES = [10_000, 25_000, 50_000];

/** Part of the frame the parcel may fill at most, so its neighbours and the road are seen too. */
const FILL = 0.66;

export interface MapFrame {
  srid: Srid;
  /** Scale denominator: 1:scale on paper. */
  scale: number;
  /** Centre of the frame, TM-3 metres. */
  centre: [number, number];
  /** Frame size on paper, mm. */
  widthMm: number;
  heightMm: number;
  /** The frame's corners (TM-3) as a lon/lat box, widened to hold the whole frame despite grid convergence. */
  lonLatBox: [number, number, number, number];
  /** Grid convergence at the centre: the angle from grid north to true north, degrees, positive clockwise. */
  convergenceDeg: number;
}

function tm3Box(g: Polygonal, srid: Srid): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g)) {
    for (const p of poly[0] ?? []) {
      const [x, y] = toVn2000(p, srid);
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  }
  return b;
}

/**
 * The frame of the map: centred on the parcel (or the point), at the largest of MAP_SCALES at which
 * the parcel fills at most FILL of the frame each way. The map is drawn in the TM-3 grid the card's
 * areas are measured in, so distances on paper are the card's distances × 1/scale.
 */
export function mapFrame(subject: Polygonal | null, point: Position | null, widthMm: number, heightMm: number): MapFrame {
  const lonlat = subject ? lonLatCentroid(subject) : (point as [number, number]);
  const srid = subject ? measurementSrid(subject) : tm3SridForLongitude(lonlat[0]);
  let centre = toVn2000(lonlat, srid);
  let scale: number = 1000;
  if (subject) {
    const b = tm3Box(subject, srid);
    centre = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
    const needW = (b[2] - b[0]) / FILL;
    const needH = (b[3] - b[1]) / FILL;
    scale = [...MAP_SCALES, ...FALLBACK_SCALES].find((s) => (widthMm / 1000) * s >= needW && (heightMm / 1000) * s >= needH) ?? FALLBACK_SCALES[FALLBACK_SCALES.length - 1];
  }
  const halfW = ((widthMm / 1000) * scale) / 2;
  const halfH = ((heightMm / 1000) * scale) / 2;
  const corners = [
    [centre[0] - halfW, centre[1] - halfH],
    [centre[0] + halfW, centre[1] - halfH],
    [centre[0] + halfW, centre[1] + halfH],
    [centre[0] - halfW, centre[1] + halfH],
  ].map((xy) => fromVn2000(xy, srid));
  const pad = 1e-6;
  const lonLatBox: [number, number, number, number] = [
    Math.min(...corners.map((c) => c[0])) - pad,
    Math.min(...corners.map((c) => c[1])) - pad,
    Math.max(...corners.map((c) => c[0])) + pad,
    Math.max(...corners.map((c) => c[1])) + pad,
  ];
  // True north at the centre: a step north along the meridian, seen in the grid.
  const c = fromVn2000(centre, srid);
  const n = toVn2000([c[0], c[1] + 0.001], srid);
  const convergenceDeg = (Math.atan2(n[0] - centre[0], n[1] - centre[1]) * 180) / Math.PI;
  return { srid, scale, centre, widthMm, heightMm, lonLatBox, convergenceDeg };
}

/** A scale-bar length: a round number of metres near a quarter of the frame width. */
export function scaleBarMetres(frame: MapFrame): number {
  const target = ((frame.widthMm / 1000) * frame.scale) / 4;
  const pow = 10 ** Math.floor(Math.log10(target));
  const steps = [1, 2, 5, 10].map((k) => k * pow);
  return steps.reduce((best, s) => (Math.abs(s - target) < Math.abs(best - target) ? s : best), steps[0]);
}

/** "0°08′" for a convergence angle. */
export function degreesMinutes(deg: number): string {
  const total = Math.round(Math.abs(deg) * 60);
  return `${Math.floor(total / 60)}°${String(total % 60).padStart(2, '0')}′`;
}

type Doc = PDFKit.PDFDocument;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Projection lon/lat → page points for a frame drawn in a box. */
function projector(frame: MapFrame, box: Box): (p: Position) => [number, number] {
  const ptPerM = (1000 / frame.scale) * MM;
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  return (p) => {
    const [e, n] = toVn2000(p, frame.srid);
    return [cx + (e - frame.centre[0]) * ptPerM, cy - (n - frame.centre[1]) * ptPerM];
  };
}

function tracePolygonal(doc: Doc, g: Polygonal | MultiPolygon, project: (p: Position) => [number, number]): void {
  for (const poly of polygonsOf(g as Polygonal)) {
    for (const ring of poly) {
      ring.forEach((p, i) => {
        const [x, y] = project(p);
        if (i === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      });
      doc.closePath();
    }
  }
}

/** Area on paper (pt²) of the outer rings and a label point (vertex-mean of the largest ring). */
function paperShape(g: Polygonal | MultiPolygon, project: (p: Position) => [number, number]): { area: number; label: [number, number] } {
  let best = { area: 0, label: [0, 0] as [number, number] };
  for (const poly of polygonsOf(g as Polygonal)) {
    const ring = (poly[0] ?? []).map(project);
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const cross = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      a += cross;
      cx += (ring[i][0] + ring[i + 1][0]) * cross;
      cy += (ring[i][1] + ring[i + 1][1]) * cross;
    }
    const area = Math.abs(a / 2);
    if (area > best.area && a !== 0) best = { area, label: [cx / (3 * a), cy / (3 * a)] };
  }
  return best;
}

function hatch(doc: Doc, g: Polygonal, project: (p: Position) => [number, number], box: Box, colour: string, spacing: number): void {
  doc.save();
  tracePolygonal(doc, g, project);
  doc.clip('even-odd');
  doc.lineWidth(0.6).strokeColor(colour).strokeOpacity(0.9);
  for (let d = -box.h; d < box.w; d += spacing) {
    doc.moveTo(box.x + d, box.y + box.h).lineTo(box.x + d + box.h, box.y).stroke();
  }
  doc.restore();
}

export interface ConstraintSymbol {
  stroke: string;
  fill: string;
  fillOpacity: number;
  vi: string;
  en: string;
}

/** Constraint colours of the public map (web/style/constraint-style.ts), so the sheet reads like the map. */
export const CONSTRAINT_SYMBOLS: Record<string, ConstraintSymbol> = {
  red_line: { stroke: '#d7191c', fill: '#d7191c', fillOpacity: 0.18, vi: 'Đất dành cho đường (ngoài chỉ giới đường đỏ)', en: 'Road reserve (beyond the red line)' },
  river_corridor: { stroke: '#1f78b4', fill: '#62a4de', fillOpacity: 0.35, vi: 'Hành lang bảo vệ sông', en: 'River protection corridor' },
  flood: { stroke: '#0f766e', fill: '#0f766e', fillOpacity: 0.15, vi: 'Vùng ngập', en: 'Flood area' },
  heritage: { stroke: '#7e22ce', fill: '#7e22ce', fillOpacity: 0.12, vi: 'Khu vực bảo vệ di tích', en: 'Heritage protection area' },
  height_limit: { stroke: '#ea580c', fill: '#ea580c', fillOpacity: 0.08, vi: 'Giới hạn chiều cao', en: 'Height limit' },
};
const FALLBACK_SYMBOL: ConstraintSymbol = { stroke: '#525252', fill: '#525252', fillOpacity: 0.1, vi: 'Ràng buộc khác', en: 'Other constraint' };
export const constraintSymbol = (kind: string): ConstraintSymbol => CONSTRAINT_SYMBOLS[kind] ?? FALLBACK_SYMBOL;

export const SUBJECT_COLOUR = '#1d4ed8';
export const BUILDABLE_COLOUR = '#15803d';
export const TAKE_COLOUR = '#b91c1c';
export const PARCEL_COLOUR = '#475569';
const UNKNOWN_LAND_USE = '#d4d4d4';

export interface DrawMapInput {
  frame: MapFrame;
  layers: MapLayers;
  drawing: CardDrawing;
  point: Position | null;
  subjectLabel: string | null;
  /** The sheet's own parcel, labelled apart from its neighbours. */
  subjectParcelId: number | null;
  fonts: { regular: string; bold: string };
}

/**
 * Draws the map into the box: zones by land-use colour with lot codes, constraints, neighbouring
 * parcels with their numbers, then the sheet's parcel, its buildable part and the red-line take;
 * a north arrow (grid north) and the frame's TM-3 corner coordinates.
 */
export function drawMap(doc: Doc, box: Box, input: DrawMapInput): void {
  const { frame, layers, drawing } = input;
  const project = projector(frame, box);
  doc.save();
  doc.rect(box.x, box.y, box.w, box.h).fillColor('#ffffff').fill();
  doc.rect(box.x, box.y, box.w, box.h).clip();

  for (const z of layers.zones) {
    doc.save();
    tracePolygonal(doc, z.geometry, project);
    doc.fillColor(z.colour ?? UNKNOWN_LAND_USE).fillOpacity(0.45).fill('even-odd');
    doc.restore();
    doc.save();
    tracePolygonal(doc, z.geometry, project);
    doc.lineWidth(0.5).strokeColor('#6b7280').strokeOpacity(1).stroke();
    doc.restore();
  }
  for (const c of layers.constraints) {
    const s = constraintSymbol(c.kind);
    doc.save();
    tracePolygonal(doc, c.geometry, project);
    doc.fillColor(s.fill).fillOpacity(s.fillOpacity).fill('even-odd');
    doc.restore();
    doc.save();
    tracePolygonal(doc, c.geometry, project);
    doc.lineWidth(c.kind === 'red_line' ? 1.2 : 0.9).strokeColor(s.stroke).strokeOpacity(1);
    if (c.kind !== 'red_line') doc.dash(3, { space: 2 });
    doc.stroke();
    doc.undash();
    doc.restore();
  }
  const subjectId = drawing.parcel ? input.subjectLabel : null;
  for (const p of layers.parcels) {
    doc.save();
    tracePolygonal(doc, p.geometry, project);
    doc.lineWidth(0.4).strokeColor(PARCEL_COLOUR).strokeOpacity(1).stroke();
    doc.restore();
  }
  // Labels after every fill, so no later fill covers them.
  doc.font(input.fonts.regular).fillOpacity(1);
  for (const p of layers.parcels) {
    if (p.id === input.subjectParcelId) continue;
    const shape = paperShape(p.geometry, project);
    if (shape.area < 18 * 12) continue;
    doc.fontSize(5.5).fillColor(PARCEL_COLOUR);
    const text = String(p.parcel_no);
    const w = doc.widthOfString(text);
    doc.text(text, shape.label[0] - w / 2, shape.label[1] - 3, { lineBreak: false });
  }
  for (const z of layers.zones) {
    const shape = paperShape(z.geometry, project);
    if (shape.area < 40 * 20) continue;
    doc.font(input.fonts.bold).fontSize(7).fillColor('#111827');
    const w = doc.widthOfString(z.lot_code);
    doc.text(z.lot_code, shape.label[0] - w / 2, shape.label[1] + 6, { lineBreak: false });
  }

  if (drawing.red_line_take) {
    hatch(doc, drawing.red_line_take, project, box, TAKE_COLOUR, 3.5);
  }
  if (drawing.buildable) {
    doc.save();
    tracePolygonal(doc, drawing.buildable, project);
    doc.fillColor(BUILDABLE_COLOUR).fillOpacity(0.35).fill('even-odd');
    doc.restore();
    doc.save();
    tracePolygonal(doc, drawing.buildable, project);
    doc.lineWidth(1).strokeColor(BUILDABLE_COLOUR).strokeOpacity(1).dash(4, { space: 2 }).stroke();
    doc.undash();
    doc.restore();
  }
  if (drawing.parcel) {
    doc.save();
    tracePolygonal(doc, drawing.parcel, project);
    doc.lineWidth(2.2).strokeColor(SUBJECT_COLOUR).strokeOpacity(1).stroke();
    doc.restore();
    if (subjectId) {
      const shape = paperShape(drawing.parcel, project);
      doc.font(input.fonts.bold).fontSize(7.5);
      const w = doc.widthOfString(subjectId);
      const [x, y] = shape.label;
      doc.rect(x - w / 2 - 2, y - 12, w + 4, 10).fillColor('#ffffff').fillOpacity(0.85).fill();
      doc.fillColor(SUBJECT_COLOUR).fillOpacity(1).text(subjectId, x - w / 2, y - 11, { lineBreak: false });
    }
  }
  if (input.point) {
    const [x, y] = project(input.point);
    doc.circle(x, y, 3.2).lineWidth(1.2).fillColor('#ffffff').fillOpacity(1).strokeColor(SUBJECT_COLOUR).fillAndStroke();
    doc.circle(x, y, 1.2).fillColor(SUBJECT_COLOUR).fill();
  }
  doc.restore();

  // Frame, north arrow, corner coordinates: outside the clip so nothing cuts them.
  doc.lineWidth(0.8).strokeColor('#111827').strokeOpacity(1).rect(box.x, box.y, box.w, box.h).stroke();
  drawNorthArrow(doc, box.x + box.w - 22, box.y + 10, input.fonts.bold);
  const halfW = ((frame.widthMm / 1000) * frame.scale) / 2;
  const halfH = ((frame.heightMm / 1000) * frame.scale) / 2;
  const fmt = (v: number) => Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  doc.font(input.fonts.regular).fontSize(5.5).fillColor('#374151').fillOpacity(1);
  const ll = `E ${fmt(frame.centre[0] - halfW)}  N ${fmt(frame.centre[1] - halfH)}`;
  const ur = `E ${fmt(frame.centre[0] + halfW)}  N ${fmt(frame.centre[1] + halfH)}`;
  doc.text(ll, box.x, box.y + box.h + 1.5, { lineBreak: false });
  doc.text(ur, box.x + box.w - doc.widthOfString(ur), box.y - 7.5, { lineBreak: false });
}

function drawNorthArrow(doc: Doc, x: number, y: number, bold: string): void {
  doc.save();
  doc.circle(x, y + 13, 11).fillColor('#ffffff').fillOpacity(0.85).fill();
  doc.fillOpacity(1);
  doc.polygon([x, y + 3], [x - 5, y + 21], [x, y + 17]).fillColor('#111827').fill();
  doc.polygon([x, y + 3], [x + 5, y + 21], [x, y + 17]).lineWidth(0.6).strokeColor('#111827').fillColor('#ffffff').fillAndStroke();
  doc.font(bold).fontSize(7).fillColor('#111827');
  doc.text('N', x - doc.widthOfString('N') / 2, y - 6, { lineBreak: false });
  doc.restore();
}

/** Draws a scale bar of four alternating segments with labels; returns its height in points. */
export function drawScaleBar(doc: Doc, x: number, y: number, frame: MapFrame, font: string): number {
  const metres = scaleBarMetres(frame);
  const length = (metres / frame.scale) * 1000 * MM;
  const seg = length / 4;
  for (let i = 0; i < 4; i++) {
    doc.rect(x + i * seg, y, seg, 3.2).lineWidth(0.5).strokeColor('#111827').fillColor(i % 2 === 0 ? '#111827' : '#ffffff').fillAndStroke();
  }
  doc.font(font).fontSize(6.5).fillColor('#111827');
  const label = (v: number, at: number, unit = '') => {
    const t = `${v}${unit}`;
    doc.text(t, at - doc.widthOfString(String(v)) / 2, y + 5, { lineBreak: false });
  };
  label(0, x);
  label(metres / 2, x + length / 2);
  label(metres, x + length, ' m');
  return 14;
}

/** What of the card can be drawn; members a card does not carry are simply not drawn. */
export function cardDrawing(geometry: unknown): CardDrawing {
  const g = (geometry ?? {}) as Partial<CardDrawing>;
  return {
    parcel: g.parcel ?? null,
    buildable: g.buildable ?? null,
    red_line_take: g.red_line_take ?? null,
    zone_parts: Array.isArray(g.zone_parts) ? g.zone_parts : [],
    constraint_overlaps: Array.isArray(g.constraint_overlaps) ? g.constraint_overlaps : [],
  };
}
