// The demo plan's street network: a river-aligned grid of main and local streets, their invented names, superblocks, blocks and road reserves.
import { Prng } from './prng.ts';
import { type Poly, type Pt, type Rect, rectCentre, rectsOverlap } from './planar.ts';
import type { ClipIndex } from './rect-clip.ts';

/*
 * Streets run along (u) and across (v) the Hậu River, as the real grid of Ninh Kiều does. Spacing
 * grows with distance from the centre: local streets every ~200 m in the core, ~400 m outside; a
 * main street every ~0.75–1 km. Main streets form superblocks (the residential units of QCVN 01:2021,
 * each with its own school, kindergarten and park); rural superblocks get no local streets.
 * Road reserves are the land between the two red lines of a street: the red_line constraints.
 */

export type StreetKind = 'main' | 'local';
export type AreaClass = 'core' | 'urban' | 'suburban' | 'rural';

export interface StreetLine {
  id: string;
  /** 'u': the line u = pos (runs across the river direction); 'v': the line v = pos (runs along it). */
  axis: 'u' | 'v';
  pos: number;
  /** Right-of-way (lộ giới) between the red lines, m. */
  width: number;
  kind: StreetKind;
  name: string;
  /** Index of this line among the local lines of its axis (parity thins out suburban streets). */
  localIndex: number;
}

export interface Superblock {
  i: number;
  j: number;
  klass: AreaClass;
  /** Between the centrelines of the bounding main streets (or the extent). */
  rect: Rect;
}


export interface Block {
  id: string;
  superblock: Superblock;
  /** Between the red lines of the bounding streets. */
  rect: Rect;
  left: StreetLine | null;
  right: StreetLine | null;
  bottom: StreetLine | null;
  top: StreetLine | null;
}

export interface StreetNetwork {
  lines: StreetLine[];
  superblocks: Superblock[];
  blocks: Block[];
  /** Road reserve per street, clipped to land; streets with no land are left out. */
  reserves: { line: StreetLine; polys: Poly[] }[];
}

/** Invented names for main streets (any match with a real street of Cần Thơ is coincidental). */
const MAIN_STREET_NAMES = [
  'Phù Sa', 'Bến Lúa', 'Hoa Sứ', 'Mái Dầm', 'Vườn Mận', 'Hàng Dừa', 'Sao Mai', 'Tây Đô', 'Chợ Nổi', 'Ghe Xuồng',
  'Lục Bình', 'Điên Điển', 'Bông Súng', 'Cây Bần', 'Rạch Mới', 'Đồng Xanh', 'Vàm Sông', 'Hoa Cau', 'Trăng Rằm',
  'Gió Chướng', 'Nước Nổi', 'Sen Hồng', 'Lúa Mới', 'Phà Cũ', 'Hàng Me', 'Vọng Cổ', 'Đờn Ca', 'Cầu Tre', 'Vườn Cau',
  'Xoài Cát', 'Dừa Nước', 'Bờ Kè', 'Ngã Ba Sông', 'Mương Lộ', 'Lá Dừa', 'Cánh Buồm', 'Bến Đò', 'Mù U', 'Cỏ May',
  'Phượng Vĩ', 'Bằng Lăng', 'Hoa Giấy', 'Trúc Xanh', 'Cây Gõ', 'Sông Trăng', 'Mạ Non',
];

/** A centre of urban density; `reach` scales the class radii (1 for the city centre). */
export interface DensityCentre {
  at: Pt;
  reach: number;
}

/** Area class by distance to the nearest density centre, scaled by its reach. */
export function classifier(centres: readonly DensityCentre[]): (p: Pt) => AreaClass {
  return (p) => {
    const d = Math.min(...centres.map((c) => Math.hypot(p[0] - c.at[0], p[1] - c.at[1]) / c.reach));
    if (d < 1800) return 'core';
    if (d < 4000) return 'urban';
    if (d < 6500) return 'suburban';
    return 'rural';
  };
}

interface RawLine {
  pos: number;
  kind: StreetKind;
}

/** Line positions along one axis, from the centre outwards, with main streets every 750–1,000 m. */
function linePositions(min: number, max: number, rng: Prng): RawLine[] {
  const lines: RawLine[] = [{ pos: rng.range(-60, 60), kind: 'main' }];
  for (const dir of [1, -1]) {
    let pos = lines[0].pos;
    let sinceMain = 0;
    let mainEvery = rng.range(750, 1000);
    while (dir > 0 ? pos < max : pos > min) {
      const step = Math.min(420, 200 + Math.abs(pos) * 0.03) * rng.range(0.85, 1.15);
      pos += dir * step;
      sinceMain += step;
      const main = sinceMain >= mainEvery;
      if (main) {
        sinceMain = 0;
        mainEvery = rng.range(750, 1000);
      }
      lines.push({ pos, kind: main ? 'main' : 'local' });
    }
  }
  return lines.sort((a, b) => a.pos - b.pos);
}

function reserveRect(line: StreetLine, from: number, to: number): Rect {
  const h = line.width / 2;
  return line.axis === 'u' ? { x0: line.pos - h, x1: line.pos + h, y0: from, y1: to } : { x0: from, x1: to, y0: line.pos - h, y1: line.pos + h };
}

