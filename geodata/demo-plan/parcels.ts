// Cadastral parcels of the demo plan: lots with street frontage laid out in urban blocks of every ward, with house-number addresses and land-law codes.
import type { GenZone } from './blocks-and-zones.ts';
import { Prng } from './prng.ts';
import { type Poly, type Pt, type Rect, polyArea, rectArea, rectCentre, rectRing } from './planar.ts';
import { clipPolysToRect } from './rect-clip.ts';
import type { StreetLine } from './street-network.ts';

/**
 * Parcel budget per ward: most in Ninh Kiều around the centre, a cluster of urban blocks in each
 * neighbour (around the middle of its urban housing), so that lookups work in every ward of the plan.
 * Whole blocks are taken (a block holds 50–400 lots), so a ward ends above its budget; the total
 * comes to about 6,000.
 */
export const PARCEL_BUDGET: Readonly<Record<string, number>> = {
  '31135': 2400, '31120': 600, '31147': 500, '31150': 300, '31168': 400, '31186': 400, '31201': 400,
};
/** The ward whose cluster is centred on the plan centre (the Ninh Kiều check point). */
const CENTRE_WARD = '31135';
/** Width of the internal alleys (hẻm) between back-to-back rows of lots, m. */
const ALLEY_M = 4;

export type Side = 'x0' | 'x1' | 'y0' | 'y1';

export interface GenParcel {
  zone: GenZone;
  rect: Rect;
  polys: Poly[];
  /** True when the parcel is its whole rectangle. */
  whole: boolean;
  /** The side of `rect` on the street or alley the lot is entered from. */
  front: Side;
  land_law_code: string;
  /** Street the lot fronts, or whose alley it is in. */
  street: string;
  /** Alley key when the lot fronts an alley (hẻm), else null. */
  alley: string | null;
  /** Position along the street, for house numbering. */
  along: number;
  /** Odd/even side of the street. */
  streetSide: 0 | 1;
  address: string;
}

interface Row {
  lo: number;
  hi: number;
  front: Side;
  street: StreetLine | null;
  alley: string | null;
  streetSide: 0 | 1;
}

/** Rows of lots across the piece depth: street row, back-to-back pairs on alleys, street row. */
function rows(zone: GenZone, lotDepth: number, alley: number): Row[] {
  const { rect, frontageAxis, block } = zone.piece;
  const alongU = frontageAxis === 'u';
  const lo = alongU ? rect.y0 : rect.x0;
  const hi = alongU ? rect.y1 : rect.x1;
  const lowStreet = alongU ? block.bottom : block.left;
  const highStreet = alongU ? block.top : block.right;
  const lowFront: Side = alongU ? 'y0' : 'x0';
  const highFront: Side = alongU ? 'y1' : 'x1';
  const depth = hi - lo;
  if (depth < 1.6 * lotDepth) return [{ lo, hi, front: lowFront, street: lowStreet, alley: null, streetSide: 0 }];
  let k = Math.max(0, Math.floor((depth - 2 * lotDepth) / (2 * lotDepth + alley)));
  let d = (depth - k * alley) / (2 * k + 2);
  if (d > 32) {
    k += 1;
    d = (depth - k * alley) / (2 * k + 2);
  }
  const out: Row[] = [];
  let y = lo;
  const key = zone.ref;
  out.push({ lo: y, hi: (y += d), front: lowFront, street: lowStreet, alley: null, streetSide: 0 });
  for (let j = 1; j <= k; j++) {
    const a = `${key}:${j}`;
    out.push({ lo: y, hi: (y += d), front: highFront, street: lowStreet, alley: a, streetSide: 0 });
    y += alley;
    out.push({ lo: y, hi: (y += d), front: lowFront, street: lowStreet, alley: a, streetSide: 1 });
  }
  out.push({ lo: y, hi: hi, front: highFront, street: highStreet, alley: null, streetSide: 1 });
  return out;
}

