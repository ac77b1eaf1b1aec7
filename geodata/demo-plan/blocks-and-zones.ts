// Splits the blocks between streets into 1–4 zones, gives each a lot symbol and indicators, and cuts zones along ward boundaries.
import { permittedLandLawCodes, findLandUseCode } from '../land-use-codes.ts';
import { Prng } from './prng.ts';
import { type Poly, type Pt, type Rect, distanceToLine, polyArea, polysArea, rectArea, rectCentre, rectsOverlap } from './planar.ts';
import type { ClipIndex } from './rect-clip.ts';
import { HAU_WATER_FROM_EDGE_M } from './river-corridor.ts';
import type { AreaClass, Block, StreetLine, StreetNetwork, Superblock } from './street-network.ts';
import type { PlanWard } from './study-area.ts';
import { type Indicators, citationFor, indicatorsFor } from './zone-indicators.ts';

export interface ZonePiece {
  block: Block;
  rect: Rect;
  symbol: string;
  /** Axis the lots of this piece line up along (the block's long axis). */
  frontageAxis: 'u' | 'v';
}

export interface GenZone {
  ref: string;
  lot_code: string;
  symbol: string;
  name: string;
  indicators: Indicators;
  permitted_uses: string[];
  citation: string;
  ward: PlanWard;
  piece: ZonePiece;
  /** Zone geometry in (u, v). */
  polys: Poly[];
  /** True when the zone is its whole rectangle (not cut by a ward boundary or the water). */
  whole: boolean;
  area: number;
}

/** Zone parts under this area (m²) are dropped: slivers where a block grazes a ward boundary. */
const MIN_ZONE_PART_M2 = 60;
/** Smallest zone kept (m²): less is not a lot a 1/2000 plan would regulate on its own. */
const MIN_ZONE_M2 = 250;
/** Narrowest zone cut from a block (m): room for a row of lots on each street. */
const MIN_PIECE_M = 40;
/** Blocks whose centre is this close to the assumed Hậu bank (m) become riverside park or mixed use. */
const RIVERFRONT_M = 120;

type Choice = readonly (readonly [string, number])[];
/** Weights of lot symbols by area class: dense old housing in the core, new housing and farmland outwards. */
const MIX: Record<AreaClass, Choice> = {
  core: [['NO', 70], ['HH', 12], ['OM', 6], ['CC', 5], ['CX', 5], ['P', 2]],
  urban: [['NO', 38], ['OM', 40], ['HH', 6], ['CX', 7], ['CC', 4], ['P', 3], ['HTKT', 2]],
  suburban: [['OM', 50], ['NO', 14], ['CX', 10], ['CN', 8], ['NN', 10], ['HTKT', 5], ['P', 3]],
  rural: [['NN', 86], ['OM', 5], ['CX', 5], ['HTKT', 4]],
};

function splitBlock(block: Block, rng: Prng): { rects: Rect[]; axis: 'u' | 'v' } {
  const r = block.rect;
  const axis = r.x1 - r.x0 >= r.y1 - r.y0 ? 'u' : 'v';
  const [lo, hi] = axis === 'u' ? [r.x0, r.x1] : [r.y0, r.y1];
  const klass = block.superblock.klass;
  const wanted = klass === 'core' ? rng.int(1, 4) : rng.int(1, 3);
  const k = Math.max(1, Math.min(wanted, Math.floor((hi - lo) / MIN_PIECE_M), 4));
  const weights = Array.from({ length: k }, () => rng.range(0.6, 1.4));
  const total = weights.reduce((s, w) => s + w, 0);
  const cuts = [lo];
  let acc = lo;
  for (let i = 0; i < k - 1; i++) cuts.push((acc += ((hi - lo) * weights[i]) / total));
  cuts.push(hi);
  const rects = cuts.slice(0, -1).map((c, i) =>
    axis === 'u' ? { x0: c, x1: cuts[i + 1], y0: r.y0, y1: r.y1 } : { x0: r.x0, x1: r.x1, y0: c, y1: cuts[i + 1] },
  );
  return { rects, axis };
}

