// Writes the golden cases' in/ files from their metric constructions (deterministic). Run: npx tsx test/checks/make-cases.ts
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { PROPOSAL_DEFAULTS, planeFor, type CaseSpec } from './case-builder.ts';
import { GEOMETRY_CASES } from './catalogue/geometry-cases.ts';
import { INDICATOR_CASES } from './catalogue/indicator-cases.ts';
import { RED_LINE_CASES } from './catalogue/red-line-cases.ts';
import { REPORT_CASES } from './catalogue/report-cases.ts';
import { ZONE_CASES } from './catalogue/zone-cases.ts';
import { CASES_DIR, writeJson } from './golden-io.ts';

/** Every case, each on its own spot of the 400 m grid (in definition order, so the files never move). */
export function allCases(): CaseSpec[] {
  const defs = [...GEOMETRY_CASES, ...ZONE_CASES, ...INDICATOR_CASES, ...RED_LINE_CASES, ...REPORT_CASES];
  return defs.map((def, i) => def(planeFor(i)));
}

function toCollection(c: CaseSpec): FeatureCollection & { properties: object } {
  return {
    type: 'FeatureCollection',
    properties: {
      description: c.description,
      proposal: { ...PROPOSAL_DEFAULTS, ...c.proposal },
      ...(c.params ? { params: c.params } : {}),
      expected: c.expected,
    },
    features: c.features,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cases = allCases();
  const seen = new Set<string>();
  for (const c of cases) {
    const key = `${c.kind}/${c.name}`;
    if (seen.has(key)) throw new Error(`duplicate case ${key}`);
    seen.add(key);
    writeJson(path.join(CASES_DIR, c.kind, 'in', `${c.name}.geojson`), toCollection(c));
  }
  console.log(`wrote ${cases.length} cases`);
}
