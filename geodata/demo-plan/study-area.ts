// The demo plan's study area: the seven wards around the former Ninh Kiều centre, their union, the river water, and the land left for streets and zones.
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { difference, featureCollection, intersect, union } from '@turf/turf';
import { geoToPolys, lonLatToPlanar } from './geo-convert.ts';
import { Frame, type Poly, type Pt, type Rect, polyArea, polysBounds, ringCentroid } from './planar.ts';
import { ClipIndex } from './rect-clip.ts';
import type { DensityCentre } from './street-network.ts';
import {
  CANTHO_RIVER_HALF_WIDTH_M,
  HAU_CORRIDOR_WIDTH_M,
  HAU_WATER_FROM_EDGE_M,
  bufferLine,
  findRiverLines,
} from './river-corridor.ts';

/** Wards of the demo plan: the former Quận Ninh Kiều (first four) and neighbours, 2025 codes. */
export const PLAN_WARD_CODES = ['31120', '31135', '31147', '31150', '31168', '31201', '31186'] as const;

/** Centre of the plan: the DOMAIN-VN.md check point in Ninh Kiều. Density falls off from here. */
export const PLAN_CENTRE_LONLAT: Pt = [105.7846, 10.0341];

export interface WardProps {
  code: string;
  name: string;
  full_name: string;
  former_provinces: string;
}
type Geom = Polygon | MultiPolygon;
type WardFeature = Feature<Geom, WardProps>;

export interface PlanWard {
  code: string;
  name: string;
  full_name: string;
  /** Land of the ward (water removed), planar (u, v). */
  land: Poly[];
  landBounds: Rect;
  /** Fast rectangle clipping against `land`. */
  landIndex: ClipIndex;
  /** The ward's share of the river water, EPSG:4326. */
  water: Geom | null;
}

export interface StudyArea {
  frame: Frame;
  /** Union of the seven wards, EPSG:4326, source precision. */
  boundary: Geom;
  wards: PlanWard[];
  /** All land of the plan (union minus water), planar (u, v): streets are clipped to it. */
  land: Poly[];
  landBounds: Rect;
  landIndex: ClipIndex;
  /** The plan centre (origin of the frame) and the centres of the former Cái Răng and Bình Thủy districts, with their reach. */
  densityCentres: DensityCentre[];
  /** The plan's edge on the Hậu River (mid-river) in (u, v); the assumed bank is HAU_WATER_FROM_EDGE_M inland of it. */
  hauEdgeUv: Pt[];
  /** 50 m band inland of the assumed Hậu bank, EPSG:4326. */
  hauCorridor: Geom | null;
  /** Cần Thơ River water inside the plan (outside the Hậu water), EPSG:4326. */
  canThoWater: Geom | null;
}

/** Wards whose middle is a secondary centre (the former district seats of Cái Răng and Bình Thủy). */
const SECONDARY_CENTRES = ['31186', '31168'];

function largestCentroid(polys: Poly[]): Pt {
  const biggest = [...polys].sort((a, b) => polyArea(b) - polyArea(a))[0];
  return biggest ? ringCentroid(biggest[0]) : [0, 0];
}

const WARDS_FILE = new URL('../cantho_wards_2025.geojson', import.meta.url);

export function readWards(): WardFeature[] {
  const fc = JSON.parse(readFileSync(WARDS_FILE, 'utf8')) as FeatureCollection<Geom, WardProps>;
  return fc.features;
}

const fc2 = (a: Feature<Geom> | Geom, b: Feature<Geom> | Geom) =>
  featureCollection([toFeature(a), toFeature(b)]);
const toFeature = (g: Feature<Geom> | Geom): Feature<Geom> =>
  g.type === 'Feature' ? g : { type: 'Feature', properties: {}, geometry: g };
const geomOrNull = (f: Feature<Geom> | null): Geom | null => (f ? f.geometry : null);

/** Builds the study area. All Turf boolean operations run here, on lon/lat, a handful of times. */
export function buildStudyArea(): StudyArea {
  const all = readWards();
  const planWards = PLAN_WARD_CODES.map((code) => {
    const f = all.find((w) => w.properties.code === code);
    if (!f) throw new Error(`ward ${code} missing from cantho_wards_2025.geojson`);
    return f;
  });
  const boundaryF = union(featureCollection(planWards.map((w) => toFeature(w.geometry))));
  if (!boundaryF) throw new Error('union of the plan wards failed');
  const boundary = boundaryF.geometry;

  const rivers = findRiverLines(all, planWards);
  const hauWater = bufferLine(rivers.hauEdge, HAU_WATER_FROM_EDGE_M);
  const ctWater = bufferLine(rivers.canThoCentreline, CANTHO_RIVER_HALF_WIDTH_M);
  const waterAll = union(fc2(hauWater, ctWater));
  if (!waterAll) throw new Error('union of river water failed');
  const landAll = difference(fc2(boundary, waterAll));
  if (!landAll) throw new Error('no land left in the plan area');

  const a = lonLatToPlanar(rivers.hauEdge[0]);
  const b = lonLatToPlanar(rivers.hauEdge[rivers.hauEdge.length - 1]);
  const origin = lonLatToPlanar(PLAN_CENTRE_LONLAT);
  const frame = new Frame(origin, Math.atan2(b[1] - a[1], b[0] - a[0]));

  const wards: PlanWard[] = planWards.map((f) => {
    const landF = difference(fc2(f.geometry, waterAll));
    const land = landF ? geoToPolys(landF.geometry, frame) : [];
    const landBounds = polysBounds(land);
    return {
      code: f.properties.code,
      name: f.properties.name,
      full_name: f.properties.full_name,
      land,
      landBounds,
      landIndex: new ClipIndex(land, landBounds),
      water: geomOrNull(intersect(fc2(f.geometry, waterAll))),
    };
  });

  const corridorOuter = bufferLine(rivers.hauEdge, HAU_WATER_FROM_EDGE_M + HAU_CORRIDOR_WIDTH_M);
  const hauCorridor = geomOrNull(intersect(fc2(corridorOuter, landAll)));
  const ctInPlan = intersect(fc2(ctWater, boundary));
  const canThoWater = ctInPlan ? geomOrNull(difference(fc2(ctInPlan, hauWater))) : null;

  const land = geoToPolys(landAll.geometry, frame);
  const landBounds = polysBounds(land);
  return {
    frame,
    boundary,
    wards,
    land,
    landBounds,
    landIndex: new ClipIndex(land, landBounds),
    densityCentres: [
      { at: [0, 0], reach: 1 },
      ...SECONDARY_CENTRES.map((code) => ({ at: largestCentroid(wards.find((w) => w.code === code)?.land ?? []), reach: 0.55 })),
    ],
    hauEdgeUv: rivers.hauEdge.map((c: Position) => frame.toUv(lonLatToPlanar(c))),
    hauCorridor,
    canThoWater,
  };
}
