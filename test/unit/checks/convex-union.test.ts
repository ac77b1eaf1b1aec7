// The floating-point union of two convex polygons (convex-union.ts) against hand-computed outlines and the exact clipper.
import { expect } from 'chai';
import { feature, featureCollection } from '@turf/helpers';
import { difference } from '@turf/difference';
import { union } from '@turf/union';
import type { MultiPolygon } from 'geojson';
import { clipByConvex, convexOrientation } from '../../../api/checks/convex-clip.ts';
import { convexUnion } from '../../../api/checks/convex-union.ts';
import { ringSignedArea, type XY } from '../../../api/checks/planar.ts';
import { E0, N0, randomConvex, rect, seededRandom } from './planar-fixtures.ts';

const area = (rings: XY[][]): number => rings.reduce((s, r) => s + ringSignedArea(r), 0);
const unite = (a: XY[], b: XY[]): XY[][] | null => convexUnion(a, convexOrientation(a), b, convexOrientation(b));
const multi = (rings: XY[][]) => feature<MultiPolygon>({ type: 'MultiPolygon', coordinates: rings.map((r) => [r]) });

/** Area of the symmetric difference of `rings` and the exact union of a and b (polyclip-ts). */
function mismatch(rings: XY[][], a: XY[], b: XY[]): number {
  const exact = union(featureCollection([multi([a]), multi([b])]))!;
  const ours = multi(rings);
  const m2 = (f: ReturnType<typeof difference>): number => {
    if (!f) return 0;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return polys.reduce((s, p) => s + p.reduce((t, ring, i) => t + (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring as XY[])), 0), 0);
  };
  return m2(difference(featureCollection([ours, exact]))) + m2(difference(featureCollection([exact, ours])));
}

describe('convex union in floating point', () => {
  it('two road strips crossing at a corner lot: one L-shaped outline of 20×6 + 6×30 − 6×6 m², counted once', () => {
    const east = rect(0, 0, 20, 6);
    const north = rect(0, 0, 6, 30);
    const rings = unite(east, north)!;
    expect(rings).to.have.length(1);
    expect(area(rings)).to.be.closeTo(120 + 180 - 36, 1e-9);
    // Six corners (the L), counter-clockwise, closed, from the south-west corner; the corners are the inputs' own.
    expect(rings[0]).to.have.length(7);
    expect(rings[0][0]).to.equal(east[0]);
    expect(rings[0][6]).to.equal(rings[0][0]);
    expect(rings[0]).to.deep.include([E0 + 6, N0 + 6]);
    expect(mismatch(rings, east, north)).to.be.below(1e-6);
  });

  it('shares of one boundary: a strip along a lot edge, squares side by side, one inside the other, apart', () => {
    // Two pieces of one lot along its south edge: the shared stretch is outline once.
    const along = unite(rect(0, 0, 10, 3), rect(5, 0, 20, 5))!;
    expect(area(along)).to.be.closeTo(30 + 75 - 15, 1e-9);
    expect(mismatch(along, rect(0, 0, 10, 3), rect(5, 0, 20, 5))).to.be.below(1e-6);
    // Side by side: the common edge faces both ways and disappears; one rectangle of 20 × 10.
    const side = unite(rect(0, 0, 10, 10), rect(10, 0, 20, 10))!;
    expect(side).to.have.length(1);
    expect(side[0]).to.have.length(5);
    expect(area(side)).to.be.closeTo(200, 1e-9);
    // One inside the other: the outer one.
    const inside = unite(rect(0, 0, 30, 30), rect(5, 5, 10, 10))!;
    expect(area(inside)).to.be.closeTo(900, 1e-9);
    expect(inside[0]).to.have.length(5);
    // Apart: both, as two parts.
    const apart = unite(rect(0, 0, 10, 10), rect(20, 0, 30, 10))!;
    expect(apart).to.have.length(2);
    expect(area(apart)).to.be.closeTo(200, 1e-9);
  });

  it('leaves to the exact clipper what it cannot chain: squares touching at one corner', () => {
    expect(unite(rect(0, 0, 10, 10), rect(10, 10, 20, 20))).to.equal(null);
  });

  it('agrees with the exact clipper on random convex pairs and on lots cut by two random strips', () => {
    const rnd = seededRandom(11);
    const convex = (cx: number, cy: number): XY[] => randomConvex(rnd, cx, cy);
    // A strip of width w along direction θ through (px, py), long enough to cross any lot here.
    const strip = (px: number, py: number, theta: number, w: number): XY[] => {
      const [dx, dy, nx, ny] = [Math.cos(theta) * 200, Math.sin(theta) * 200, -Math.sin(theta) * w, Math.cos(theta) * w];
      return [[px - dx, py - dy], [px + dx, py + dy], [px + dx + nx, py + dy + ny], [px - dx + nx, py - dy + ny], [px - dx, py - dy]].map(([x, y]): XY => [E0 + x, N0 + y]);
    };
    let checked = 0;
    let fallbacks = 0;
    for (let k = 0; k < 300; k++) {
      let a: XY[];
      let b: XY[];
      if (k % 2 === 0) {
        a = convex(0, 0);
        b = convex(30 * rnd() - 15, 30 * rnd() - 15);
      } else {
        // The corner-lot case: one lot's overlaps with two strips, which share stretches of the lot's edges.
        const lot = convex(0, 0);
        const s = convexOrientation(lot);
        if (s === 0) continue;
        a = clipByConvex(strip(10 * rnd() - 5, 10 * rnd() - 5, Math.PI * rnd(), 3 + 5 * rnd()), lot, s);
        b = clipByConvex(strip(10 * rnd() - 5, 10 * rnd() - 5, Math.PI * rnd(), 3 + 5 * rnd()), lot, s);
        if (a.length === 0 || b.length === 0) continue;
      }
      if (convexOrientation(a) === 0 || convexOrientation(b) === 0) continue;
      const rings = unite(a, b);
      if (!rings) {
        fallbacks++;
        continue;
      }
      checked++;
      const both = clipByConvex(a, b, convexOrientation(b));
      const expected = Math.abs(ringSignedArea(a)) + Math.abs(ringSignedArea(b)) - (both.length > 0 ? Math.abs(ringSignedArea(both)) : 0);
      expect(area(rings), `pair ${k}`).to.be.closeTo(expected, 1e-6);
      expect(mismatch(rings, a, b), `pair ${k}: outline differs from the exact union`).to.be.below(1e-6);
    }
    expect(checked, 'pairs united in floating point').to.be.greaterThan(200);
    expect(fallbacks, 'pairs left to the exact clipper').to.be.below(checked / 20);
  });
});
