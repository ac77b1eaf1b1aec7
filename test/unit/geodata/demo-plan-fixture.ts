// Generates the demo plan once per test run (module cache) for the geodata tests, and times it.
import { generateDemoPlan, type DemoPlan } from '../../../geodata/demo-plan/generate-demo-plan.ts';

let cached: { plan: DemoPlan; ms: number } | null = null;

export function demoPlan(): { plan: DemoPlan; ms: number } {
  if (!cached) {
    const t = performance.now();
    const plan = generateDemoPlan();
    cached = { plan, ms: performance.now() - t };
  }
  return cached;
}
