// Command line: generates the demo plan, prints timing, counts, size and hash, and optionally writes the JSON (`npx tsx geodata/demo-plan/write-demo-plan.ts [out.json]`).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { generateDemoPlan } from './generate-demo-plan.ts';

const started = performance.now();
const plan = generateDemoPlan();
const ms = performance.now() - started;
const json = JSON.stringify(plan);
const count = <T>(items: T[], key: (t: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});
console.log(
  JSON.stringify(
    {
      generation_ms: Math.round(ms),
      zones: plan.zones.length,
      constraints: plan.constraints.length,
      parcels: plan.parcels.length,
      permits: plan.permits.length,
      json_mb: Math.round((Buffer.byteLength(json) / 1e6) * 100) / 100,
      sha256: createHash('sha256').update(json).digest('hex'),
      zones_by_symbol: count(plan.zones, (z) => z.land_use_code),
      constraints_by_kind: count(plan.constraints, (c) => c.kind),
      permits_by_status: count(plan.permits, (p) => p.status),
      sheets: new Set(plan.parcels.map((p) => p.sheet_no)).size,
    },
    null,
    2,
  ),
);
const out = process.argv[2];
if (out) writeFileSync(out, json);
