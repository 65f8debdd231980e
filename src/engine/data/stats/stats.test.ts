/**
 * Golden tests against SciPy 1.17.1 / NumPy 2.4.6 (python3-scipy). Each reference below was
 * printed with repr() by the exact call noted beside it; inputs are the literal arrays here.
 */
import { describe, it, expect } from 'vitest';
import {
  chiSquareSurvival,
  fSurvival,
  lnGamma,
  normalSurvival,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTTwoSided,
} from './distributions.ts';
import { describeNumeric, describeCategorical } from './describe.ts';
import { correlationMatrix, correlationOf, kendallTauB, pearson, spearman } from './correlation.ts';
import { pairedTTest, welchTTest } from './hypothesis/t-tests.ts';
import { groupByCodes, oneWayAnova } from './hypothesis/anova.ts';
import { chiSquareIndependence, contingencyTable } from './hypothesis/chi-square.ts';
import type { DataFrame, NumericColumn, StringColumn } from '../frame.ts';
import { argsortRows } from './ranks.ts';

const REL = 1e-8;
function close(actual: number, expected: number, rel = REL): void {
  if (expected === 0) expect(Math.abs(actual)).toBeLessThan(1e-14);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}
const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

const A = [12.1, 14.3, 9.8, 11.0, 15.6, 13.2, 10.4, 12.9, 14.8, 11.7, 13.5, 10.9];
const B = [10.2, 12.8, 9.1, 10.5, 13.0, 12.7, 9.9, 11.3, 13.6, 10.8];
const C = [11.5, 13.9, 10.1, 10.2, 14.7, 12.6, 10.8, 12.0, 14.1, 11.1, 12.9, 10.0];
const G3 = [8.9, 10.1, 9.4, 11.2, 9.9, 10.6, 8.7];
const X = [1, 2, 2, 3, 5, 5, 5, 8, 9, 10, 10, 12, 13, 15, 18];
const Y = [2.5, 3.1, 2.9, 4.8, 4.4, 6.0, 5.2, 7.7, 9.1, 8.8, 10.3, 10.3, 12.9, 13.0, 12.2];

describe('distributions (scipy.special / scipy.stats)', () => {
  it('lnGamma = special.gammaln', () => {
    close(lnGamma(0.5), 0.5723649429247);
    close(lnGamma(1), 0);
    close(lnGamma(3.7), 1.428072326665388);
    close(lnGamma(100.25), 360.28455963776423);
  });
  it('regularizedBeta = special.betainc(a, b, x)', () => {
    close(regularizedBeta(0.3, 2, 3), 0.34829999999999994);
    close(regularizedBeta(0.9, 0.5, 7.5), 0.9999999932897103);
    close(regularizedBeta(0.01, 50, 60), 1.9142806990145695e-69);
    close(regularizedBeta(0.5, 200, 210), 0.6894852134274166);
  });
  it('regularizedGamma P/Q = special.gammainc / gammaincc(a, x)', () => {
    const cases: [number, number, number, number][] = [
      [0.5, 0.2, 0.47291074313446196, 0.5270892568655381],
      [3.0, 2.5, 0.45618688411667035, 0.5438131158833297],
      [10.0, 14.0, 0.890600630357261, 0.10939936964273902],
      [50, 40, 0.07033506665939494, 0.9296649333406051],
    ];
    for (const [a, x, p, q] of cases) {
      close(regularizedGammaP(a, x), p);
      close(regularizedGammaQ(a, x), q);
    }
  });
  it('two-sided t = 2 * stats.t.sf(|t|, df)', () => {
    close(studentTTwoSided(2.1, 5), 0.08975324988459879);
    close(studentTTwoSided(0.3, 12.5), 0.7691077439685347);
    close(studentTTwoSided(-4.2, 30), 0.00021978843421601978);
    close(studentTTwoSided(8.0, 3), 0.004076577587785466);
    close(studentTTwoSided(25.0, 200), 1.8539096107492594e-63);
  });
  it('F survival = stats.f.sf(f, d1, d2)', () => {
    close(fSurvival(3.2, 2, 27), 0.056602226408500815);
    close(fSurvival(0.5, 4, 10), 0.736775548696845);
    close(fSurvival(12.0, 3, 100), 8.932952179775593e-7);
  });
  it('chi-square survival = stats.chi2.sf(x, k)', () => {
    close(chiSquareSurvival(3.84, 1), 0.05004352124870519);
    close(chiSquareSurvival(10.0, 6), 0.12465201948308108);
    close(chiSquareSurvival(60.0, 20), 7.121750862815593e-6);
    close(chiSquareSurvival(0.5, 3), 0.9188914116546758);
  });
  it('normal survival = stats.norm.sf(z), including the far tail', () => {
    close(normalSurvival(0), 0.5);
    close(normalSurvival(1.96), 0.024997895148220435);
    close(normalSurvival(-1), 0.8413447460685429);
    close(normalSurvival(5), 2.866515718791933e-7);
    close(normalSurvival(10), 7.61985302416047e-24);
  });
  it('edge values', () => {
    expect(studentTTwoSided(Number.NaN, 3)).toBeNaN();
    expect(studentTTwoSided(Infinity, 3)).toBe(0);
    expect(fSurvival(0, 2, 3)).toBe(1);
    expect(chiSquareSurvival(0, 2)).toBe(1);
  });
});

