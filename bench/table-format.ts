// Cell formatting of the benchmarks' printed tables.

/** Two decimals under 10, one under 100, none above; a dash for no value. */
export const f2 = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
export const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
export const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
export const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
/** A share in whole per cent ("54 %"); a dash for no value. */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(0)} %`);
/** a as a share of b, in whole per cent. */
export const ratioPct = (a: number, b: number): string => pct((a / b) * 100);
