import { expect } from 'chai';
import { inscribedWidth } from '../../../api/checks/overlap-width.ts';
import type { XY } from '../../../api/checks/planar.ts';
import { E0, N0, randomConvex, rect, seededRandom } from './planar-fixtures.ts';

/** An L: a 20 m square less its 10 m × 10 m north-east quarter. */
const L: XY[] = [
  [E0, N0],
  [E0 + 20, N0],
  [E0 + 20, N0 + 10],
  [E0 + 10, N0 + 10],
  [E0 + 10, N0 + 20],
  [E0, N0 + 20],
  [E0, N0],
];
/** Its largest circle touches x = 0, y = 0 and the reflex corner (10, 10): r = √2 (10 − r). */
const L_WIDTH = (2 * 10 * Math.SQRT2) / (1 + Math.SQRT2);

describe('width of an overlap (largest inscribed circle)', () => {
  it('is exact without a bound: a 20 m × 10 m rectangle is 10 m wide, the L 11.716 m, a 24 m × 1 mm sliver 1 mm', () => {
    expect(inscribedWidth([rect(0, 0, 20, 10)]).width_m).to.be.closeTo(10, 1e-4);
    expect(inscribedWidth([L]).width_m).to.be.closeTo(L_WIDTH, 1e-4);
    expect(inscribedWidth([rect(0, 0, 24, 0.001)]).width_m).to.be.closeTo(0.001, 1e-4);
  });

  it('with a bound, answers "at least that wide?" alike and never claims more than the exact width', () => {
    const rnd = seededRandom(4242);
    const shapes: XY[][] = [rect(0, 0, 20, 10), L, rect(0, 0, 24, 0.001), rect(0, 0, 24, 0.3)];
    for (let i = 0; i < 200; i++) shapes.push(randomConvex(rnd, 0, 0));
    for (const ring of shapes) {
      const exact = inscribedWidth([ring]).width_m;
      for (const enough of [0.0011, 0.05, 1, 15]) {
        const bounded = inscribedWidth([ring], enough).width_m;
        expect(bounded, `${enough} m on a ${exact.toFixed(4)} m shape`).to.be.at.most(exact + 1e-4);
        // The question is answered as the exact width answers it.
        expect(bounded >= enough, `${enough} m on a ${exact.toFixed(4)} m shape`).to.equal(exact >= enough);
      }
    }
  });
});
