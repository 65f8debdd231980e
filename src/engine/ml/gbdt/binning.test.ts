import { describe, expect, it } from 'vitest';
import { applyBinMapper, binOf, fitBinMapper } from './binning.ts';
import { MISSING_BIN } from './dtypes.ts';

const matrix = (rows: number[][]) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

describe('binning', () => {
  it('uses midpoints between distinct values when there are few', () => {
    const X = matrix([[1], [2], [2], [4], [NaN]]);
    const m = fitBinMapper(X);
    expect(Array.from(m.edges[0])).toEqual([1.5, 3]);
    expect(m.nBins[0]).toBe(3);
    expect(Array.from(applyBinMapper(m, X))).toEqual([0, 1, 1, 2, MISSING_BIN]);
  });

  it('caps bins at max_bins with roughly equal-frequency quantiles', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [i]);
    const m = fitBinMapper(matrix(rows), { maxBins: 10 });
    expect(m.nBins[0]).toBe(10);
    const codes = applyBinMapper(m, matrix(rows));
    const counts = new Array(10).fill(0);
    for (const c of codes) counts[c]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThanOrEqual(2);
  });

  it('keeps categorical codes as bins and sends unknown codes to the missing bin', () => {
    const X = matrix([[0], [3], [1], [NaN]]);
    const m = fitBinMapper(X, { categoricalFeatures: [0] });
    expect(m.nBins[0]).toBe(4);
    expect(Array.from(applyBinMapper(m, matrix([[3], [NaN], [-1], [2.5]])))).toEqual([3, MISSING_BIN, MISSING_BIN, MISSING_BIN]);
  });

  it('rejects categorical values that are not codes', () => {
    expect(() => fitBinMapper(matrix([[0.5], [1]]), { categoricalFeatures: [0] })).toThrow(/integer codes/);
  });

  it('binOf agrees with applyBinMapper (x <= edge goes to that bin)', () => {
    const m = fitBinMapper(matrix([[0], [1], [2], [3]]));
    expect(binOf(m.edges[0], 0.5)).toBe(0);
    expect(binOf(m.edges[0], 0.50001)).toBe(1);
    expect(binOf(m.edges[0], 99)).toBe(3);
  });
});

describe('binning agrees with a plain binary search', () => {
  it('for every value, including edges, infinities and NaN', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [Math.sin(i) * 100 + (i % 7)]);
    const m = fitBinMapper(matrix(rows));
    const probe = [...rows.map((r) => r[0]), ...Array.from(m.edges[0]), Infinity, -Infinity, NaN, 1e300];
    const codes = applyBinMapper(m, matrix(probe.map((v) => [v])));
    probe.forEach((v, i) => expect(codes[i]).toBe(binOf(m.edges[0], v)));
  });
});
