import { describe, expect, it } from 'vitest';
import { kFold, trainTestSplit } from './split.ts';

const rows = Array.from({ length: 100 }, (_, i) => i);
const labels = rows.map((i) => (i < 70 ? 0 : i < 90 ? 1 : 2));

describe('train/test split', () => {
  it('holds out test_size of the rows, disjoint, seeded', () => {
    const a = trainTestSplit(rows, { testSize: 0.2, seed: 1 });
    expect(a.test).toHaveLength(20);
    expect(a.train).toHaveLength(80);
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(trainTestSplit(rows, { testSize: 0.2, seed: 1 })).toEqual(a);
    expect(trainTestSplit(rows, { testSize: 0.2, seed: 2 }).test).not.toEqual(a.test);
  });

  it('stratifies: each class keeps its share', () => {
    const { test } = trainTestSplit(rows, { testSize: 0.2, seed: 3, stratify: labels });
    const count = (c: number) => Array.from(test).filter((i) => labels[i] === c).length;
    expect([count(0), count(1), count(2)]).toEqual([14, 4, 2]);
  });
});

describe('k-fold', () => {
  it('every row is tested exactly once; stratified folds keep class shares', () => {
    const folds = kFold(rows, { folds: 5, seed: 4, stratify: labels });
    expect(folds).toHaveLength(5);
    const seen = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(seen).toEqual(rows);
    for (const f of folds) {
      expect(f.test).toHaveLength(20);
      expect(f.train).toHaveLength(80);
      expect(Array.from(f.test).filter((i) => labels[i] === 2)).toHaveLength(2);
    }
  });

  it('rejects impossible fold counts', () => {
    expect(() => kFold(rows, { folds: 1 })).toThrow(RangeError);
    expect(() => kFold([1, 2], { folds: 3 })).toThrow(RangeError);
  });
});
