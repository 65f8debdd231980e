/** The shape every hypothesis test returns. */
export interface TestResult {
  readonly test: string;
  readonly statistic: number;
  /** Two-sided where the test has sides. */
  readonly pValue: number;
  /** Degrees of freedom (for the F test: the numerator's; see dfDenominator). */
  readonly df: number;
  readonly dfDenominator?: number;
  /** Observations used, after dropping missing values. */
  readonly n: number;
}

/** Values that are not NaN (missing values are omitted, like scipy's nan_policy='omit'). */
export function dropMissing(x: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  if (n === x.length) return x;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) out[k++] = x[i];
  return out;
}

export function meanVar(x: Float64Array): { mean: number; variance: number } {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    ss += d * d;
    comp += d;
  }
  return { mean, variance: (ss - (comp * comp) / n) / (n - 1) };
}
