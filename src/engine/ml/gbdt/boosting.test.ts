import { describe, expect, it } from 'vitest';
import { createGradientLoss } from '../losses/gradient-losses.ts';
import { trainBoosting, trainValidationSplit, type BoostingParams } from './boosting.ts';
import { classificationData } from './test-data.ts';

const params: BoostingParams = {
  maxIter: 6,
  learningRate: 0.1,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2: 0,
  minGain: 0,
  minHessian: 1e-3,
  maxBins: 255,
  subsample: 0.9,
  earlyStopping: true,
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  categoricalFeatures: [],
  nThreads: 1,
};

describe('boosting', () => {
  it('builds identical trees on 1 and 2 threads (workers load TypeScript through tsx)', async () => {
    const d = classificationData(4000, 12, 3, 4);
    const one = await trainBoosting(d.X, d.y, createGradientLoss('softmax_cross_entropy'), params, { seed: 5, nClasses: 3 });
    const two = await trainBoosting(d.X, d.y, createGradientLoss('softmax_cross_entropy'), { ...params, nThreads: 2 }, { seed: 5, nClasses: 3, forceThreads: true });
    expect(two.threadsUsed).toBe(2);
    expect(one.threadsUsed).toBe(1);
    expect(two.state.trees.length).toBe(one.state.trees.length);
    two.state.trees.forEach((t, i) => {
      expect(t.value).toEqual(one.state.trees[i].value);
      expect(t.feature).toEqual(one.state.trees[i].feature);
    });
  });

  it('holds out a stratified validation split', () => {
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i < 900 ? 0 : 1));
    const { train, val } = trainValidationSplit(y, 0.1, true, 1);
    expect(val.length).toBe(100);
    expect(train.length).toBe(900);
    expect(Array.from(val).filter((i) => y[i] === 1).length).toBe(10);
  });
});
