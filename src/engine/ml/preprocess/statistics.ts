/** Column statistics the imputer, scaler and binner learn from training rows. */

/** Present (finite) values of `values` at `rows`, as a new array; NaN and ±Infinity count as missing. */
export function presentValues(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  for (let t = 0; t < rows.length; t++) {
    const v = values[rows[t]];
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.slice(0, n);
}

export function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length === 0 ? 0 : s / values.length;
}

/** numpy.percentile with linear interpolation, q in [0, 100], on sorted values. */
export function percentileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: Float64Array): number {
  return percentileSorted(Float64Array.from(values).sort(), 50);
}

/** Most frequent value, the smallest among ties (sklearn SimpleImputer). */
export function mostFrequent(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  let best = sorted[0];
  let bestCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i];
    }
    i = j;
  }
  return best;
}

/** Population standard deviation (ddof = 0, as StandardScaler). */
export function std(values: Float64Array, m = mean(values)): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length === 0 ? 0 : Math.sqrt(s / values.length);
}

/**
 * Inner quantile edges for `bins` bins, as KBinsDiscretizer(strategy="quantile",
 * quantile_method="linear"): all bins+1 percentile edges, edges closer than 1e-8 to the previous
 * kept one dropped, then the outer two removed.
 */
export function quantileEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const kept: number[] = [];
  for (let b = 0; b <= bins; b++) {
    const e = percentileSorted(sorted, (100 * b) / bins);
    if (kept.length === 0 || e - kept[kept.length - 1] > 1e-8) kept.push(e);
  }
  return kept.slice(1, -1);
}

/** Bin index: number of edges ≤ value (numpy.digitize, right = False). */
export function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
