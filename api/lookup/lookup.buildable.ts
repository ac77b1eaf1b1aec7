// The buildable part of a lot: the net site minus the land closer to a red line than the required setback (planar TM-3).
import type { Position } from 'geojson';
import { CONTACT_M } from '../checks/contact.ts';
import { measureOverlap } from '../checks/overlap-width.ts';
import { mergeShapes, polygonalOf, polygonsOf, ringSignedArea, type PlanarFrame, type PlanarPolygon, type Shape, type XY } from '../checks/planar.ts';

/**
 * THE BUILDABLE-AREA RULE. A point of the lot is buildable when it lies outside every red-line
 * polygon (the road reserve) and at least `setback_m` from it — the same distance the setback check
 * measures (api/checks/setback.ts: planar TM-3 distance from the footprint to the red-line polygon),
 * so a footprint drawn inside the buildable area passes that check. The setback of each red line is
 * the engine's: the governing zone's min_setback_m (multi-zone rule) or the line's own setback_m
 * when larger.
 *
 * The land within s of a red-line polygon R is R's buffer, built here from pieces that are exact
 * polygons: for every edge of R near the lot, the rectangle of width 2s centred on it (every point
 * whose nearest point of R lies inside that edge is in it); for every convex corner of R near the
 * lot, the sector of radius s between the outward normals of its edges (the points whose nearest
 * point of R is that corner). Reflex corners are nobody's nearest point from outside R and need
 * nothing. Only the sectors are not polygons: their arcs are replaced by tangents every 2π/128, so
 * the cut reaches at most s·(1/cos(π/128) − 1) (0.03 % of s, 1.8 mm at 6 m) beyond the true arc and
 * the buildable area errs small, never large; corners turning by so little that their sector is
 * under 1e-6 m² are left out. Lots along a straight stretch of road — everywhere but at a bend or the
 * end of a road reserve — are exact. PostGIS: ST_Difference(lot, ST_Buffer(R, s)) in the TM-3 zone.
 */
export interface RedLineSetback {
  shape: Shape;
  /** Required distance from this red line (m); 0 when nothing requires one. */
  setback_m: number;
}

/** Tangent steps per full turn for the arcs at convex corners (see above). */
const ARC_STEPS = 128;
/** Corner sectors smaller than this (m²) are left out; the error they allow is of that order per corner. */
const MIN_SECTOR_M2 = 1e-6;

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boxOf(polys: readonly PlanarPolygon[]): Box {
  const b: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const rings of polys) {
    for (const [x, y] of rings[0] ?? []) {
      b.minX = Math.min(b.minX, x);
      b.minY = Math.min(b.minY, y);
      b.maxX = Math.max(b.maxX, x);
      b.maxY = Math.max(b.maxY, y);
    }
  }
  return b;
}

/** Whether the segment's box, grown by d, meets the box: a cheap "may be within d of the lot". */
function near(a: XY, b: XY, box: Box, d: number): boolean {
  return Math.max(a[0], b[0]) + d >= box.minX && Math.min(a[0], b[0]) - d <= box.maxX && Math.max(a[1], b[1]) + d >= box.minY && Math.min(a[1], b[1]) - d <= box.maxY;
}

function edgeRectangle(a: XY, b: XY, s: number): PlanarPolygon | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (!(len > 0)) return null;
  const nx = (-dy / len) * s;
  const ny = (dx / len) * s;
  const p1: XY = [a[0] + nx, a[1] + ny];
  return [[p1, [b[0] + nx, b[1] + ny], [b[0] - nx, b[1] - ny], [a[0] - nx, a[1] - ny], p1]];
}

/**
 * The part of the disc of radius s around a convex corner v that lies between the outward normals
 * of its two edges (the rectangles cover the rest): a sector of angle θ, the corner's turn. Its arc
 * is replaced by tangents every ≤ 2π/ARC_STEPS, so the piece contains the true sector.
 */
function cornerSector(v: XY, outward: XY, turn: number, s: number): PlanarPolygon {
  const k = Math.max(1, Math.ceil(Math.abs(turn) / ((2 * Math.PI) / ARC_STEPS)));
  const step = turn / k;
  const start = Math.atan2(outward[1], outward[0]);
  const at = (angle: number, r: number): XY => [v[0] + r * Math.cos(angle), v[1] + r * Math.sin(angle)];
  const ring: XY[] = [v, at(start, s)];
  // Consecutive tangents of the circle meet at radius s / cos(step / 2), halfway in angle.
  for (let j = 0; j < k; j++) ring.push(at(start + (j + 0.5) * step, s / Math.cos(step / 2)));
  ring.push(at(start + turn, s), v);
  return [ring];
}

