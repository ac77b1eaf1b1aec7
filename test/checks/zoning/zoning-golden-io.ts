// Golden cases of the zoning-layer edit checks: reading in/ files, running them, writing styled out/ files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Polygonal } from '../../../api/checks/check.types.ts';
import {
  checkConstraintEdit,
  checkZoneEdit,
  hasBlockingErrors,
  type EditCheckContext,
  type EditCheckParams,
  type EditCheckResult,
  type EditedConstraint,
  type EditedZone,
} from '../../../api/checks/zoning/index.ts';

/*
 * Case format (test/checks/zoning/<check-id>/in/<situation>.geojson): a FeatureCollection whose
 * features carry properties.role = 'edited' (exactly one: the zone or constraint as the edit
 * proposes it, properties.subject = 'zone' | 'constraint', its feature_id and attributes),
 * 'neighbour' (zones of the plan in force: feature_id, lot_code) and 'plan_boundary' (at most one).
 * The collection's foreign member "properties" holds
 *   { description, land_use_codes, params?, expected: { blocking, results: ExpectedResult[] } }
 * where `expected` is worked out from the metric construction, independently of the checks: the
 * out/ files are what the checks said, `expected` is what they must say.
 */

export const ZONING_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface ExpectedResult {
  id: EditCheckResult['id'];
  severity: EditCheckResult['severity'];
  code: string;
  /** Area in m², to `tolerance` (default 0.01 m²). */
  area_m2?: number;
  tolerance?: number;
  other_feature_id?: number | string;
  field?: string;
  /** A position of the evidence must lie within 1 cm of this lon/lat point. */
  evidence_point?: [number, number];
}

export interface ZoningExpected {
  blocking: boolean;
  /** Every result, in the order the checks list them. */
  results: ExpectedResult[];
}

export interface ZoningCase {
  check: string;
  name: string;
  description: string;
  subject: 'zone' | 'constraint';
  edited: EditedZone | EditedConstraint;
  context: EditCheckContext;
  params: Partial<EditCheckParams>;
  expected: ZoningExpected;
  input: FeatureCollection;
}

export function listZoningCases(): { check: string; name: string; inPath: string; outPath: string }[] {
  const out: { check: string; name: string; inPath: string; outPath: string }[] = [];
  for (const dir of fs.readdirSync(ZONING_DIR).sort()) {
    const inDir = path.join(ZONING_DIR, dir, 'in');
    if (!fs.existsSync(inDir)) continue;
    for (const file of fs.readdirSync(inDir).sort()) {
      if (!file.endsWith('.geojson')) continue;
      out.push({ check: dir, name: file.replace(/\.geojson$/, ''), inPath: path.join(inDir, file), outPath: path.join(ZONING_DIR, dir, 'out', file) });
    }
  }
  return out;
}

interface CaseProps {
  description: string;
  land_use_codes: string[];
  params?: Partial<EditCheckParams>;
  expected: ZoningExpected;
}

export function readZoningCase(check: string, name: string, inPath: string): ZoningCase {
  const input = JSON.parse(fs.readFileSync(inPath, 'utf8')) as FeatureCollection & { properties: CaseProps };
  const byRole = (role: string): Feature[] => input.features.filter((f) => f.properties?.role === role);
  const edited = byRole('edited');
  if (edited.length !== 1) throw new Error(`${check}/${name}: expected exactly one edited feature, found ${edited.length}`);
  const { role: _r, subject, feature_id, ...attributes } = edited[0].properties as Record<string, unknown>;
  const boundary = byRole('plan_boundary');
  const props = input.properties;
  return {
    check,
    name,
    description: props.description,
    subject: subject as 'zone' | 'constraint',
    edited: { feature_id: feature_id as number | null, attributes, geometry: edited[0].geometry } as unknown as EditedZone,
    context: {
      neighbours: byRole('neighbour').map((f) => ({
        feature_id: f.properties!.feature_id as number,
        lot_code: f.properties!.lot_code as string,
        geometry: f.geometry as Polygonal,
      })),
      plan_boundary: boundary[0] ? (boundary[0].geometry as Polygonal) : null,
      land_use_codes: props.land_use_codes,
    },
    params: props.params ?? {},
    expected: props.expected,
    input,
  };
}

export function runZoningCase(c: ZoningCase): EditCheckResult[] {
  return c.subject === 'zone'
    ? checkZoneEdit(c.edited as EditedZone, c.context, c.params)
    : checkConstraintEdit(c.edited as EditedConstraint, c.context, c.params);
}

const STYLE: Record<string, Record<string, string | number>> = {
  edited: { stroke: '#d35400', 'stroke-width': 2, fill: '#e67e22', 'fill-opacity': 0.3 },
  neighbour: { stroke: '#7f8c8d', 'stroke-width': 1, fill: '#95a5a6', 'fill-opacity': 0.15 },
  plan_boundary: { stroke: '#1f4e9c', 'stroke-width': 2, 'stroke-opacity': 0.8, fill: '#1f4e9c', 'fill-opacity': 0 },
};
const SEVERITY_COLOUR: Record<string, string> = { error: '#ff0000', warning: '#f39c12' };

function evidenceFeature(r: EditCheckResult, g: Geometry): Feature {
  const colour = SEVERITY_COLOUR[r.severity];
  const style =
    g.type === 'Point' || g.type === 'MultiPoint'
      ? { 'marker-color': colour, 'marker-symbol': 'cross', 'marker-size': 'medium' }
      : { stroke: colour, 'stroke-width': 3, fill: colour, 'fill-opacity': 0.6 };
  return { type: 'Feature', properties: { role: 'evidence', check: r.id, code: r.code, severity: r.severity, ...style }, geometry: g };
}

/** The out/ collection: the input features styled, one evidence feature per result that has one, the results in properties. */
export function buildZoningOutput(c: ZoningCase, results: EditCheckResult[]): FeatureCollection & { properties: Record<string, unknown> } {
  return {
    type: 'FeatureCollection',
    properties: { case: `zoning/${c.check}/${c.name}`, description: c.description, blocking: hasBlockingErrors(results), results },
    features: [
      ...c.input.features.map((f) => ({ ...f, properties: { ...f.properties, ...(STYLE[f.properties?.role as string] ?? {}) } })),
      ...results.filter((r) => r.evidence).map((r) => evidenceFeature(r, r.evidence as Geometry)),
    ],
  };
}
