// The clipping shortcuts (shape-relation.ts, convex-clip.ts) against hand-computed answers, and PlanarFrame with them against the exact clipper.
import { expect } from 'chai';
import { clipByConvex, convexDifferencePieces, convexOrientation, crossesInterior, cutOffByEdge, farthestVertexFromConvex } from '../../../api/checks/convex-clip.ts';
import { measureOverlap } from '../../../api/checks/overlap-width.ts';
import { PlanarFrame, planarPolygonsArea, ringSignedArea, type PlanarPolygon, type XY } from '../../../api/checks/planar.ts';
import { relateShapes } from '../../../api/checks/shape-relation.ts';
import { E0, N0, randomConvex, rect, seededRandom } from './planar-fixtures.ts';

const poly = (...rings: XY[][]): PlanarPolygon[] => [rings];
const area = (ring: XY[]): number => Math.abs(ringSignedArea(ring));

describe('clipping shortcuts', () => {
  it('relateShapes: apart, one inside the other, a hole, and anything touching left to clipping', () => {
    const lot = poly(rect(0, 0, 20, 40));
    expect(relateShapes(lot, poly(rect(30, 0, 50, 40)))).to.equal('apart');
    expect(relateShapes(lot, poly(rect(20, 0, 40, 40))), 'sharing an edge: boxes only touch').to.equal('apart');
    expect(relateShapes(lot, poly(rect(-10, -10, 100, 100)))).to.equal('a_inside_b');
    expect(relateShapes(poly(rect(-10, -10, 100, 100)), lot)).to.equal('b_inside_a');
    // The lot sits in the hole of a ring-shaped zone: no common area.
    expect(relateShapes(lot, poly(rect(-10, -10, 100, 100), rect(-5, -5, 25, 45)))).to.equal('apart');
    // A zone with a hole inside the lot: the lot is not inside the zone.
    expect(relateShapes(lot, poly(rect(-10, -10, 100, 100), rect(5, 5, 10, 10)))).to.equal('unknown');
    expect(relateShapes(lot, poly(rect(10, 10, 30, 30))), 'crossing').to.equal('unknown');
    expect(relateShapes(lot, poly(rect(0, 0, 20, 60))), 'inside but sharing three edges').to.equal('unknown');
    expect(relateShapes(lot, poly(rect(20.0000001, 0, 40, 40))), 'boxes 0.1 µm apart').to.equal('apart');
    expect(relateShapes(lot, poly(rect(1, 1, 19, 39)))).to.equal('b_inside_a');
    expect(relateShapes(lot, poly(rect(1, 1, 19.9999999, 39))), 'an edge 0.1 µm from the lot’s: too close to call').to.equal('unknown');
  });

  it('convexOrientation: +1 counter-clockwise, −1 clockwise, 0 for a notch, a spike or a ring that winds twice', () => {
    const ccw = rect(0, 0, 10, 10);
    expect(convexOrientation(ccw)).to.equal(1);
    expect(convexOrientation([...ccw].reverse())).to.equal(-1);
    const notch: XY[] = [[E0, N0], [E0 + 10, N0], [E0 + 10, N0 + 10], [E0 + 5, N0 + 5], [E0, N0 + 10], [E0, N0]];
    expect(convexOrientation(notch)).to.equal(0);
    const spike: XY[] = [[E0, N0], [E0 + 10, N0], [E0 + 20, N0], [E0 + 10, N0], [E0 + 10, N0 + 10], [E0, N0]];
    expect(convexOrientation(spike)).to.equal(0);
    // A pentagram turns left at every corner but winds around twice.
    const star: XY[] = [0, 2, 4, 1, 3, 0].map((k) => [E0 + 10 * Math.cos((2 * Math.PI * k) / 5), N0 + 10 * Math.sin((2 * Math.PI * k) / 5)]);
    expect(convexOrientation(star)).to.equal(0);
  });

  it('clipByConvex: two overlapping squares share a 5 m × 10 m rectangle; touching squares share nothing', () => {
    const a = rect(0, 0, 10, 10);
    const b = rect(5, 0, 15, 10);
    const out = clipByConvex(a, b, convexOrientation(b));
    expect(area(out)).to.be.closeTo(50, 1e-6);
    expect(ringSignedArea(out), 'counter-clockwise').to.be.greaterThan(0);
    // Input corners come back bit for bit.
    expect(out).to.deep.include([E0 + 5, N0 + 0]);
    expect(out).to.deep.include([E0 + 10, N0 + 10]);
    expect(clipByConvex(a, rect(10, 0, 20, 10), 1)).to.deep.equal([]);
    // A triangle over a square's corner: the corner triangle 4 × 4 / 2 = 8 m².
    const tri: XY[] = [[E0 + 6, N0 + 10], [E0 + 10, N0 + 6], [E0 + 14, N0 + 14], [E0 + 6, N0 + 10]];
    expect(area(clipByConvex(a, tri, convexOrientation(tri)))).to.be.closeTo(8, 1e-6);
  });

  it('crossesInterior and cutOffByEdge: a setback strip whose inner edge crosses a 20 m × 40 m lot leaves 20 m × 34 m', () => {
    const lot = rect(0, 0, 20, 40);
    const strip = rect(-5, -6, 25, 6); // 6 m either side of the lot's front edge y = 0
    const s = convexOrientation(strip);
    const crossing = [0, 1, 2, 3].filter((i) => crossesInterior(strip[i], strip[i + 1], lot, convexOrientation(lot)));
    expect(crossing, 'only the inner edge y = 6 runs through the lot').to.deep.equal([2]);
    expect(area(cutOffByEdge(lot, strip[2], strip[3], s))).to.be.closeTo(20 * 34, 1e-6);
    expect(crossesInterior([E0, N0], [E0 + 20, N0], lot, convexOrientation(lot)), 'along the boundary').to.equal(false);
  });

  it('PlanarFrame (shortcuts on) gives the exact clipper’s areas: overlap, touching road, lot minus strip, minus a concave road', () => {
    const frame = new PlanarFrame(5897);
    const shape = (...rings: XY[][]) => ({ xy: poly(...rings), lonlat: null });
    const lot = shape(rect(0, 0, 20, 40));
    expect(planarPolygonsArea(frame.intersection(lot, shape(rect(10, 30, 50, 60))).xy)).to.be.closeTo(100, 1e-6);
    expect(frame.intersection(lot, shape(rect(-100, -12, 100, 0))).xy, 'a road along the front edge only touches').to.deep.equal([]);
    expect(planarPolygonsArea(frame.difference(lot, [shape(rect(-5, -6, 25, 6))]).xy)).to.be.closeTo(680, 1e-6);
    // An L-shaped (concave) road reaching 2 m into the lot along its front: exact clipping, 40 m².
    const road: XY[] = [[E0 - 50, N0 - 12], [E0 + 50, N0 - 12], [E0 + 50, N0 + 60], [E0 + 30, N0 + 60], [E0 + 30, N0 + 2], [E0 - 50, N0 + 2], [E0 - 50, N0 - 12]];
    expect(convexOrientation(road)).to.equal(0);
    expect(planarPolygonsArea(frame.intersection(lot, shape(road)).xy)).to.be.closeTo(40, 1e-6);
    expect(planarPolygonsArea(frame.difference(lot, [shape(road)]).xy)).to.be.closeTo(760, 1e-6);
  });

  it('convexDifferencePieces: disjoint convex pieces whose areas add up to subject minus its overlap with the cutter, on random pairs', () => {
    const rnd = seededRandom(7);
    const convex = (cx: number, cy: number): XY[] => randomConvex(rnd, cx, cy);
    let cut = 0;
    for (let k = 0; k < 200; k++) {
      const subject = convex(0, 0);
      const cutter = convex(30 * rnd() - 15, 30 * rnd() - 15);
      const sign = convexOrientation(cutter);
      if (convexOrientation(subject) === 0 || sign === 0) continue;
      const pieces = convexDifferencePieces(subject, cutter, sign);
      const expected = area(subject) - area(clipByConvex(subject, cutter, sign));
      expect(pieces.reduce((sum, p) => sum + area(p), 0), `pair ${k}`).to.be.closeTo(expected, 1e-6);
      for (const [i, p] of pieces.entries()) {
        expect(area(clipByConvex(p, cutter, sign)), `pair ${k}: piece ${i} outside the cutter`).to.be.below(1e-6);
        for (const q of pieces.slice(i + 1)) expect(area(clipByConvex(q, p, convexOrientation(p))), `pair ${k}: pieces overlap`).to.be.below(1e-6);
      }
      if (pieces.length > 1) cut++;
    }
    expect(cut, 'pairs cut into several pieces').to.be.greaterThan(20);
    // Distances to a convex polygon: 0 inside, else to the nearest edge.
    const square = rect(0, 0, 10, 10);
    expect(farthestVertexFromConvex([[E0 + 5, N0 + 5]], square, 1)).to.equal(0);
    expect(farthestVertexFromConvex([[E0 + 5, N0 + 5], [E0 + 13, N0 + 14]], square, 1)).to.be.closeTo(5, 1e-9);
  });

  it('differenceBeyondContact: needles a lot leaves beyond a strip or its zone are left out, a needle joined to the rest is not', () => {
    const frame = new PlanarFrame(5897);
    const shape = (...rings: XY[][]) => ({ xy: poly(...rings), lonlat: null });
    const measured = (s: { xy: PlanarPolygon[] }) => measureOverlap({ xy: s.xy, lonlat: null }, 0, false);
    // The lot's front edge stands 50 µm beyond the strip's far edge: the exact difference is the lot
    // behind the strip (20 m × 34 m) and a 20 m × 50 µm needle in front of it.
    const lot = shape(rect(0, -0.00005, 20, 40));
    const strip = shape(rect(-5, 0, 25, 6));
    const exact = frame.difference(lot, [strip]);
    expect(exact.xy, 'exact: the lot behind the strip and the needle').to.have.length(2);
    const fast = frame.differenceBeyondContact(lot, [strip]);
    expect(fast.xy).to.have.length(1);
    expect(planarPolygonsArea(fast.xy)).to.be.closeTo(680, 1e-6);
    expect(measured(fast).area_m2).to.be.closeTo(measured(exact).area_m2, 1e-9);
    // The strip stops 50 µm short of the lot's side: that needle is joined to the rest (an L), which the
    // exact difference keeps as one part with it: 680 + 6 m × 50 µm.
    const lot2 = shape(rect(0, 0, 20, 40));
    const short = shape(rect(-5, -6, 19.99995, 6));
    const joined = frame.differenceBeyondContact(lot2, [short]);
    expect(joined.xy).to.have.length(1);
    expect(planarPolygonsArea(joined.xy)).to.be.closeTo(680.0003, 1e-7);
    expect(planarPolygonsArea(joined.xy)).to.be.closeTo(planarPolygonsArea(frame.difference(lot2, [short]).xy), 1e-9);
    // A lot standing 30 µm beyond its zone on two sides: only contact is left uncovered.
    const zone = shape(rect(0.00003, 0.00003, 100, 100));
    const inZone = frame.intersection(lot2, zone);
    expect(frame.difference(lot2, [inZone]).xy.length, 'exact: two needles').to.be.greaterThan(0);
    expect(frame.differenceBeyondContact(lot2, [inZone]).xy).to.deep.equal([]);
  });
});
