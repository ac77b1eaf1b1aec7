// Golden cases of the compliance engine: reading in/ files, writing styled out/ files, and comparing results with tolerances.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type {
  BuildingProposal,
  CheckConstraint,
  CheckContext,
  CheckId,
  CheckParams,
  CheckResult,
  CheckZone,
  ComplianceReport,
  Polygonal,
} from '../../api/checks/check.types.ts';

/*
 * Case format (test/checks/<check-id>/in/<situation>.geojson): a FeatureCollection whose features
 * carry properties.role = 'site' | 'footprint' | 'zone' | 'constraint' | 'parcel' (zones and
 * constraints with their attributes as properties, as the API serves them), and whose collection
 * carries the foreign member "properties":
 *   { description, proposal: { use, floors, height_m, gfa_m2, basement_floors? }, params?,
 *     expected: { status, measured?, tolerance?, report_status?, computed?, evidence_point? } }
 * `expected` is written by hand (or by the generator from the metric construction), independently
 * of the engine: the out/ files are what the engine said, `expected` is what it must say.
 * Folder `report` holds whole-report cases run through runCompliance.
 */

export const CASES_DIR = path.dirname(fileURLToPath(import.meta.url));

export type CaseKind = CheckId | 'report';

export interface Expected {
  status: string;
  measured?: number | null;
  /** Absolute tolerance for measured and computed values (default 0.01). */
  tolerance?: number;
  report_status?: string;
  computed?: Record<string, number | string | null>;
  /** Where the evidence must be (a point of it within 1 cm), lon/lat. */
  evidence_point?: [number, number];
  crs?: string;
  zone_rule?: string;
}

export interface GoldenCase {
  kind: CaseKind;
  name: string;
  description: string;
  proposal: BuildingProposal;
  context: CheckContext;
  params: Partial<CheckParams>;
  expected: Expected;
  input: FeatureCollection;
}

interface CaseProps {
  description: string;
  proposal: Omit<BuildingProposal, 'site' | 'footprint'>;
  params?: Partial<CheckParams>;
  expected: Expected;
}

/** Every case on disk, sorted by folder then name. */
export function listCases(): { kind: CaseKind; name: string; inPath: string; outPath: string }[] {
  const out: { kind: CaseKind; name: string; inPath: string; outPath: string }[] = [];
  for (const dir of fs.readdirSync(CASES_DIR).sort()) {
    const inDir = path.join(CASES_DIR, dir, 'in');
    if (!fs.existsSync(inDir)) continue;
    for (const file of fs.readdirSync(inDir).sort()) {
      if (!file.endsWith('.geojson')) continue;
      const name = file.replace(/\.geojson$/, '');
      out.push({ kind: dir as CaseKind, name, inPath: path.join(inDir, file), outPath: path.join(CASES_DIR, dir, 'out', file) });
    }
  }
  return out;
}

/** Parses an in/ file into the engine's inputs. */
export function readCase(kind: CaseKind, name: string, inPath: string): GoldenCase {
  const input = JSON.parse(fs.readFileSync(inPath, 'utf8')) as FeatureCollection & { properties: CaseProps };
  const byRole = (role: string): Feature[] => input.features.filter((f) => f.properties?.role === role);
  const one = (role: string): Geometry => {
    const fs_ = byRole(role);
    if (fs_.length !== 1) throw new Error(`${kind}/${name}: expected exactly one ${role} feature, found ${fs_.length}`);
    return fs_[0].geometry;
  };
  const zones: CheckZone[] = byRole('zone').map((f) => {
    const { role: _r, ...p } = f.properties as Record<string, unknown>;
    return { ...(p as Omit<CheckZone, 'geometry'>), geometry: f.geometry as Polygonal };
  });
  const constraints: CheckConstraint[] = byRole('constraint').map((f) => {
    const { role: _r, ...p } = f.properties as Record<string, unknown>;
    return { ...(p as Omit<CheckConstraint, 'geometry'>), geometry: f.geometry as Polygonal };
  });
  const parcels = byRole('parcel');
  const props = input.properties;
  return {
    kind,
    name,
    description: props.description,
    proposal: { ...props.proposal, site: one('site') as Polygonal, footprint: one('footprint') as Polygonal },
    context: { zones, constraints, parcel: parcels[0] ? { id: parcels[0].properties!.id as string, geometry: parcels[0].geometry as Polygonal } : null },
    params: props.params ?? {},
    expected: props.expected,
    input,
  };
}

