// Regulated indicators of a demo zone by lot symbol and area class, and the article of the (demo) management regulation that states them.
import type { Prng } from './prng.ts';
import type { AreaClass } from './street-network.ts';

export interface Indicators {
  max_coverage_pct: number | null;
  max_far: number | null;
  max_floors: number | null;
  max_height_m: number | null;
  min_setback_m: number | null;
}

/*
 * Plausible values, not a legal table: housing 60–90 % coverage and 3–7 floors, mixed use higher,
 * parks ≤ 5 % and one storey. FAR is never above coverage × floors / 100 (a building cannot have more
 * floor area than its footprint times its storeys) and never above the podium-and-tower cap of 13.
 * Height allows 3.6 m a storey plus a taller ground floor and roof (the usual 3.3–3.9 m per storey).
 * Null means the plan does not regulate that indicator for the lot.
 */

const height = (floors: number): number => Math.ceil((floors * 3.6 + 2.5) * 2) / 2;
const far = (coverage: number, floors: number, share: number): number =>
  Math.min(13, Math.floor(((coverage * floors) / 100) * share * 10) / 10);

function built(coverage: number, floors: number, setback: number | null, share: number): Indicators {
  return {
    max_coverage_pct: coverage,
    max_far: far(coverage, floors, share),
    max_floors: floors,
    max_height_m: height(floors),
    min_setback_m: setback,
  };
}

const NOT_REGULATED: Indicators = { max_coverage_pct: null, max_far: null, max_floors: null, max_height_m: null, min_setback_m: null };

export function indicatorsFor(symbol: string, klass: AreaClass, rng: Prng): Indicators {
  const dense = klass === 'core' ? 2 : klass === 'urban' ? 1 : 0;
  switch (symbol) {
    case 'NO':
      return built(rng.pick([70, 75, 80, 85, 90]), rng.int(3, 4) + dense, rng.pick([0, 0, 1, 2]), rng.range(0.85, 1));
    case 'OM':
      return built(rng.pick([60, 65, 70, 75, 80]), rng.int(3, 5) + (dense > 0 ? 2 : 0), rng.pick([2, 3, 3, 4]), rng.range(0.8, 0.95));
    case 'HH': {
      const floors = klass === 'core' ? rng.int(12, 25) : rng.int(7, 15);
      return built(rng.pick([40, 45, 50, 55, 60, 70]), floors, rng.pick([3, 4, 6]), rng.range(0.6, 0.85));
    }
    case 'CC':
      return built(rng.pick([35, 40, 45]), rng.int(3, 5 + dense), 6, rng.range(0.8, 0.95));
    case 'CQ':
      return built(rng.pick([35, 40]), rng.int(5, 9), 6, rng.range(0.75, 0.9));
    case 'YT':
      return built(40, rng.int(5, 9), 6, rng.range(0.8, 0.9));
    case 'TH':
      return built(40, rng.int(3, 4), 6, rng.range(0.85, 1));
    case 'NT':
      return built(rng.pick([35, 40]), rng.int(2, 3), 6, rng.range(0.85, 1));
    case 'CX':
      return { max_coverage_pct: 5, max_far: 0.05, max_floors: 1, max_height_m: 6, min_setback_m: null };
    case 'P':
      return { max_coverage_pct: null, max_far: null, max_floors: null, max_height_m: null, min_setback_m: 3 };
    case 'HTKT':
      return built(rng.pick([30, 40, 50]), rng.int(1, 3), 6, rng.range(0.8, 1));
    case 'TG':
      return { ...built(40, 2, 3, 1), max_height_m: rng.pick([15, 18, 21]) };
    case 'DT':
      return { max_coverage_pct: null, max_far: null, max_floors: null, max_height_m: 9, min_setback_m: null };
    case 'CN':
      return built(rng.pick([50, 60]), rng.int(1, 3), 10, rng.range(0.8, 1));
    case 'NN':
      return { max_coverage_pct: 5, max_far: 0.05, max_floors: 1, max_height_m: 7, min_setback_m: null };
    case 'MN':
      return NOT_REGULATED;
    default:
      throw new RangeError(`no indicator rule for lot symbol ${symbol}`);
  }
}

/** Article of the demo management regulation per lot symbol (invented numbering). */
const ARTICLE: Record<string, number> = {
  NO: 12, OM: 13, HH: 14, CC: 15, CQ: 16, YT: 17, TH: 18, NT: 18, CX: 19, P: 20, GT: 20, HTKT: 21, TG: 22, DT: 23, MN: 24, NN: 25, CN: 26,
};

export function citationFor(symbol: string): string {
  const article = ARTICLE[symbol];
  if (article === undefined) throw new RangeError(`no article for lot symbol ${symbol}`);
  return `Điều ${article}, Quy định quản lý theo đồ án (demo)`;
}
