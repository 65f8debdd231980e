import { describe, expect, it } from 'vitest';
import { FEATURE_HIST_SIZE, HIST_STRIDE, MISSING_BIN } from './dtypes.ts';
import { findBestSplit, inBitset } from './splitter.ts';

const params = { l2: 0, minSamplesLeaf: 1, minHessian: 1e-3, minGain: 0 };

function histogram(entries: Record<number, [number, number, number]>): Float64Array {
  const pool = new Float64Array(FEATURE_HIST_SIZE);
  for (const [bin, v] of Object.entries(entries)) pool.set(v, Number(bin) * HIST_STRIDE);
  return pool;
}

function totals(pool: Float64Array): [number, number, number] {
  let G = 0;
  let H = 0;
  let C = 0;
  for (let b = 0; b < FEATURE_HIST_SIZE; b += HIST_STRIDE) {
    G += pool[b];
    H += pool[b + 1];
    C += pool[b + 2];
  }
  return [G, H, C];
}

describe('splitter', () => {
  it('finds the numeric threshold separating negative from positive gradients', () => {
    const pool = histogram({ 0: [-5, 5, 5], 1: [-4, 5, 5], 2: [6, 5, 5], 3: [3, 5, 5] });
    const s = findBestSplit(pool, 0, { nBins: Int32Array.of(4), isCategorical: Uint8Array.of(0) }, null, ...totals(pool), params);
    expect(s?.bin).toBe(1);
    expect(s?.cL).toBe(10);
    expect(s?.gain).toBeCloseTo(81 / 10 + 81 / 10 - 0);
  });

  it('sends missing values to the side they resemble', () => {
    const pool = histogram({ 0: [-5, 5, 5], 1: [5, 5, 5], [MISSING_BIN]: [-6, 5, 5] });
    const s = findBestSplit(pool, 0, { nBins: Int32Array.of(2), isCategorical: Uint8Array.of(0) }, null, ...totals(pool), params);
    expect(s?.bin).toBe(0);
    expect(s?.missingLeft).toBe(true);
  });

  it('respects min_samples_leaf', () => {
    const pool = histogram({ 0: [-50, 1, 1], 1: [1, 10, 10], 2: [1, 10, 10] });
    const s = findBestSplit(pool, 0, { nBins: Int32Array.of(3), isCategorical: Uint8Array.of(0) }, null, ...totals(pool), { ...params, minSamplesLeaf: 5 });
    expect(s?.cL).toBeGreaterThanOrEqual(5);
  });

  it('groups categories by gradient ratio, not by code order', () => {
    const pool = histogram({ 0: [-20, 20, 20], 1: [20, 20, 20], 2: [-20, 20, 20], 3: [20, 20, 20] });
    const s = findBestSplit(pool, 0, { nBins: Int32Array.of(4), isCategorical: Uint8Array.of(1) }, null, ...totals(pool), params);
    expect(s).not.toBeNull();
    const bits = s?.catBitset as Uint32Array;
    const left = [0, 1, 2, 3].filter((c) => inBitset(bits, 0, c));
    expect(left.sort()).toEqual(inBitset(bits, 0, 0) ? [0, 2] : [1, 3]);
  });

  it('returns null when no split improves the loss', () => {
    const pool = histogram({ 0: [1, 5, 5], 1: [1, 5, 5] });
    expect(findBestSplit(pool, 0, { nBins: Int32Array.of(2), isCategorical: Uint8Array.of(0) }, null, ...totals(pool), params)).toBeNull();
  });
});
