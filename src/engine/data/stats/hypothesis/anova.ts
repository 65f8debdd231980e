/** One-way ANOVA F test across groups (scipy.stats.f_oneway). */
import { fSurvival } from '../distributions.ts';
import { dropMissing, type TestResult } from './result.ts';

export function oneWayAnova(groups: readonly Float64Array[]): TestResult {
  const samples = groups.map(dropMissing).filter((g) => g.length > 0);
  const k = samples.length;
  const total = samples.reduce((s, g) => s + g.length, 0);
  if (k < 2 || total <= k) throw new RangeError('One-way ANOVA needs at least 2 non-empty groups and more values than groups.');
  let grand = 0;
  for (const g of samples) for (let i = 0; i < g.length; i++) grand += g[i];
  grand /= total;
  let between = 0;
  let within = 0;
  for (const g of samples) {
    let mean = 0;
    for (let i = 0; i < g.length; i++) mean += g[i];
    mean /= g.length;
    between += g.length * (mean - grand) * (mean - grand);
    for (let i = 0; i < g.length; i++) within += (g[i] - mean) * (g[i] - mean);
  }
  const dfBetween = k - 1;
  const dfWithin = total - k;
  const statistic = between / dfBetween / (within / dfWithin);
  return { test: 'one_way_anova', statistic, pValue: fSurvival(statistic, dfBetween, dfWithin), df: dfBetween, dfDenominator: dfWithin, n: total };
}

/** Groups of `values` by the code of a categorical column (code −1 = missing, skipped). */
export function groupByCodes(values: Float64Array, codes: Int32Array, nGroups: number): Float64Array[] {
  const counts = new Int32Array(nGroups);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && values[i] === values[i]) counts[codes[i]]++;
  const groups = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(nGroups);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && values[i] === values[i]) groups[c][fill[c]++] = values[i];
  }
  return groups;
}