const isMain = (l: StreetLine | null): boolean => l?.kind === 'main';

/** Lot symbols for the pieces of one block, from its area class and setting. */
function programme(block: Block, rects: Rect[], axis: 'u' | 'v', bankDistance: number, rng: Prng): string[] {
  const klass = block.superblock.klass;
  if (bankDistance < RIVERFRONT_M && klass !== 'rural') return rects.map(() => (rng.chance(0.55) ? 'CX' : 'HH'));
  // Long sides face the streets every piece fronts; a main street there favours mixed use.
  const longSidesMain = axis === 'u' ? isMain(block.top) || isMain(block.bottom) : isMain(block.left) || isMain(block.right);
  return rects.map(() => {
    if (longSidesMain && klass !== 'rural' && rng.chance(klass === 'core' ? 0.35 : klass === 'urban' ? 0.2 : 0.1)) return 'HH';
    return rng.weighted(MIX[klass]);
  });
}

interface Special {
  symbol: string;
  count: number;
  classes: AreaClass[];
  minArea: number;
  maxArea: number;
}

/** Facilities placed a few times over the whole plan, on suitably sized housing pieces. */
const SPECIALS: Special[] = [
  { symbol: 'YT', count: 3, classes: ['core', 'urban'], minArea: 8000, maxArea: 40000 },
  { symbol: 'CQ', count: 4, classes: ['core'], minArea: 3000, maxArea: 20000 },
  { symbol: 'TG', count: 5, classes: ['core', 'urban'], minArea: 1200, maxArea: 6000 },
  { symbol: 'DT', count: 3, classes: ['core'], minArea: 1000, maxArea: 6000 },
];

/** Every residential unit (non-rural superblock) gets a school, a kindergarten and a park; core and urban ones a public-service lot. */
const UNIT_SERVICES: { symbol: string; minArea: number; maxArea: number; classes: AreaClass[] }[] = [
  { symbol: 'TH', minArea: 6000, maxArea: 30000, classes: ['core', 'urban', 'suburban'] },
  { symbol: 'NT', minArea: 2000, maxArea: 9000, classes: ['core', 'urban', 'suburban'] },
  { symbol: 'CX', minArea: 3000, maxArea: 40000, classes: ['core', 'urban', 'suburban'] },
  { symbol: 'CC', minArea: 2500, maxArea: 20000, classes: ['core', 'urban'] },
];

const housing = (p: ZonePiece): boolean => p.symbol === 'NO' || p.symbol === 'OM';

/**
 * Gives `piece` the symbol; when the piece is larger than the facility needs, a part of the right
 * size is cut off along the frontage axis and the rest stays housing.
 */
function assign(pieces: ZonePiece[], piece: ZonePiece, symbol: string, maxArea: number, rng: Prng): void {
  const r = piece.rect;
  const alongU = piece.frontageAxis === 'u';
  const depth = alongU ? r.y1 - r.y0 : r.x1 - r.x0;
  const length = alongU ? r.x1 - r.x0 : r.y1 - r.y0;
  const want = (maxArea * rng.range(0.5, 0.9)) / depth;
  // Blocks keep at most four zones (before cuts by ward boundaries).
  const crowded = pieces.filter((p) => p.block === piece.block).length >= 4;
  if (crowded || rectArea(r) <= maxArea || want < MIN_PIECE_M || length - want < MIN_PIECE_M) {
    piece.symbol = symbol;
    return;
  }
  const cut = (alongU ? r.x0 : r.y0) + want;
  const part: ZonePiece = { ...piece, symbol, rect: alongU ? { ...r, x1: cut } : { ...r, y1: cut } };
  piece.rect = alongU ? { ...r, x0: cut } : { ...r, y0: cut };
  pieces.splice(pieces.indexOf(piece), 0, part);
}