/** Frontage widths along a row: mostly narrow lots near `min`, now and then a double lot; areas kept in [minArea, maxArea]. */
function widths(length: number, depth: number, min: number, max: number, minArea: number, maxArea: number, rng: Prng): number[] {
  const lo = Math.max(min, minArea / depth);
  const hi = Math.max(lo, Math.min(max, maxArea / depth));
  const out: number[] = [];
  let left = length;
  while (left > 0) {
    const w = Math.min(hi, rng.chance(0.1) ? rng.range(lo * 1.8, lo * 2.6) : rng.range(lo, Math.min(hi, lo + 3.5)));
    if (left - w < lo) {
      if (left <= hi) out.push(left);
      else out.push(left / 2, left / 2);
      break;
    }
    out.push(w);
    left -= w;
  }
  return out;
}

const SINGLE_USE: Record<string, readonly string[]> = {
  CC: ['TSC', 'DVH', 'DTT', 'DCH'], CQ: ['TSC'], YT: ['DYT'], TH: ['DGD'], NT: ['DGD'], CX: ['DKV'], P: ['DGT'],
  HTKT: ['DNL', 'DTL'], TG: ['TON', 'TIN'], DT: ['DDT'], CN: ['SKC'],
};

function landLawCode(symbol: string, row: Row, rng: Prng): string {
  switch (symbol) {
    case 'NO':
      return row.street?.kind === 'main' && !row.alley && rng.chance(0.3) ? 'TMD' : 'ODT';
    case 'OM':
      return rng.chance(0.12) ? 'CLN' : 'ODT';
    case 'HH':
      return rng.chance(0.45) ? 'TMD' : 'ODT';
    case 'NN':
      return rng.pick(['LUC', 'CLN', 'CLN', 'NTS', 'HNK']);
    default:
      return rng.pick(SINGLE_USE[symbol] ?? ['ODT']);
  }
}

function lotsOfZone(zone: GenZone, rng: Prng): Omit<GenParcel, 'address' | 'polys' | 'whole'>[] {
  const { rect, frontageAxis } = zone.piece;
  const alongU = frontageAxis === 'u';
  const [a0, a1] = alongU ? [rect.x0, rect.x1] : [rect.y0, rect.y1];
  const make = (row: Row, s0: number, s1: number) => {
    const r: Rect = alongU ? { x0: s0, x1: s1, y0: row.lo, y1: row.hi } : { x0: row.lo, x1: row.hi, y0: s0, y1: s1 };
    return {
      zone, rect: r, front: row.front, land_law_code: landLawCode(zone.symbol, row, rng),
      street: row.street?.name ?? 'Đường nội bộ', alley: row.alley, along: (s0 + s1) / 2, streetSide: row.streetSide,
    };
  };
  const lay = (rs: Row[], min: number, max: number, minArea: number, maxArea: number) =>
    rs.flatMap((row) => {
      let s = a0;
      const ws = widths(a1 - a0, row.hi - row.lo, min, max, minArea, maxArea, rng);
      // The last lot ends exactly on the zone edge, not on a sum of widths.
      return ws.map((w, i) => make(row, s, i === ws.length - 1 ? a1 : (s += w)));
    });
  switch (zone.symbol) {
    case 'NO':
    case 'OM':
      // Town-house lots: 4.2–8 m frontage, 16–24 m deep, 60–400 m².
      return lay(rows(zone, rng.range(16, 24), ALLEY_M), 4.2, 8, 60, 400);
    case 'HH':
      // Mixed-use lots on an 8 m internal road grid: 14–30 m frontage, 30–40 m deep.
      return lay(rows(zone, rng.range(30, 40), 8), 14, 30, 300, 1500);
    case 'NN':
      return lay(rows(zone, 1e6, 0), 30, 60, 500, 1e6);
    default: {
      const whole: Row = rows(zone, 1e6, 0)[0];
      if (rectArea(rect) < 15000) return [make(whole, a0, a1)];
      const mid = (a0 + a1) / 2;
      return [make(whole, a0, mid), make(whole, mid, a1)];
    }
  }
}

