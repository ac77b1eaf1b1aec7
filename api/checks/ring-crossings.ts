// Where the rings of one drawn polygon cross themselves or each other, and holes or parts in the wrong place.
import type { Geometry, Position } from 'geojson';
import { whereEn, whereVi } from './format.ts';
import { pointInPolygon, segmentsIntersect, type XY } from './segments.ts';

/** A ring after cleaning: its lon/lat positions and the same positions in TM-3 metres. */
export interface CleanRing {
  lonlat: Position[];
  xy: XY[];
}

export interface Crossing {
  code: 'self_intersection' | 'rings_cross' | 'hole_outside_shell' | 'parts_overlap';
  /** Part and ring (0 = shell) of the first ring involved, and of the other one for rings_cross. */
  ring: [number, number];
  other: [number, number] | null;
  /** How many crossing points were found (1 for the placement problems). */
  count: number;
  evidence: Geometry;
  /** Where, for the message. */
  where: Position | null;
}

interface Seg {
  part: number;
  ring: number;
  i: number;
  n: number;
  a: XY;
  b: XY;
  la: Position;
  lb: Position;
}

const same = (p: XY, q: XY): boolean => p[0] === q[0] && p[1] === q[1];

/**
 * Two segments of different rings that share exactly one endpoint touch there (allowed) unless they
 * are collinear and run on together. A ring touching another in the middle of an edge counts as a
 * crossing: stricter than OGC, and in a drawing nearly always a snapping slip.
 */
function touchesAtOneVertex(x: Seg, y: Seg): boolean {
  const shared = [x.a, x.b].filter((p) => same(p, y.a) || same(p, y.b)).length;
  if (shared !== 1) return false;
  const cross = (x.b[0] - x.a[0]) * (y.b[1] - y.a[1]) - (x.b[1] - x.a[1]) * (y.b[0] - y.a[0]);
  if (cross !== 0) return true;
  const p = same(x.a, y.a) || same(x.a, y.b) ? x.a : x.b;
  const xo = same(p, x.a) ? x.b : x.a;
  const yo = same(p, y.a) ? y.b : y.a;
  return (xo[0] - p[0]) * (yo[0] - p[0]) + (xo[1] - p[1]) * (yo[1] - p[1]) < 0;
}

/** Where x meets y, interpolated on x's lon/lat segment (for a collinear overlap: y's first endpoint). */
function meeting(x: Seg, y: Seg): Position {
  const rx = x.b[0] - x.a[0];
  const ry = x.b[1] - x.a[1];
  const qx = y.b[0] - y.a[0];
  const qy = y.b[1] - y.a[1];
  const den = rx * qy - ry * qx;
  const len2 = rx * rx + ry * ry;
  let t = den !== 0 ? ((y.a[0] - x.a[0]) * qy - (y.a[1] - x.a[1]) * qx) / den : len2 === 0 ? 0 : ((y.a[0] - x.a[0]) * rx + (y.a[1] - x.a[1]) * ry) / len2;
  t = Math.max(0, Math.min(1, t));
  return [x.la[0] + (x.lb[0] - x.la[0]) * t, x.la[1] + (x.lb[1] - x.la[1]) * t];
}

/**
 * Crossings between all segments of one geometry (exact orientation tests on TM-3 coordinates,
 * O(n²): fine for lots and buildings), then — only if there are none — holes outside their shell
 * and parts inside other parts. Adjacent segments of a ring are wrong only when they fold back.
 */
