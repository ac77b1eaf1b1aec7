// Shapes for the clipping tests, at TM-3 magnitudes (E ~5.9e5, N ~1.1e6), where floating-point error is what it is in real use.
import type { XY } from '../../../api/checks/planar.ts';

export const E0 = 588_000;
export const N0 = 1_110_000;

/** A closed counter-clockwise rectangle, corners in metres from (E0, N0). */
export const rect = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  [E0 + x0, N0 + y0],
  [E0 + x1, N0 + y0],
  [E0 + x1, N0 + y1],
  [E0 + x0, N0 + y1],
  [E0 + x0, N0 + y0],
];

/** A seeded uniform generator on [0, 1) (Park–Miller), so a failing pair can be found again. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** A random convex polygon: points on an ellipse (5–25 m semi-axes) at sorted random angles, rotated, around (cx, cy). */
export function randomConvex(rnd: () => number, cx: number, cy: number): XY[] {
  const [a, b, rot] = [5 + 20 * rnd(), 5 + 20 * rnd(), Math.PI * rnd()];
  const angles = Array.from({ length: 3 + Math.floor(6 * rnd()) }, () => 2 * Math.PI * rnd()).sort((x, y) => x - y);
  const ring = angles.map((t): XY => [E0 + cx + a * Math.cos(t) * Math.cos(rot) - b * Math.sin(t) * Math.sin(rot), N0 + cy + a * Math.cos(t) * Math.sin(rot) + b * Math.sin(t) * Math.cos(rot)]);
  return [...ring, ring[0]];
}
