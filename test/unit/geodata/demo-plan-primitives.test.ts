// Checks the demo-plan geometry kernel (rectangle clipping, quadtree, noding) and the seeded generator.
import { expect } from 'chai';
import { nodePolys, PointIndex } from '../../../geodata/demo-plan/noding.ts';
import { type Poly, type Pt, type Rect, orient, polysArea } from '../../../geodata/demo-plan/planar.ts';
import { Prng } from '../../../geodata/demo-plan/prng.ts';
import { ClipIndex, clipPolysToRect } from '../../../geodata/demo-plan/rect-clip.ts';
import { overlapArea } from './planar-test-geometry.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Pt[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const R: Rect = { x0: 0, y0: 0, x1: 10, y1: 10 };

/** A simple star-shaped ring around (cx, cy). */
function star(rng: Prng, cx: number, cy: number, n: number, rMin: number, rMax: number): Pt[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const r = rng.range(rMin, rMax);
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as Pt;
  });
}

describe('demo-plan primitives: rectangle clipping, noding, seeded numbers', () => {
  describe('clipPolysToRect', () => {
    it('keeps a polygon inside the rectangle and returns the rectangle for a polygon around it', () => {
      expect(polysArea(clipPolysToRect([[square(2, 2, 5, 5)]], R))).to.equal(9);
      expect(clipPolysToRect([[square(-5, -5, 15, 15)]], R)).to.deep.equal([[square(0, 0, 10, 10)]]);
      expect(clipPolysToRect([[square(20, 20, 30, 30)]], R)).to.deep.equal([]);
    });

    it('cuts a U shape whose notch crosses the rectangle into two parts', () => {
      const u: Pt[] = [[2, -5], [8, -5], [8, 20], [6, 20], [6, 5], [4, 5], [4, 20], [2, 20]];
      const parts = clipPolysToRect([[u]], { x0: 0, y0: 6, x1: 10, y1: 10 });
      expect(parts).to.have.length(2);
      expect(polysArea(parts)).to.be.closeTo(16, 1e-9);
    });

    it('keeps holes: inside ones as holes, crossing ones as part of the outline', () => {
      const inside = clipPolysToRect([orient([square(-5, -5, 15, 15), square(2, 2, 4, 4)])], R);
      expect(inside[0]).to.have.length(2);
      expect(polysArea(inside)).to.be.closeTo(96, 1e-9);
      expect(polysArea(clipPolysToRect([orient([square(-5, -5, 15, 15), square(5, 5, 20, 20)])], R))).to.be.closeTo(75, 1e-9);
    });

    it('agrees with an independent triangulation-and-Sutherland–Hodgman area on random polygons', () => {
      const rng = new Prng('clip-test');
      for (let k = 0; k < 200; k++) {
        const ring = star(rng, rng.range(-20, 20), rng.range(-20, 20), rng.int(3, 40), 2, 30);
        const r: Rect = { x0: rng.range(-30, 0), y0: rng.range(-30, 0), x1: rng.range(1, 30), y1: rng.range(1, 30) };
        const clipped = clipPolysToRect([orient([ring])], r);
        const expected = overlapArea([[ring]], [[square(r.x0, r.y0, r.x1, r.y1)]]) as number;
        expect(polysArea(clipped), `case ${k}`).to.be.closeTo(expected, 1e-6 * Math.max(1, expected));
        for (const p of clipped) for (const [x, y] of p[0]) {
          expect(x).to.be.within(r.x0 - 1e-9, r.x1 + 1e-9);
          expect(y).to.be.within(r.y0 - 1e-9, r.y1 + 1e-9);
        }
      }
    });

    it('gives the same result through the quadtree index as against the whole polygon', () => {
      const rng = new Prng('index-test');
      const ring = orient([star(rng, 0, 0, 2000, 3000, 5000)]);
      const index = new ClipIndex([ring], { x0: -5000, y0: -5000, x1: 5000, y1: 5000 });
      for (let k = 0; k < 300; k++) {
        const x = rng.range(-5200, 5000);
        const y = rng.range(-5200, 5000);
        const r: Rect = { x0: x, y0: y, x1: x + rng.range(5, 400), y1: y + rng.range(5, 400) };
        expect(polysArea(index.clip(r)), `case ${k}`).to.be.closeTo(polysArea(clipPolysToRect([ring], r)), 1e-6);
      }
    });
  });

  describe('nodePolys', () => {
    it('inserts a neighbour vertex lying on an edge, in order, without changing the area', () => {
      const poly: Poly = [square(0, 0, 10, 10)];
      const index = new PointIndex([[4, 0], [2, 0], [10, 5], [5, 5], [3, 0.5]] as Pt[], 4);
      const [noded] = nodePolys([poly], index);
      expect(noded[0]).to.deep.equal([[0, 0], [2, 0], [4, 0], [10, 0], [10, 5], [10, 10], [0, 10]]);
      expect(polysArea([noded])).to.equal(100);
    });
  });

  describe('Prng', () => {
    it('repeats its sequence for a seed and differs between labels', () => {
      const a = Prng.fork('seed', 'zones');
      const b = Prng.fork('seed', 'zones');
      const c = Prng.fork('seed', 'parcels');
      const seq = (p: Prng) => Array.from({ length: 20 }, () => p.next());
      const sa = seq(a);
      expect(sa).to.deep.equal(seq(b));
      expect(sa).to.not.deep.equal(seq(c));
      for (const x of sa) expect(x).to.be.within(0, 1 - 1e-12);
    });
  });
});