export function findCrossings(parts: CleanRing[][]): Crossing[] {
  const segs: Seg[] = [];
  parts.forEach((rings, part) =>
    rings.forEach(({ xy, lonlat }, ring) => {
      const n = xy.length - 1;
      for (let i = 0; i < n; i++) segs.push({ part, ring, i, n, a: xy[i], b: xy[i + 1], la: lonlat[i], lb: lonlat[i + 1] });
    }),
  );
  const found: { where: Position; kind: Crossing['code']; x: Seg; y: Seg }[] = [];
  for (let u = 0; u < segs.length; u++) {
    const x = segs[u];
    for (let w = u + 1; w < segs.length; w++) {
      const y = segs[w];
      if (x.part === y.part && x.ring === y.ring) {
        const next = y.i === x.i + 1;
        if (next || (x.i === 0 && y.i === x.n - 1)) {
          const [p0, p1, p2] = next ? [x.a, x.b, y.b] : [y.a, y.b, x.b];
          const cross = (p1[0] - p0[0]) * (p2[1] - p1[1]) - (p1[1] - p0[1]) * (p2[0] - p1[0]);
          const dot = (p1[0] - p0[0]) * (p2[0] - p1[0]) + (p1[1] - p0[1]) * (p2[1] - p1[1]);
          if (cross === 0 && dot < 0) found.push({ where: next ? x.lb : x.la, kind: 'self_intersection', x, y });
        } else if (segmentsIntersect(x.a, x.b, y.a, y.b)) {
          found.push({ where: meeting(x, y), kind: 'self_intersection', x, y });
        }
      } else if (segmentsIntersect(x.a, x.b, y.a, y.b) && !touchesAtOneVertex(x, y)) {
        found.push({ where: meeting(x, y), kind: x.part === y.part ? 'rings_cross' : 'parts_overlap', x, y });
      }
    }
  }
  const out: Crossing[] = [];
  for (const code of ['self_intersection', 'rings_cross', 'parts_overlap'] as const) {
    const of = found.filter((q) => q.kind === code);
    if (of.length === 0) continue;
    const { x, y, where } = of[0];
    out.push({
      code,
      ring: [x.part, x.ring],
      other: code === 'self_intersection' ? null : [y.part, y.ring],
      count: of.length,
      where,
      evidence: of.length === 1 ? { type: 'Point', coordinates: where } : { type: 'MultiPoint', coordinates: of.map((q) => q.where) },
    });
  }
  if (out.length > 0) return out;
  parts.forEach((rings, pi) => {
    const shell = rings[0];
    rings.slice(1).forEach((hole, hi) => {
      const v = hole.xy.find((q) => !shell.xy.some((r) => same(q, r))) ?? hole.xy[0];
      if (!pointInPolygon(v, [shell.xy])) {
        out.push({ code: 'hole_outside_shell', ring: [pi, hi + 1], other: null, count: 1, where: null, evidence: { type: 'Polygon', coordinates: [hole.lonlat] } });
      }
    });
    parts.forEach((other, oi) => {
      if (oi === pi) return;
      const v = shell.xy.find((q) => !other[0].xy.some((r) => same(q, r))) ?? shell.xy[0];
      if (pointInPolygon(v, other.map((r) => r.xy))) {
        out.push({ code: 'parts_overlap', ring: [pi, 0], other: [oi, 0], count: 1, where: null, evidence: { type: 'Polygon', coordinates: [shell.lonlat] } });
      }
    });
  });
  return out;
}

/** Message text for a crossing; `name` turns [part, ring] into "the outer ring of the footprint" etc. */
export function crossingText(c: Crossing, name: (part: number, ring: number) => { en: string; vi: string }): { en: string; vi: string } {
  const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
  const r = name(...c.ring);
  const more = c.count > 1 ? { en: ` (${c.count} crossings in all)`, vi: ` (tổng cộng ${c.count} điểm cắt)` } : { en: '', vi: '' };
  const at = c.where ? { en: ` at ${whereEn(c.where)}`, vi: ` tại ${whereVi(c.where)}` } : { en: '', vi: '' };
  switch (c.code) {
    case 'self_intersection':
      return { en: `${cap(r.en)} crosses itself${at.en}${more.en}.`, vi: `${cap(r.vi)} tự cắt${at.vi}${more.vi}.` };
    case 'hole_outside_shell':
      return { en: `${cap(r.en)} lies outside its outer ring.`, vi: `${cap(r.vi)} nằm ngoài vòng ngoài của nó.` };
    default: {
      const o = name(...(c.other as [number, number]));
      if (!c.where) return { en: `${cap(r.en)} lies inside ${o.en}.`, vi: `${cap(r.vi)} nằm bên trong ${o.vi}.` };
      return { en: `${cap(r.en)} crosses ${o.en}${at.en}${more.en}.`, vi: `${cap(r.vi)} cắt ${o.vi}${at.vi}${more.vi}.` };
    }
  }
}