const STYLE: Record<string, Record<string, string | number>> = {
  site: { stroke: '#1f4e9c', 'stroke-width': 2, fill: '#1f4e9c', 'fill-opacity': 0.05 },
  footprint: { stroke: '#d35400', 'stroke-width': 2, fill: '#e67e22', 'fill-opacity': 0.35 },
  zone: { stroke: '#7f8c8d', 'stroke-width': 1, fill: '#95a5a6', 'fill-opacity': 0.1 },
  red_line: { stroke: '#c0392b', 'stroke-width': 2, fill: '#e74c3c', 'fill-opacity': 0.2 },
  constraint: { stroke: '#8e44ad', 'stroke-width': 1, fill: '#9b59b6', 'fill-opacity': 0.2 },
  parcel: { stroke: '#2c3e50', 'stroke-width': 1, fill: '#2c3e50', 'fill-opacity': 0 },
};
const STATUS_COLOUR: Record<string, string> = { fail: '#ff0000', warn: '#f39c12', pass: '#27ae60', not_applicable: '#7f8c8d' };

function styled(f: Feature): Feature {
  const p = f.properties ?? {};
  const style = p.role === 'constraint' && p.kind === 'red_line' ? STYLE.red_line : STYLE[p.role as string] ?? {};
  return { ...f, properties: { ...p, ...style } };
}

function evidenceFeature(check: CheckId, status: string, g: Geometry, what: string): Feature {
  const colour = STATUS_COLOUR[status] ?? '#000000';
  const style =
    g.type === 'Point' || g.type === 'MultiPoint'
      ? { 'marker-color': colour, 'marker-symbol': 'cross', 'marker-size': 'medium' }
      : { stroke: colour, 'stroke-width': 3, fill: colour, 'fill-opacity': 0.6 };
  return { type: 'Feature', properties: { role: 'evidence', check, status, what, ...style }, geometry: g };
}

function evidenceOf(r: CheckResult): Feature[] {
  const out: Feature[] = [];
  if (r.evidence) out.push(evidenceFeature(r.id, r.status, r.evidence, 'evidence'));
  for (const h of r.hits ?? []) if (h.geometry) out.push(evidenceFeature(r.id, h.status, h.geometry, `hit ${h.constraint_id}`));
  return out;
}

/** The out/ collection: the input features styled, evidence features, and the result in properties. */
export function buildOutput(c: GoldenCase, outcome: CheckResult | ComplianceReport): FeatureCollection & { properties: Record<string, unknown> } {
  const isReport = c.kind === 'report';
  const results = isReport ? (outcome as ComplianceReport).checks : [outcome as CheckResult];
  return {
    type: 'FeatureCollection',
    properties: { case: `${c.kind}/${c.name}`, description: c.description, [isReport ? 'report' : 'result']: outcome },
    features: [...c.input.features.map(styled), ...results.flatMap(evidenceOf)],
  };
}

/** JSON with 2-space indentation, but positions and rings on one line: readable and diffable. */
export function formatGeoJson(value: unknown): string {
  const isNumArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'number');
  const inline = (v: unknown): boolean => isNumArray(v) || (Array.isArray(v) && v.length > 0 && v.every(isNumArray));
  const walk = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (inline(v)) return JSON.stringify(v).replace(/,/g, ', ');
      return `[\n${v.map((x) => indent + '  ' + walk(x, indent + '  ')).join(',\n')}\n${indent}]`;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, x]) => `${indent}  ${JSON.stringify(k)}: ${walk(x, indent + '  ')}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return walk(value, '') + '\n';
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatGeoJson(value));
}

/**
 * Differences between two JSON values: numbers to 1e-6 relative (1e-9 absolute near zero), numbers
 * inside `coordinates` to 1e-9 degrees (0.1 mm), everything else exactly. Empty when they agree.
 */
export function diffJson(actual: unknown, expected: unknown, at = '', inCoords = false): string[] {
  if (typeof actual === 'number' && typeof expected === 'number') {
    const ok = inCoords ? Math.abs(actual - expected) <= 1e-9 : Math.abs(actual - expected) <= Math.max(1e-9, 1e-6 * Math.abs(expected));
    return ok ? [] : [`${at}: ${actual} ≠ ${expected}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return [`${at}: length ${actual.length} ≠ ${expected.length}`];
    return actual.flatMap((x, i) => diffJson(x, expected[i], `${at}/${i}`, inCoords));
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && !Array.isArray(actual) && !Array.isArray(expected)) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((k) =>
      diffJson((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${at}/${k}`, inCoords || k === 'coordinates'),
    );
  }
  return actual === expected ? [] : [`${at}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

/** Round-trips a value through JSON (drops undefined, as the file will). */
export const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
