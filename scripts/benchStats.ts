// Small statistics for the benchmark: percentiles, medians, and the growth
// exponent of a cost against size (the slope of a least-squares line through
// log(size), log(cost)): 1 is linear, 2 quadratic, 0 constant.

/** The p-th percentile (0–100) of the values, by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** The median time in milliseconds of `runs` calls of `f`. */
export function medianTime(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * The exponent b of cost ≈ a·size^b fitted by least squares on logarithms;
 * NaN when fewer than two distinct sizes have a positive cost.
 */
export function growthExponent(points: readonly { size: number; cost: number }[]): number {
  const usable = points.filter((p) => p.size > 0 && p.cost > 0 && Number.isFinite(p.cost));
  if (new Set(usable.map((p) => p.size)).size < 2) return NaN;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(p.cost));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Rounds for display and JSON: 3 significant digits, at most 2 decimals for numbers ≥ 1. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return 0;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(Math.min(digits, 6)));
}

/** A plain-text table with right-aligned columns (the first left-aligned). */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? String(round(c)) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
