import { describe, expect, it } from 'vitest';
import { accuracy, classificationData, r2, regressionData, sliceRows } from '../gbdt/test-data.ts';
import { GradientBoostingClassifier, GradientBoostingRegressor, gradientBoostingParamsSchema } from './gradient-boosting.ts';

describe('gradient_boosting', () => {
  const reg = regressionData(2500, 6, 3);
  const train = sliceRows(reg, 0, 2000);
  const test = sliceRows(reg, 2000, 2500);

  it('has sklearn-like defaults', () => {
    const p = gradientBoostingParamsSchema.parse({});
    expect(p).toMatchObject({ learning_rate: 0.1, max_iter: 100, max_leaf_nodes: 31, min_samples_leaf: 20, l2_regularization: 0, early_stopping: 'auto' });
  });

  it('regresses a nonlinear target (squared error)', async () => {
    const m = await new GradientBoostingRegressor({ max_iter: 60, learning_rate: 0.2 }).fit(train.X, train.y, { seed: 1 });
    expect(r2(m.predict(test.X), test.y)).toBeGreaterThan(0.9);
    expect(m.fitted?.nIter).toBe(60);
    const imp = m.fitted?.featureImportanceGain as Float64Array;
    // the informative features 0..3 carry nearly all the gain
    expect(imp[0] + imp[1] + imp[2] + imp[3]).toBeGreaterThan(0.9);
    expect(m.fitted?.featureImportanceSplit[0]).toBeGreaterThan(0);
  });

  it('supports absolute_error and huber', async () => {
    for (const loss of ['absolute_error', 'huber'] as const) {
      const m = await new GradientBoostingRegressor({ loss, max_iter: 30, learning_rate: 0.2 }).fit(train.X, train.y, { seed: 1 });
      expect(r2(m.predict(test.X), test.y)).toBeGreaterThan(0.8);
    }
  });

  it('classifies binary and multiclass targets with calibrated-looking probabilities', async () => {
    for (const k of [2, 3]) {
      const d = classificationData(3000, 6, k, 5);
      const tr = sliceRows(d, 0, 2000);
      const te = sliceRows(d, 2000, 3000);
      const m = await new GradientBoostingClassifier({ max_iter: 30, learning_rate: 0.2 }).fit(tr.X, tr.y, { seed: 1, nClasses: k });
      expect(accuracy(m.predict(te.X), te.y)).toBeGreaterThan(k === 2 ? 0.85 : 0.75);
      const proba = m.predictProba(te.X);
      expect(proba.length).toBe(1000 * k);
      for (let i = 0; i < 1000; i++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += proba[i * k + c];
        expect(s).toBeCloseTo(1, 9);
      }
    }
  });

  it('learns from missing values and native categorical splits', async () => {
    const n = 2000;
    const X = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const cat = i % 7;
      X[2 * i] = cat;
      X[2 * i + 1] = i % 5 === 0 ? NaN : (i % 11) / 11;
      // categories {1, 4, 6} are high; missing values of feature 1 add 2
      y[i] = ([1, 4, 6].includes(cat) ? 3 : 0) + (Number.isNaN(X[2 * i + 1]) ? 2 : X[2 * i + 1]);
    }
    const M = { data: X, rows: n, cols: 2 };
    const m = await new GradientBoostingRegressor({ categorical_features: [0], max_iter: 100, learning_rate: 0.3 }).fit(M, y, { seed: 1 });
    expect(r2(m.predict(M), y)).toBeGreaterThan(0.99);
    // one categorical split separates {1,4,6}: the first tree's root is categorical
    expect(m.fitted?.forest.catOffset[0]).toBeGreaterThanOrEqual(0);
  });

  it('early stopping halts on a validation split and is on by default above 10,000 rows', async () => {
    const big = regressionData(11_000, 3, 9, 2);
    const m = await new GradientBoostingRegressor({ max_iter: 500, learning_rate: 0.5, max_leaf_nodes: 8 }).fit(big.X, big.y, { seed: 1 });
    expect(m.fitted?.nIter).toBeLessThan(500);
    expect(m.fitted?.validationScores.length).toBe(m.fitted?.nIter);
  });

  it('is deterministic for a seed, subsampling included', async () => {
    const params = { subsample: 0.5, max_iter: 15 };
    const a = await new GradientBoostingRegressor(params).fit(train.X, train.y, { seed: 7 });
    const b = await new GradientBoostingRegressor(params).fit(train.X, train.y, { seed: 7 });
    const c = await new GradientBoostingRegressor(params).fit(train.X, train.y, { seed: 8 });
    expect(a.predict(test.X)).toEqual(b.predict(test.X));
    expect(a.predict(test.X)).not.toEqual(c.predict(test.X));
  });

  it('stops at iteration 37, checkpoints, resumes, and ends with the same model as a straight run', async () => {
    const d = classificationData(1200, 5, 3, 2);
    const params = { max_iter: 100, max_leaf_nodes: 8, subsample: 0.8, early_stopping: true, n_iter_no_change: 1000 } as const;
    const straight = await new GradientBoostingClassifier(params).fit(d.X, d.y, { seed: 3 });

    const controller = new AbortController();
    const first = new GradientBoostingClassifier(params);
    let bytes: Uint8Array | undefined;
    await first.fit(d.X, d.y, {
      seed: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.iteration === 37) {
          bytes = first.checkpoint();
          controller.abort();
        }
      },
    });
    expect(first.fitted?.nIter).toBe(37);
    const resumed = await new GradientBoostingClassifier(params).resumeFrom(bytes as Uint8Array).fit(d.X, d.y);
    expect(resumed.fitted?.nIter).toBe(100);
    expect(resumed.predictProba(d.X)).toEqual(straight.predictProba(d.X));
    expect(resumed.fitted?.forest.value).toEqual(straight.fitted?.forest.value);
  });

  it('refuses a checkpoint made with other parameters', async () => {
    const m = await new GradientBoostingRegressor({ max_iter: 3 }).fit(train.X, train.y);
    expect(() => new GradientBoostingRegressor({ max_iter: 4 }).resumeFrom(m.checkpoint())).toThrow(/different parameters/);
  });

  it('serialises to JSON-able state and validates params', () => {
    expect(() => new GradientBoostingRegressor({ learning_rate: -1 })).toThrow(/learning_rate/);
    expect(() => new GradientBoostingRegressor({ nope: 1 } as never)).toThrow();
  });
});