function numeric(name: string, xs: (number | null)[]): NumericColumn {
  const values = Float64Array.from(xs, (v) => (v === null ? Number.NaN : v));
  const valid = Uint8Array.from(xs, (v) => (v === null ? 0 : 1));
  return { name, kind: 'numeric', values, valid };
}

describe('describe', () => {
  it('matches numpy mean, std(ddof=1), percentile(linear) on A', () => {
    // np.array(A).mean(), .std(ddof=1), np.percentile(A, [25, 50, 75])
    const s = describeNumeric(numeric('a', [...A, null, null]));
    expect(s.count).toBe(12);
    expect(s.missing).toBe(2);
    close(s.mean, 12.516666666666667);
    close(s.std, 1.8364161408635686);
    close(s.q25, 10.975);
    close(s.q50, 12.5);
    close(s.q75, 13.7);
    expect(s.min).toBe(9.8);
    expect(s.max).toBe(15.6);
    expect(s.unique).toBe(12);
  });
  it('handles all-missing and single-value columns', () => {
    const empty = describeNumeric(numeric('e', [null, null]));
    expect(empty.count).toBe(0);
    expect(empty.mean).toBeNaN();
    const one = describeNumeric(numeric('o', [3]));
    expect(one.mean).toBe(3);
    expect(one.std).toBeNaN();
    expect(one.q75).toBe(3);
  });
  it('reports unique/top/freq for categorical columns', () => {
    const col: StringColumn = {
      name: 'c', kind: 'categorical', dictionary: ['a', 'b', 'c'],
      codes: Int32Array.from([0, 1, 1, -1, 2, 1, 0]), valid: Uint8Array.from([1, 1, 1, 0, 1, 1, 1]),
    };
    expect(describeCategorical(col)).toEqual({ name: 'c', kind: 'categorical', count: 6, missing: 1, unique: 3, top: 'b', freq: 3 });
  });
});

describe('correlation', () => {
  it('pearson / spearman / kendall tau-b match scipy (with ties)', () => {
    // stats.pearsonr(X, Y).statistic, stats.spearmanr(X, Y).statistic, stats.kendalltau(X, Y).statistic
    close(pearson(f64(X), f64(Y)), 0.9627201247038552);
    close(spearman(f64(X), f64(Y)), 0.9694617142764872);
    close(kendallTauB(f64(X), f64(Y)), 0.8923284148787374);
    // stats.kendalltau(A, C).statistic
    close(kendallTauB(f64(A), f64(C)), 0.909090909090909);
  });
  it('builds a symmetric matrix with pairwise-complete rows', () => {
    const frame: DataFrame = {
      nRows: X.length + 1,
      columns: [numeric('x', [...X, null]), numeric('y', [...Y, 99]), numeric('k', Array(X.length + 1).fill(1))],
    };
    for (const method of ['pearson', 'spearman', 'kendall'] as const) {
      const m = correlationMatrix(frame, method);
      expect(m.columns).toEqual(['x', 'y', 'k']);
      expect(correlationOf(m, 'x', 'y')).toBe(correlationOf(m, 'y', 'x'));
      expect(correlationOf(m, 'x', 'x')).toBe(1);
      expect(correlationOf(m, 'k', 'x')).toBeNaN(); // constant column
    }
    close(correlationOf(correlationMatrix(frame, 'kendall'), 'x', 'y'), 0.8923284148787374);
    close(correlationOf(correlationMatrix(frame, 'spearman'), 'x', 'y'), 0.9694617142764872);
  });
});

