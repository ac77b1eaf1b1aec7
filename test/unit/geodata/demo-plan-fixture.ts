// Generates the demo plan once per test run (module cache) for the geodata tests.
import { generateDemoPlan, type DemoPlan } from '../../../geodata/demo-plan/generate-demo-plan.ts';

let cached: { plan: DemoPlan } | null = null;

export function demoPlan(): { plan: DemoPlan } {
  cached ??= { plan: generateDemoPlan() };
  return cached;
}