function placeServices(pieces: ZonePiece[], landShare: Map<ZonePiece, number>, rng: Prng): void {
  const bySuperblock = new Map<Superblock, ZonePiece[]>();
  for (const p of pieces) bySuperblock.set(p.block.superblock, [...(bySuperblock.get(p.block.superblock) ?? []), p]);
  // Only pieces wholly on land, so the facility is not cut by a ward boundary or the river.
  const fits = (p: ZonePiece, min: number): boolean => housing(p) && (landShare.get(p) ?? 0) > 0.98 && rectArea(p.rect) >= min;
  for (const [sb, list] of bySuperblock) {
    for (const s of UNIT_SERVICES) {
      if (!s.classes.includes(sb.klass) || list.some((p) => p.symbol === s.symbol)) continue;
      const candidates = list.filter((p) => fits(p, s.minArea));
      if (candidates.length > 0) assign(pieces, rng.pick(candidates), s.symbol, s.maxArea, rng);
    }
  }
  for (const s of SPECIALS) {
    const candidates = rng.shuffle(pieces.filter((p) => s.classes.includes(p.block.superblock.klass) && fits(p, s.minArea)));
    for (const p of candidates.slice(0, s.count)) assign(pieces, p, s.symbol, s.maxArea, rng);
  }
}

/** Names a zone the way a plan's lot table does: function, then lot code. */
function zoneName(symbol: string, lotCode: string): string {
  const entry = findLandUseCode('plan_symbol', symbol);
  if (!entry) throw new RangeError(`unknown lot symbol ${symbol}`);
  return `${entry.name_vi} ${lotCode}`;
}

export interface ZoningResult {
  pieces: ZonePiece[];
  zones: GenZone[];
}

/** Zones of the plan on land (the water zones are added by the caller). */
export function buildZones(network: StreetNetwork, land: ClipIndex, wards: PlanWard[], hauEdge: Pt[], seed: string): ZoningResult {
  const rng = Prng.fork(seed, 'zones');
  const pieces: ZonePiece[] = [];
  const landShare = new Map<ZonePiece, number>();
  for (const block of network.blocks) {
    const inLand = polysArea(land.clip(block.rect));
    if (inLand < MIN_ZONE_M2) continue;
    const bank = distanceToLine(rectCentre(block.rect), hauEdge) - HAU_WATER_FROM_EDGE_M;
    const { rects, axis } = splitBlock(block, rng);
    const symbols = programme(block, rects, axis, bank, rng);
    rects.forEach((rect, i) => {
      const piece: ZonePiece = { block, rect, symbol: symbols[i], frontageAxis: axis };
      const share = rects.length === 1 ? inLand / rectArea(rect) : polysArea(land.clip(rect)) / rectArea(rect);
      if (share * rectArea(rect) < MIN_ZONE_M2) return;
      landShare.set(piece, share);
      pieces.push(piece);
    });
  }
  placeServices(pieces, landShare, rng);

  const zones: GenZone[] = [];
  const counters = new Map<string, number>();
  for (const piece of pieces) {
    for (const ward of wards) {
      if (!rectsOverlap(ward.landBounds, piece.rect)) continue;
      const polys = ward.landIndex.clip(piece.rect).filter((p) => polyArea(p) >= MIN_ZONE_PART_M2);
      const area = polysArea(polys);
      if (area < MIN_ZONE_M2) continue;
      const n = (counters.get(piece.symbol) ?? 0) + 1;
      counters.set(piece.symbol, n);
      const lotCode = `${piece.symbol}-${String(n).padStart(2, '0')}`;
      const whole = polys.length === 1 && polys[0].length === 1 && Math.abs(area - rectArea(piece.rect)) < 1e-6 * area;
      zones.push({
        ref: '',
        lot_code: lotCode,
        symbol: piece.symbol,
        name: zoneName(piece.symbol, lotCode),
        indicators: indicatorsFor(piece.symbol, piece.block.superblock.klass, rng),
        permitted_uses: permittedLandLawCodes(piece.symbol),
        citation: citationFor(piece.symbol),
        ward,
        piece,
        polys,
        whole,
        area,
      });
    }
  }
  zones.forEach((z, i) => (z.ref = `Z-${String(i + 1).padStart(5, '0')}`));
  return { pieces, zones };
}