describe('argsortRows', () => {
  it('is a stable argsort, NaN last, optionally over a subset of rows', () => {
    let seed = 11;
    const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const x = Float64Array.from({ length: 2000 }, () => (rand() < 0.05 ? Number.NaN : Math.floor(rand() * 50) - 25 + (rand() < 0.1 ? -0 : 0)));
    const expected = Array.from(x.keys()).sort((a, b) => {
      const na = Number.isNaN(x[a]);
      const nb = Number.isNaN(x[b]);
      if (na || nb) return na === nb ? a - b : na ? 1 : -1;
      return x[a] - x[b] || a - b;
    });
    expect(Array.from(argsortRows(x))).toEqual(expected);
    const rows = Int32Array.from(expected.filter((i) => i % 3 === 0).sort((a, b) => a - b));
    expect(Array.from(argsortRows(x, rows))).toEqual(expected.filter((i) => i % 3 === 0));
  });
});

describe('correlation matrix equals the pairwise coefficients on complete rows', () => {
  it('with ties and missing values in both columns', () => {
    let seed = 3;
    const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const n = 500;
    const cols = [0, 1, 2].map((j) => numeric(`c${j}`, Array.from({ length: n }, () => (rand() < 0.1 ? null : Math.floor(rand() * (5 + j * 20))))));
    const frame: DataFrame = { nRows: n, columns: cols };
    for (const [method, f] of [['spearman', spearman], ['kendall', kendallTauB], ['pearson', pearson]] as const) {
      const m = correlationMatrix(frame, method);
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          if (a === b) continue;
          const rows = Array.from({ length: n }, (_, i) => i).filter((i) => cols[a].valid[i] && cols[b].valid[i]);
          const expected = f(f64(rows.map((i) => cols[a].values[i])), f64(rows.map((i) => cols[b].values[i])));
          close(m.values[a * 3 + b], expected, 1e-12);
        }
      }
    }
  });
});

describe('hypothesis tests', () => {
  it('Welch t = stats.ttest_ind(A, B, equal_var=False)', () => {
    const r = welchTTest(f64(A), f64([...B, Number.NaN]));
    close(r.statistic, 1.5674006962368616);
    close(r.pValue, 0.13270964256405718);
    close(r.df, 19.99700724052742);
  });
  it('paired t = stats.ttest_rel(A, C)', () => {
    const r = pairedTTest(f64(A), f64(C));
    close(r.statistic, 4.159855709562022);
    close(r.pValue, 0.0015897364975461623);
    expect(r.df).toBe(11);
  });
  it('one-way ANOVA = stats.f_oneway(A, B, G3)', () => {
    const r = oneWayAnova([f64(A), f64(B), f64(G3)]);
    close(r.statistic, 6.598283538164804);
    close(r.pValue, 0.004813146769980078);
    expect([r.df, r.dfDenominator]).toEqual([2, 26]);
  });
  it('groups values by category codes for ANOVA', () => {
    const groups = groupByCodes(f64([1, 2, 3, 4, Number.NaN]), Int32Array.from([0, 1, 0, -1, 1]), 2);
    expect(groups.map((g) => Array.from(g))).toEqual([[1, 3], [2]]);
  });
  it('chi-square = stats.chi2_contingency (Yates on 2×2, plain on 3×4)', () => {
    const r22 = chiSquareIndependence(f64([12, 5, 7, 15]), 2, 2);
    close(r22.statistic, 4.322120391218687);
    close(r22.pValue, 0.03762001663483994);
    const r22nc = chiSquareIndependence(f64([12, 5, 7, 15]), 2, 2, false); // correction=False
    close(r22nc.statistic, 5.769596115958342);
    close(r22nc.pValue, 0.01630578158465016);
    const r34 = chiSquareIndependence(f64([10, 20, 30, 15, 25, 10, 12, 9, 5, 8, 20, 31]), 3, 4);
    close(r34.statistic, 43.96489030321864);
    close(r34.pValue, 7.511545301249793e-8);
    expect(r34.df).toBe(6);
  });
  it('builds a contingency table from codes, dropping unseen levels', () => {
    const t = contingencyTable(Int32Array.from([0, 0, 2, 2, -1]), 3, Int32Array.from([1, 0, 1, 1, 0]), 2);
    expect([t.rows, t.cols, Array.from(t.observed)]).toEqual([2, 2, [1, 1, 0, 2]]);
  });
  it('rejects samples too small to test', () => {
    expect(() => welchTTest(f64([1]), f64([1, 2]))).toThrow(RangeError);
    expect(() => oneWayAnova([f64([1])])).toThrow(RangeError);
    expect(() => pairedTTest(f64([1, 2]), f64([1]))).toThrow(RangeError);
  });
});
