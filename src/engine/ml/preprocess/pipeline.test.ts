import { describe, expect, it } from 'vitest';
import { frameFromColumns } from '../testing/frames.ts';
import { resolvePreprocessOptions } from './options.ts';
import { fitPreprocessor, transformFrame } from './pipeline.ts';
import { expandPolynomial, polynomialNames } from './polynomial.ts';

const train = frameFromColumns({
  age: [20, 30, null, 50],
  city: ['paris', 'rome', 'paris', null],
});
const all = [0, 1, 2, 3];

function rows(X: { data: Float64Array; rows: number; cols: number }): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

describe('preprocessing pipeline', () => {
  it('imputes with the training mean, scales, one-hot encodes and fills categories with the mode', () => {
    const pre = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none' }), all);
    expect(pre.featureNames).toEqual(['age', 'city=paris', 'city=rome']);
    expect(rows(transformFrame(pre, train))).toEqual([
      [20, 1, 0],
      [30, 0, 1],
      [(20 + 30 + 50) / 3, 1, 0],
      [50, 1, 0],
    ]);
  });

  it('standard scaling uses the population std of the imputed training column', () => {
    const pre = fitPreprocessor(train, ['age'], resolvePreprocessOptions({ scaling: 'standard' }), all);
    const X = transformFrame(pre, train);
    const values = Array.from(X.data);
    const mean = values.reduce((a, b) => a + b, 0) / 4;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
  });

  it('min-max scaling maps the training range to [0, 1]', () => {
    const pre = fitPreprocessor(train, ['age'], resolvePreprocessOptions({ scaling: 'minmax' }), all);
    const expected = [0, 1 / 3, (100 / 3 - 20) / 30, 1];
    Array.from(transformFrame(pre, train).data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('median and most_frequent imputation, with missing indicators', () => {
    const pre = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none', numeric_impute: 'median', missing_indicators: true }), all);
    expect(pre.featureNames).toEqual(['age', 'city=paris', 'city=rome', 'age__missing', 'city__missing']);
    expect(rows(transformFrame(pre, train))[2]).toEqual([30, 1, 0, 1, 0]);
    expect(rows(transformFrame(pre, train))[3]).toEqual([50, 1, 0, 0, 1]);
  });

  it('is fitted on training rows only', () => {
    const pre = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none' }), [0, 1]);
    expect(pre.inputs[0]).toMatchObject({ fill: 25 });
    expect(pre.featureNames).toEqual(['age', 'city=paris', 'city=rome']);
  });

  it('unseen categories: all zeros for one-hot, -1 for ordinal; constant imputation adds a category', () => {
    const fresh = frameFromColumns({ age: [40], city: ['oslo'] });
    const onehot = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none' }), all);
    expect(rows(transformFrame(onehot, fresh))).toEqual([[40, 0, 0]]);
    const ordinal = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none', encoding: 'ordinal' }), all);
    expect(rows(transformFrame(ordinal, fresh))).toEqual([[40, -1]]);
    expect(rows(transformFrame(ordinal, train)).map((r) => r[1])).toEqual([0, 1, 0, 0]);
    const constant = fitPreprocessor(train, ['city'], resolvePreprocessOptions({ categorical_impute: 'constant' }), all);
    expect(constant.featureNames).toEqual(['city=__missing__', 'city=paris', 'city=rome']);
    expect(rows(transformFrame(constant, train))[3]).toEqual([1, 0, 0]);
  });

  it('reads a numeric feature that arrives as text, and numeric categories', () => {
    const pre = fitPreprocessor(train, ['age'], resolvePreprocessOptions({ scaling: 'none' }), all);
    const asText = frameFromColumns({ age: ['x', 'y'] });
    expect(Array.from(transformFrame(pre, asText).data)).toEqual([100 / 3, 100 / 3]);
  });

  it('quantile bins give ordinal codes', () => {
    const frame = frameFromColumns({ v: [1, 2, 3, 4, 5, 6, 7, 8] });
    const pre = fitPreprocessor(frame, ['v'], resolvePreprocessOptions({ bins: 4, scaling: 'none' }), [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(transformFrame(pre, frame).data)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('polynomial features follow sklearn PolynomialFeatures order', () => {
    expect(polynomialNames(['a', 'b'], 2)).toEqual(['a', 'b', 'a^2', 'a b', 'b^2']);
    const X = expandPolynomial({ data: Float64Array.of(2, 3), rows: 1, cols: 2 }, 3);
    expect(Array.from(X.data)).toEqual([2, 3, 4, 6, 9, 8, 12, 18, 27]);
    expect(polynomialNames(['a', 'b', 'c'], 2, true)).toEqual(['a', 'b', 'c', 'a b', 'a c', 'b c']);
  });
});

describe('imputation off (models that handle missing values natively)', () => {
  it('keeps NaN for numbers and categories (ordinal), all zeros for one-hot', () => {
    const ordinal = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none', encoding: 'ordinal', numeric_impute: 'none', categorical_impute: 'none' }), all);
    const X = transformFrame(ordinal, train);
    expect(Array.from(X.data)).toEqual([20, 0, 30, 1, Number.NaN, 0, 50, Number.NaN]);
    const onehot = fitPreprocessor(train, ['city'], resolvePreprocessOptions({ categorical_impute: 'none' }), all);
    expect(Array.from(transformFrame(onehot, train).data)).toEqual([1, 0, 0, 1, 1, 0, 0, 0]);
    const scaled = fitPreprocessor(train, ['age'], resolvePreprocessOptions({ numeric_impute: 'none', scaling: 'standard' }), all);
    expect(Number.isNaN(transformFrame(scaled, train).data[2])).toBe(true);
    expect(scaled.inputs[0]).toMatchObject({ offset: (20 + 30 + 50) / 3 });
  });
});

describe('transform of selected rows', () => {
  it('gives the chosen rows in the chosen order', () => {
    const pre = fitPreprocessor(train, ['age', 'city'], resolvePreprocessOptions({ scaling: 'none', missing_indicators: true }), all);
    const full = rows(transformFrame(pre, train));
    expect(rows(transformFrame(pre, train, [3, 0]))).toEqual([full[3], full[0]]);
  });
});
