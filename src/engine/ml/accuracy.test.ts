/**
 * Accuracy acceptance: every model's test accuracy / R² within 0.01 of scikit-learn's on the same
 * split (the `split` column of each fixture) with the same parameters.
 *
 * Reference values (REFERENCE below) were produced once by
 *   cd test/fixtures/datasets && python3 sklearn_reference.py > reference.json
 * with scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1, Python 3.11.7 (2026-11-23); that script
 * mirrors our preprocessing with SimpleImputer / StandardScaler / OneHotEncoder and uses sklearn
 * defaults. `npm run bench -- accuracy` recomputes them live when scikit-learn is importable.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAccuracyCases, withinTolerance, type AccuracyCases, type ReferenceScores } from './testing/accuracy-cases.ts';

const dir = fileURLToPath(new URL('../../../test/fixtures/datasets/', import.meta.url));
const cases = JSON.parse(readFileSync(`${dir}accuracy-cases.json`, 'utf8')) as AccuracyCases;

const REFERENCE: ReferenceScores = {
  breast_cancer: {
    'logistic': { score: 0.9649122807017544, min: 0.9649122807017544, max: 0.9649122807017544 },
    'decision_tree': { score: 0.9298245614035088, min: 0.9035087719298246, max: 0.956140350877193 },
    'decision_tree(max_depth=5,min_samples_leaf=10)': { score: 0.9122807017543859, min: 0.9122807017543859, max: 0.9122807017543859 },
    'naive_bayes': { score: 0.9385964912280702, min: 0.9385964912280702, max: 0.9385964912280702 },
    'naive_bayes(variant=categorical)': { score: 0.9649122807017544, min: 0.9649122807017544, max: 0.9649122807017544 },
    'knn': { score: 0.956140350877193, min: 0.956140350877193, max: 0.956140350877193 },
    'svm': { score: 0.9649122807017544, min: 0.9649122807017544, max: 0.9649122807017544 },
    'logistic(C=0.1)': { score: 0.9824561403508771, min: 0.9824561403508771, max: 0.9824561403508771 },
    'logistic(class_weight=balanced)': { score: 0.9736842105263158, min: 0.9736842105263158, max: 0.9736842105263158 },
    'decision_tree(criterion=entropy,max_depth=4,min_samples_leaf=5)': { score: 0.9298245614035088, min: 0.9298245614035088, max: 0.9298245614035088 },
    'knn(n_neighbors=15,weights=distance)': { score: 0.9473684210526315, min: 0.9473684210526315, max: 0.9473684210526315 },
    'knn(p=1)': { score: 0.956140350877193, min: 0.956140350877193, max: 0.956140350877193 },
    'svm(loss=hinge)': { score: 0.9649122807017544, min: 0.9649122807017544, max: 0.9649122807017544 },
    'svm(C=0.1)': { score: 0.9649122807017544, min: 0.9649122807017544, max: 0.9649122807017544 },
  },
  wine: {
    'logistic': { score: 0.9722222222222222, min: 0.9722222222222222, max: 0.9722222222222222 },
    'decision_tree': { score: 0.9444444444444444, min: 0.9166666666666666, max: 0.9722222222222222 },
    'decision_tree(max_depth=5,min_samples_leaf=10)': { score: 0.9444444444444444, min: 0.9444444444444444, max: 0.9444444444444444 },
    'naive_bayes': { score: 0.9722222222222222, min: 0.9722222222222222, max: 0.9722222222222222 },
    'naive_bayes(variant=categorical)': { score: 0.9444444444444444, min: 0.9444444444444444, max: 0.9444444444444444 },
    'knn': { score: 0.9722222222222222, min: 0.9722222222222222, max: 0.9722222222222222 },
    'svm': { score: 0.9722222222222222, min: 0.9722222222222222, max: 0.9722222222222222 },
    'logistic(C=0.1)': { score: 1.0, min: 1.0, max: 1.0 },
    'logistic(class_weight=balanced)': { score: 1.0, min: 1.0, max: 1.0 },
    'decision_tree(criterion=entropy,max_depth=4,min_samples_leaf=5)': { score: 1.0, min: 1.0, max: 1.0 },
    'knn(n_neighbors=15,weights=distance)': { score: 1.0, min: 1.0, max: 1.0 },
    'knn(p=1)': { score: 1.0, min: 1.0, max: 1.0 },
    'svm(loss=hinge)': { score: 0.9444444444444444, min: 0.9444444444444444, max: 0.9444444444444444 },
    'svm(C=0.1)': { score: 1.0, min: 1.0, max: 1.0 },
  },
  diabetes: {
    'linear': { score: 0.45260276297191904, min: 0.45260276297191904, max: 0.45260276297191904 },
    'ridge': { score: 0.454146520706982, min: 0.454146520706982, max: 0.454146520706982 },
    'lasso': { score: 0.46687670944102466, min: 0.46687670944102466, max: 0.46687670944102466 },
    'elasticnet': { score: 0.45477123774939965, min: 0.45477123774939965, max: 0.45477123774939965 },
    'polynomial': { score: 0.4156399336407923, min: 0.4156399336407923, max: 0.4156399336407923 },
    'decision_tree': { score: -0.006327189249752063, min: -0.01673149590651235, max: 0.24457862503234706 },
    'decision_tree(max_depth=5,min_samples_leaf=10)': { score: 0.41359382938072875, min: 0.41359382938072875, max: 0.41359382938072875 },
    'knn': { score: 0.4248088706606624, min: 0.4248088706606624, max: 0.4248088706606624 },
    'svm': { score: 0.2734320302569231, min: 0.2734320302569231, max: 0.2734320302569231 },
    'ridge(alpha=10)': { score: 0.45721095677808476, min: 0.45721095677808476, max: 0.45721095677808476 },
    'lasso(alpha=0.1)': { score: 0.455541399027904, min: 0.455541399027904, max: 0.455541399027904 },
    'elasticnet(alpha=0.1,l1_ratio=0.7)': { score: 0.45817018187386604, min: 0.45817018187386604, max: 0.45817018187386604 },
    'knn(n_neighbors=10,weights=distance)': { score: 0.4169929794887087, min: 0.4169929794887087, max: 0.4169929794887087 },
    'svm(C=10)': { score: 0.4368581981075238, min: 0.4368581981075238, max: 0.4368581981075238 },
  },
  credit: {
    'logistic': { score: 0.715, min: 0.715, max: 0.715 },
    'decision_tree': { score: 0.65, min: 0.62, max: 0.675 },
    'decision_tree(max_depth=5,min_samples_leaf=10)': { score: 0.68, min: 0.68, max: 0.68 },
    'naive_bayes': { score: 0.695, min: 0.695, max: 0.695 },
    'naive_bayes(variant=categorical)': { score: 0.74, min: 0.74, max: 0.74 },
    'knn': { score: 0.74, min: 0.74, max: 0.74 },
    'svm': { score: 0.71, min: 0.71, max: 0.71 },
    'logistic(C=0.1)': { score: 0.72, min: 0.72, max: 0.72 },
    'logistic(class_weight=balanced)': { score: 0.69, min: 0.69, max: 0.69 },
    'decision_tree(criterion=entropy,max_depth=4,min_samples_leaf=5)': { score: 0.71, min: 0.71, max: 0.71 },
    'knn(n_neighbors=15,weights=distance)': { score: 0.735, min: 0.735, max: 0.735 },
    'knn(p=1)': { score: 0.745, min: 0.745, max: 0.745 },
    'svm(loss=hinge)': { score: 0.71, min: 0.71, max: 0.71 },
    'svm(C=0.1)': { score: 0.71, min: 0.71, max: 0.71 },
  },
};

describe('accuracy vs scikit-learn (same split, same parameters)', () => {
  for (const dataset of Object.keys(cases.datasets)) {
    it(dataset, async () => {
      const ours = (await runAccuracyCases(cases, (file) => readFileSync(`${dir}${file}`, 'utf8'), [dataset]))[dataset];
      const failures: string[] = [];
      for (const [id, score] of Object.entries(ours)) {
        const reference = REFERENCE[dataset][id];
        expect(reference, `reference for ${dataset}/${id}`).toBeDefined();
        if (!withinTolerance(score, reference, cases.tolerance)) {
          failures.push(`${id}: ours ${score.toFixed(4)}, sklearn ${reference.score.toFixed(4)} [${reference.min.toFixed(4)}, ${reference.max.toFixed(4)}]`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
