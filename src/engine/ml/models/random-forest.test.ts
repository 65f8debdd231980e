import { describe, expect, it } from 'vitest';
import { accuracy, classificationData, r2, regressionData, sliceRows } from '../gbdt/test-data.ts';
import { trainForest } from '../forest/train-forest.ts';
import { applyBinMapper, fitBinMapper } from '../gbdt/binning.ts';
import { RandomForestClassifier, RandomForestRegressor, randomForestParamsSchema } from './random-forest.ts';

describe('random_forest', () => {
  it('has sklearn defaults', () => {
    expect(randomForestParamsSchema.parse({})).toMatchObject({ n_estimators: 100, min_samples_leaf: 1, bootstrap: true, max_features: 'auto' });
  });

  it('regresses with an out-of-bag R² close to the test R²', async () => {
    const d = regressionData(2500, 5, 2);
    const tr = sliceRows(d, 0, 2000);
    const te = sliceRows(d, 2000, 2500);
    const m = await new RandomForestRegressor({ n_estimators: 30, oob_score: true }).fit(tr.X, tr.y, { seed: 1 });
    const score = r2(m.predict(te.X), te.y);
    expect(score).toBeGreaterThan(0.8);
    expect(Math.abs((m.fitted?.oobScore as number) - score)).toBeLessThan(0.08);
  });

  it('classifies binary and multiclass targets, probabilities summing to 1', async () => {
    for (const k of [2, 4]) {
      const d = classificationData(2500, 6, k, 3);
      const tr = sliceRows(d, 0, 2000);
      const te = sliceRows(d, 2000, 2500);
      const m = await new RandomForestClassifier({ n_estimators: 30, oob_score: true }).fit(tr.X, tr.y, { seed: 2, nClasses: k });
      expect(accuracy(m.predict(te.X), te.y)).toBeGreaterThan(k === 2 ? 0.8 : 0.6);
      expect(m.fitted?.oobScore).toBeGreaterThan(k === 2 ? 0.75 : 0.55);
      const proba = m.predictProba(te.X);
      for (let i = 0; i < 500; i++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += proba[i * k + c];
        expect(s).toBeCloseTo(1, 9);
      }
    }
  });

  it('grows identical forests on 1 and 2 threads', async () => {
    const d = classificationData(1500, 6, 3, 7);
    const mapper = fitBinMapper(d.X);
    const binned = applyBinMapper(mapper, d.X, new Uint8Array(new SharedArrayBuffer(d.X.rows * d.X.cols)));
    const targets = new Float64Array(new SharedArrayBuffer(8 * 3 * d.X.rows));
    for (let i = 0; i < d.X.rows; i++) targets[d.y[i] * d.X.rows + i] = 1;
    const data = { binned, nRows: d.X.rows, nFeatures: 6, nBins: mapper.nBins, edges: mapper.edges, targets, K: 3 };
    const run = { maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 2, bootstrap: true, draws: d.X.rows, seed: 9 };
    const one = await trainForest(data, 6, run, 1);
    const two = await trainForest(data, 6, run, 2, true);
    expect(two.threadsUsed).toBe(2);
    two.trees.forEach((t, i) => {
      expect(t.tree.feature).toEqual(one.trees[i].tree.feature);
      expect(t.tree.value).toEqual(one.trees[i].tree.value);
    });
  });

  it('honours max_depth and min_samples_leaf', async () => {
    const d = regressionData(800, 4, 4);
    const m = await new RandomForestRegressor({ n_estimators: 3, max_depth: 2 }).fit(d.X, d.y);
    // depth 2 → at most 7 nodes per tree
    expect(m.fitted?.forest.feature.length).toBeLessThanOrEqual(21);
  });
});
