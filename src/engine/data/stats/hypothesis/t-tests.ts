/**
 * Welch's two-sample t-test (unequal variances) and the paired t-test, two-sided, matching
 * scipy.stats.ttest_ind(a, b, equal_var=False) and scipy.stats.ttest_rel(a, b).
 */
import { studentTTwoSided } from '../distributions.ts';
import { dropMissing, meanVar, type TestResult } from './result.ts';

export function welchTTest(a: Float64Array, b: Float64Array): TestResult {
  const x = dropMissing(a);
  const y = dropMissing(b);
  if (x.length < 2 || y.length < 2) throw new RangeError('Welch t-test needs at least 2 values in each sample.');
  const mx = meanVar(x);
  const my = meanVar(y);
  const vx = mx.variance / x.length;
  const vy = my.variance / y.length;
  const se2 = vx + vy;
  const statistic = (mx.mean - my.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
  return { test: 'welch_t', statistic, pValue: studentTTwoSided(statistic, df), df, n: x.length + y.length };
}

export function pairedTTest(a: Float64Array, b: Float64Array): TestResult {
  if (a.length !== b.length) throw new RangeError('Paired t-test needs two samples of the same length.');
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === a[i] && b[i] === b[i]) n++;
  const d = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === a[i] && b[i] === b[i]) d[k++] = a[i] - b[i];
  if (n < 2) throw new RangeError('Paired t-test needs at least 2 complete pairs.');
  const { mean, variance } = meanVar(d);
  const statistic = mean / Math.sqrt(variance / n);
  const df = n - 1;
  return { test: 'paired_t', statistic, pValue: studentTTwoSided(statistic, df), df, n };
}