/** Builds the grid over the land's (u, v) extent and clips its road reserves to the land. */
export function buildStreetNetwork(land: ClipIndex, extent: Rect, classify: (p: Pt) => AreaClass, seed: string): StreetNetwork {
  const rng = Prng.fork(seed, 'streets');
  const names = rng.shuffle(MAIN_STREET_NAMES);
  const lines: StreetLine[] = [];
  const make = (axis: 'u' | 'v', raw: RawLine[]): StreetLine[] => {
    let local = 0;
    return raw.map((r, k) => {
      const main = r.kind === 'main';
      const width = main ? rng.weighted([[24, 3], [30, 5], [40, 2]] as const) : rng.weighted([[12, 3], [13, 2], [14, 3], [16, 2]] as const);
      return { id: `${axis}${k}`, axis, pos: r.pos, width, kind: r.kind, name: '', localIndex: main ? -1 : local++ };
    });
  };
  const uLines = make('u', linePositions(extent.x0, extent.x1, rng));
  const vLines = make('v', linePositions(extent.y0, extent.y1, rng));
  lines.push(...uLines, ...vLines);

  const uMain = uLines.filter((l) => l.kind === 'main');
  const vMain = vLines.filter((l) => l.kind === 'main');
  const bounds = (mains: StreetLine[], lo: number, hi: number): [StreetLine | null, StreetLine | null, number, number][] => {
    const out: [StreetLine | null, StreetLine | null, number, number][] = [];
    const cuts: (StreetLine | null)[] = [null, ...mains, null];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k];
      const b = cuts[k + 1];
      out.push([a, b, a ? a.pos : lo - 50, b ? b.pos : hi + 50]);
    }
    return out;
  };
  const superblocks: Superblock[] = [];
  const blocks: Block[] = [];
  const localSegments = new Map<StreetLine, Rect[]>();
  const pad = (l: StreetLine | null): number => (l ? l.width / 2 : 0);
  bounds(uMain, extent.x0, extent.x1).forEach(([uA, uB, u0, u1], i) => {
    bounds(vMain, extent.y0, extent.y1).forEach(([vA, vB, v0, v1], j) => {
      const rect = { x0: u0, x1: u1, y0: v0, y1: v1 };
      const sb: Superblock = { i, j, rect, klass: classify(rectCentre(rect)) };
      superblocks.push(sb);
      const keep = (l: StreetLine): boolean =>
        l.kind === 'local' && sb.klass !== 'rural' && (sb.klass !== 'suburban' || l.localIndex % 2 === 0);
      const us = uLines.filter((l) => l.pos > u0 && l.pos < u1 && keep(l));
      const vs = vLines.filter((l) => l.pos > v0 && l.pos < v1 && keep(l));
      for (const l of us) localSegments.set(l, [...(localSegments.get(l) ?? []), reserveRect(l, v0 + pad(vA), v1 - pad(vB))]);
      for (const l of vs) localSegments.set(l, [...(localSegments.get(l) ?? []), reserveRect(l, u0 + pad(uA), u1 - pad(uB))]);
      const uc: (StreetLine | null)[] = [uA, ...us, uB];
      const vc: (StreetLine | null)[] = [vA, ...vs, vB];
      const uPos = [u0, ...us.map((l) => l.pos), u1];
      const vPos = [v0, ...vs.map((l) => l.pos), v1];
      for (let a = 0; a + 1 < uc.length; a++) {
        for (let b = 0; b + 1 < vc.length; b++) {
          const r = { x0: uPos[a] + pad(uc[a]), x1: uPos[a + 1] - pad(uc[a + 1]), y0: vPos[b] + pad(vc[b]), y1: vPos[b + 1] - pad(vc[b + 1]) };
          if (!rectsOverlap(r, extent)) continue;
          blocks.push({ id: `B${i}.${j}.${a}.${b}`, superblock: sb, rect: r, left: uc[a], right: uc[a + 1], bottom: vc[b], top: vc[b + 1] });
        }
      }
    });
  });

  const reserves: { line: StreetLine; polys: Poly[] }[] = [];
  for (const line of lines) {
    const rects = line.kind === 'main'
      ? [reserveRect(line, (line.axis === 'u' ? extent.y0 : extent.x0) - 10, (line.axis === 'u' ? extent.y1 : extent.x1) + 10)]
      : (localSegments.get(line) ?? []);
    const polys = rects.flatMap((r) => land.clip(r));
    if (polys.length > 0) reserves.push({ line, polys });
  }
  // Names in reading order: main streets from the invented list, local streets N1… (across the
  // river) and D1… (along it), the way new urban areas in Cần Thơ number their streets.
  let n = 0;
  let d = 0;
  let m = 0;
  for (const { line } of reserves) {
    if (line.kind === 'main') {
      const base = names[m % names.length];
      const prefix = line.width >= 40 ? 'Đại lộ' : 'Đường';
      line.name = m < names.length ? `${prefix} ${base}` : `${prefix} ${base} ${Math.floor(m / names.length) + 1}`;
      m++;
    } else line.name = line.axis === 'u' ? `Đường N${++n}` : `Đường D${++d}`;
  }
  for (const line of lines) if (!line.name) line.name = line.kind === 'main' ? 'Đường trục (chưa đặt tên)' : 'Đường nội bộ';
  return { lines, superblocks, blocks, reserves };
}
