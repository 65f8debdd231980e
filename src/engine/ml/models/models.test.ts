import { describe, expect, it } from 'vitest';
import { fromRows } from '../matrix.ts';
import { DecisionTree } from './decision-tree.ts';
import { ElasticNet } from './elasticnet.ts';
import { KNearestNeighbors } from './knn.ts';
import { Lasso } from './lasso.ts';
import { LinearRegression } from './linear.ts';
import { LogisticRegression } from './logistic.ts';
import { NaiveBayes } from './naive-bayes.ts';
import { PolynomialRegression } from './polynomial.ts';
import { RidgeRegression } from './ridge.ts';
import { LinearSvm } from './svm.ts';

const X = fromRows([
  [1, 2],
  [2, 1],
  [3, 5],
  [4, 3],
  [5, 8],
  [6, 2],
]);
const yLinear = Float64Array.from({ length: 6 }, (_, i) => 3 + 2 * X.data[i * 2] - 0.5 * X.data[i * 2 + 1]);

describe('linear models', () => {
  it('OLS recovers an exact linear relation', () => {
    const m = new LinearRegression().fit(X, yLinear);
    expect(m.fitted?.coef[0]).toBeCloseTo(2, 10);
    expect(m.fitted?.coef[1]).toBeCloseTo(-0.5, 10);
    expect(m.fitted?.intercept).toBeCloseTo(3, 10);
  });

  it('OLS gives the minimum-norm solution for duplicated columns (numpy lstsq)', () => {
    const dup = fromRows([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const m = new LinearRegression().fit(dup, Float64Array.of(2, 4, 6));
    expect(m.fitted?.coef[0]).toBeCloseTo(1, 8);
    expect(m.fitted?.coef[1]).toBeCloseTo(1, 8);
  });

  it('ridge solves (XᵀX + αI)w = Xᵀy on centred data', () => {
    // one centred feature: w = Σxy / (Σx² + α)
    const x = fromRows([[-1], [0], [1]]);
    const m = new RidgeRegression({ alpha: 2 }).fit(x, Float64Array.of(-2, 0, 2));
    expect(m.fitted?.coef[0]).toBeCloseTo(4 / (2 + 2), 12);
  });

  it('lasso soft-thresholds: w = S(Σxy/n, α) / (Σx²/n) for one feature; large α gives zeros', () => {
    const x = fromRows([[-1], [0], [1]]);
    const y = Float64Array.of(-2, 0, 2);
    const m = new Lasso({ alpha: 0.5 }).fit(x, y);
    expect(m.fitted?.coef[0]).toBeCloseTo((4 / 3 - 0.5) / (2 / 3), 8);
    expect(new Lasso({ alpha: 100 }).fit(X, yLinear).fitted?.coef).toEqual(Float64Array.of(0, 0));
  });

  it('elastic net sits between ridge-like shrinkage and lasso', () => {
    const x = fromRows([[-1], [0], [1]]);
    const y = Float64Array.of(-2, 0, 2);
    const m = new ElasticNet({ alpha: 0.5, l1_ratio: 0.5 }).fit(x, y);
    // closed form: (Σxy/n − α·r) / (Σx²/n + α(1 − r))
    expect(m.fitted?.coef[0]).toBeCloseTo((4 / 3 - 0.25) / (2 / 3 + 0.25), 8);
  });

  it('polynomial regression fits a parabola exactly', () => {
    const x = fromRows([[-2], [-1], [0], [1], [2], [3]]);
    const y = Float64Array.from([-2, -1, 0, 1, 2, 3], (v) => 1 + v - 0.5 * v * v);
    const pred = new PolynomialRegression({ degree: 2 }).fit(x, y).predict(fromRows([[4]]));
    expect(pred[0]).toBeCloseTo(1 + 4 - 8, 8);
  });
});

describe('classifiers', () => {
  const Xc = fromRows([[0], [1], [2], [3], [10], [11], [12], [13]]);
  const yc = Float64Array.of(0, 0, 0, 0, 1, 1, 1, 1);

  it('logistic regression separates and gives calibrated-looking probabilities', () => {
    const m = new LogisticRegression().fit(Xc, yc);
    expect(Array.from(m.predict(Xc))).toEqual(Array.from(yc));
    const p = m.predictProba(fromRows([[6.5]]));
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(m.fitted?.converged).toBe(true);
  });

  it('decision tree splits at the midpoint between distinct values', () => {
    const m = new DecisionTree({}, 'classification').fit(Xc, yc);
    expect(m.fitted?.tree.threshold[0]).toBe(6.5);
    expect(m.fitted?.depth).toBe(1);
    const reg = new DecisionTree({ max_depth: 1 }, 'regression').fit(Xc, Float64Array.of(1, 1, 1, 1, 5, 5, 5, 7));
    expect(Array.from(reg.predict(fromRows([[0], [20]])))).toEqual([1, 5.5]);
  });

  it('min_samples_leaf and max_depth limit the tree', () => {
    const m = new DecisionTree({ min_samples_leaf: 5 }, 'classification').fit(Xc, yc);
    expect(m.fitted?.tree.feature[0]).toBe(-1);
  });

  it('kNN votes among the k nearest rows', () => {
    const m = new KNearestNeighbors({ n_neighbors: 3 }, 'classification').fit(Xc, yc);
    expect(Array.from(m.predict(fromRows([[2.5], [9]])))).toEqual([0, 1]);
    expect(Array.from(m.predictProba(fromRows([[9]])))).toEqual([0, 1]);
    const reg = new KNearestNeighbors({ n_neighbors: 2 }, 'regression').fit(Xc, Float64Array.of(0, 1, 2, 3, 10, 11, 12, 13));
    expect(reg.predict(fromRows([[0.4]]))[0]).toBe(0.5);
  });

  it('gaussian naive Bayes matches the closed form', () => {
    const m = new NaiveBayes().fit(Xc, yc);
    expect(Array.from(m.fitted?.theta ?? [])).toEqual([1.5, 11.5]);
    // population variances 1.25 each, plus 1e-9 × overall variance
    const overall = Array.from(Xc.data).reduce((a, v) => a + (v - 6.5) ** 2, 0) / 8;
    expect(m.fitted?.var?.[0]).toBeCloseTo(1.25 + 1e-9 * overall, 15);
    expect(Array.from(m.predict(fromRows([[4], [9]])))).toEqual([0, 1]);
  });

  it('categorical naive Bayes uses Laplace-smoothed counts', () => {
    const codes = fromRows([[0], [0], [1], [1], [1], [0]]);
    const m = new NaiveBayes({ variant: 'categorical' }).fit(codes, Float64Array.of(0, 0, 0, 1, 1, 1));
    const p = m.predictProba(fromRows([[0]]));
    // P(x=0|c0) = (2+1)/(3+2), P(x=0|c1) = (1+1)/(3+2), equal priors
    expect(p[0]).toBeCloseTo(0.6 / (0.6 + 0.4), 12);
  });

  it('linear SVM separates, one-vs-rest for three classes, Platt probabilities sum to one', () => {
    const m = new LinearSvm({}, 'classification').fit(Xc, yc);
    expect(Array.from(m.predict(Xc))).toEqual(Array.from(yc));
    const X3 = fromRows([[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5], [10, 0], [10, 1], [11, 0]]);
    const y3 = Float64Array.of(0, 0, 0, 1, 1, 1, 2, 2, 2);
    const m3 = new LinearSvm({ C: 10, max_iter: 5000 }, 'classification').fit(X3, y3, { seed: 1 });
    expect(Array.from(m3.predict(X3))).toEqual(Array.from(y3));
    const p = m3.predictProba(X3);
    for (let i = 0; i < 9; i++) expect(p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2]).toBeCloseTo(1, 12);
  });

  it('linear SVR fits a line', () => {
    const x = fromRows([[0], [1], [2], [3], [4]]);
    const m = new LinearSvm({ C: 100, max_iter: 10000, tol: 1e-6 }, 'regression').fit(x, Float64Array.of(1, 3, 5, 7, 9));
    expect(m.predict(fromRows([[5]]))[0]).toBeCloseTo(11, 1);
  });
});

describe('sample weights', () => {
  const Xw = fromRows([[0], [1], [2], [3], [4]]);
  const yw = Float64Array.of(0.1, 1.3, 1.8, 3.4, 3.9);
  const dupX = fromRows([[0], [1], [2], [3], [4], [4]]);
  const dupY = Float64Array.of(0.1, 1.3, 1.8, 3.4, 3.9, 3.9);
  const weights = Float64Array.of(1, 1, 1, 1, 2);

  it('weight 2 equals a duplicated row for least squares, ridge and lasso', () => {
    for (const make of [() => new LinearRegression(), () => new RidgeRegression({ alpha: 0.5 }), () => new Lasso({ alpha: 0.05, tol: 1e-10, max_iter: 10000 })]) {
      const weighted = make().fit(Xw, yw, { sampleWeight: weights });
      const duplicated = make().fit(dupX, dupY);
      expect(weighted.fitted?.coef[0]).toBeCloseTo(duplicated.fitted?.coef[0] as number, 8);
      expect(weighted.fitted?.intercept).toBeCloseTo(duplicated.fitted?.intercept as number, 8);
    }
  });
});
