import { describe, expect, it } from 'vitest';
import { FEATURE_HIST_SIZE, HIST_STRIDE } from './dtypes.ts';
import { buildHistograms, subtractHistograms } from './histogram.ts';

describe('histograms', () => {
  const nRows = 6;
  // two features, column-major
  const binned = Uint8Array.from([0, 1, 1, 2, 0, 255, 3, 3, 3, 3, 3, 3]);
  const grad = Float32Array.from([1, 2, 3, 4, 5, 6]);
  const hess = Float32Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);

  it('sums gradients, hessians and counts per bin, including the missing bin', () => {
    const pool = new Float64Array(2 * FEATURE_HIST_SIZE);
    const rows = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    buildHistograms({ binned, nRows, rows, start: 0, end: 6, orderedG: grad, orderedH: hess, constantHessian: 0, identity: true, pool, offset: 0 }, 0, 2);
    const at = (f: number, b: number) => Array.from(pool.subarray(f * FEATURE_HIST_SIZE + b * HIST_STRIDE, f * FEATURE_HIST_SIZE + b * HIST_STRIDE + 3));
    expect(at(0, 0)).toEqual([6, 1, 2]);
    expect(at(0, 1)).toEqual([5, 1, 2]);
    expect(at(0, 255)).toEqual([6, 0.5, 1]);
    expect(at(1, 3)).toEqual([21, 3, 6]);
  });

  it('the larger child equals parent minus the smaller child', () => {
    const size = 2 * FEATURE_HIST_SIZE;
    const pool = new Float64Array(3 * size);
    const all = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    const job = { binned, nRows, rows: all, orderedG: grad, orderedH: hess, constantHessian: 1, pool };
    buildHistograms({ ...job, start: 0, end: 6, identity: true, offset: 0 }, 0, 2);
    const small = Uint32Array.from([1, 4]);
    buildHistograms({ ...job, rows: small, start: 0, end: 2, orderedG: Float32Array.from([2, 5]), identity: false, offset: size }, 0, 2);
    subtractHistograms(pool, 0, size, 2 * size, size);
    const large = new Float64Array(size);
    buildHistograms(
      { ...job, pool: large, rows: Uint32Array.from([0, 2, 3, 5]), start: 0, end: 4, orderedG: Float32Array.from([1, 3, 4, 6]), identity: false, offset: 0 },
      0,
      2,
    );
    expect(Array.from(pool.subarray(2 * size))).toEqual(Array.from(large));
  });
});

describe('histogram feature blocking', () => {
  it('gives the same sums whatever the block split (8, 4 and single features)', () => {
    const nRows = 500;
    const p = 13;
    const binned = Uint8Array.from({ length: nRows * p }, (_, i) => (i * 2654435761) % 256);
    const g = Float32Array.from({ length: nRows }, (_, i) => Math.sin(i));
    const h = Float32Array.from({ length: nRows }, (_, i) => 1 + Math.cos(i) / 2);
    const rows = Uint32Array.from({ length: 300 }, (_, i) => i * 1 + (i % 3));
    for (const constantHessian of [0, 1]) {
      const all = new Float64Array(p * FEATURE_HIST_SIZE);
      const one = new Float64Array(p * FEATURE_HIST_SIZE);
      const og = Float32Array.from(rows, (r) => g[r]);
      const oh = Float32Array.from(rows, (r) => h[r]);
      const job = { binned, nRows, rows, start: 0, end: rows.length, orderedG: og, orderedH: oh, constantHessian, identity: false, offset: 0 };
      buildHistograms({ ...job, pool: all }, 0, p);
      for (let f = 0; f < p; f++) buildHistograms({ ...job, pool: one }, f, f + 1);
      expect(all).toEqual(one);
    }
  });
});