/** Lays out parcels in whole blocks, ward by ward, nearest the ward's anchor first, until each ward's budget is spent. */
export function buildParcels(zones: GenZone[], seed: string): GenParcel[] {
  const rng = Prng.fork(seed, 'parcels');
  const byBlock = new Map<string, GenZone[]>();
  for (const z of zones) byBlock.set(z.piece.block.id, [...(byBlock.get(z.piece.block.id) ?? []), z]);
  const blocks = [...byBlock.values()];
  const out: GenParcel[] = [];
  for (const [ward, budget] of Object.entries(PARCEL_BUDGET)) {
    // Urban blocks only (about 200 m a side): a suburban block would hold a thousand lots on its own.
    const inWard = blocks.filter((b) => b[0].ward.code === ward);
    const urban = inWard.filter((b) => ['core', 'urban'].includes(b[0].piece.block.superblock.klass));
    const own = urban.length > 0 ? urban : inWard;
    const housing = own.flat().filter((z) => z.symbol === 'NO' || z.symbol === 'OM').map((z) => rectCentre(z.piece.rect));
    const anchor: Pt = ward === CENTRE_WARD || housing.length === 0
      ? [0, 0]
      : [housing.reduce((s, p) => s + p[0], 0) / housing.length, housing.reduce((s, p) => s + p[1], 0) / housing.length];
    const dist = (b: GenZone[]): number => {
      const [u, v] = rectCentre(b[0].piece.block.rect);
      return Math.hypot(u - anchor[0], v - anchor[1]);
    };
    own.sort((a, b) => dist(a) - dist(b) || a[0].ref.localeCompare(b[0].ref));
    const start = out.length;
    for (const blockZones of own) {
      if (out.length - start >= budget) break;
      for (const zone of blockZones) out.push(...parcelsOfZone(zone, rng));
    }
  }
  assignAddresses(out);
  return out;
}

function parcelsOfZone(zone: GenZone, rng: Prng): GenParcel[] {
  const out: GenParcel[] = [];
  for (const lot of lotsOfZone(zone, rng)) {
    let polys: Poly[] = [[rectRing(lot.rect)]];
    let whole = zone.whole;
    if (!zone.whole) {
      polys = clipPolysToRect(zone.polys, lot.rect);
      const area = polys.length === 1 ? polyArea(polys[0]) : 0;
      if (area < Math.max(40, 0.6 * rectArea(lot.rect))) continue;
      whole = polys[0].length === 1 && polys[0][0].length === 4 && Math.abs(area - rectArea(lot.rect)) < 1e-6 * area;
    }
    out.push({ ...lot, polys, whole, address: '' });
  }
  return out;
}

/** House numbers: odd on one side of a street, even on the other, in order along it; alley lots as "n/k". */
function assignAddresses(parcels: GenParcel[]): void {
  const groups = new Map<string, GenParcel[]>();
  for (const p of parcels) {
    const key = `${p.street}|${p.streetSide}|${p.alley ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const streetNo = new Map<string, number>();
  for (const [key, list] of groups) {
    list.sort((a, b) => a.along - b.along);
    const [street, side, alley] = key.split('|');
    if (!alley) {
      list.forEach((p, i) => {
        const n = 2 * i + (side === '0' ? 1 : 2);
        p.address = `Số ${n} ${p.street}`;
        if (i === 0) streetNo.set(`${street}|${side}`, n);
      });
    }
  }
  for (const [key, list] of groups) {
    const [street, side, alley] = key.split('|');
    if (!alley) continue;
    const base = (streetNo.get(`${street}|${side}`) ?? 1) + 2 * (Number(alley.split(':').pop()) - 1);
    list.forEach((p, i) => (p.address = `Số ${base}/${2 * i + (side === '0' ? 1 : 2)} ${p.street}`));
  }
  for (const p of parcels) p.address = `${p.address}, ${p.zone.ward.full_name}, thành phố Cần Thơ`;
}