/** The pieces of R's s-buffer that can reach the lot's box (see the rule above). */
function bufferPieces(red: Shape, s: number, box: Box): PlanarPolygon[] {
  const pieces: PlanarPolygon[] = [];
  for (const rings of red.xy) {
    rings.forEach((ring, r) => {
      const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      const n = closed ? ring.length - 1 : ring.length;
      if (n < 3) return;
      // +1 when R's interior is on the left of the ring's direction: shells as drawn, holes reversed.
      const side = Math.sign(ringSignedArea(ring)) * (r === 0 ? 1 : -1);
      for (let i = 0; i < n; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % n];
        if (!near(a, b, box, s)) continue;
        const rect = edgeRectangle(a, b, s);
        if (rect) pieces.push(rect);
      }
      for (let i = 0; i < n; i++) {
        const v = ring[i];
        if (!near(v, v, box, s)) continue;
        const prev = ring[(i - 1 + n) % n];
        const next = ring[(i + 1) % n];
        const d1 = Math.atan2(v[1] - prev[1], v[0] - prev[0]);
        const d2 = Math.atan2(next[1] - v[1], next[0] - v[0]);
        let turn = d2 - d1;
        if (turn > Math.PI) turn -= 2 * Math.PI;
        if (turn < -Math.PI) turn += 2 * Math.PI;
        // Convex for R: the ring turns towards R's interior. A turn this small is the sag of a
        // straight lon/lat edge in TM-3 or a vertex where a neighbour's edge was noded in: its
        // sector holds under MIN_SECTOR_M2.
        if (turn * side <= 0 || (Math.abs(turn) / 2) * s * s < MIN_SECTOR_M2) continue;
        // Outward normal of the incoming edge: to the right of its direction when R lies to the left.
        const outward: XY = [Math.sin(d1) * side, -Math.cos(d1) * side];
        pieces.push(cornerSector(v, outward, turn, s));
      }
    });
  }
  return pieces;
}

/**
 * The buildable part of a site: site minus every red-line polygon minus the land within each line's
 * setback of it. Shapes are in the frame's TM-3 plane; the result keeps the site's own vertices.
 *
 * @example
 * const b = buildableShape(frame, site, [{ shape: redLine, setback_m: 3 }]);
 * shapeArea(b); // a 5 m × 20 m lot fronting the red line on its 5 m side: 100 − 5 × 3 = 85 m²
 */
export function buildableShape(frame: PlanarFrame, site: Shape, lines: readonly RedLineSetback[]): Shape {
  const box = boxOf(site.xy);
  const cut: Shape[] = [];
  for (const line of lines) {
    cut.push(line.shape);
    if (line.setback_m > 0) for (const piece of bufferPieces(line.shape, line.setback_m, box)) cut.push({ xy: [piece], lonlat: null });
  }
  return tidy(frame.differenceBeyondContact(site, cut));
}

/**
 * Clipping debris out: parts no wider than CONTACT_M (needles where the lot touches a red line) and
 * vertices closer than that to the previous one. Without them the area changes by under a mm², and
 * the geometry passes geometry_valid when it is sent back as a footprint.
 */
function tidy(shape: Shape): Shape {
  const parts: Shape[] = [];
  for (const { shape: part } of measureOverlap(shape, 0, false).parts) {
    const lonlat = part.lonlat ? polygonsOf(part.lonlat)[0] : [];
    const xy: XY[][] = [];
    const ll: Position[][] = [];
    part.xy[0].forEach((ring, r) => {
      const keepXy: XY[] = [];
      const keepLl: Position[] = [];
      ring.forEach((q, i) => {
        const prev = keepXy[keepXy.length - 1];
        if (prev && Math.hypot(q[0] - prev[0], q[1] - prev[1]) < CONTACT_M) {
          if (i < ring.length - 1) return;
          // The closing position stays (it closes the ring): the one before it goes.
          keepXy.pop();
          keepLl.pop();
        }
        keepXy.push(q);
        keepLl.push(lonlat[r][i]);
      });
      if (keepXy.length >= 4) {
        xy.push(keepXy);
        ll.push(keepLl);
      }
    });
    if (xy.length > 0 && ll.length === xy.length) parts.push({ xy: [xy], lonlat: polygonalOf([ll]) });
  }
  return mergeShapes(parts);
}
