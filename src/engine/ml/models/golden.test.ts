/**
 * Golden comparisons of fitted parameters with scikit-learn 1.9.1 on the train rows of the
 * fixtures (features standardised with the population std, as StandardScaler and our pipeline).
 * Reference produced by (Python 3.11.7, numpy 2.4.6, 2026-11-23):
 *
 *   cols = read_csv(f"{name}.csv")   # sklearn_reference.py's reader; rows with split == "train"
 *   X = column_stack(features)[train]; X = (X - X.mean(0)) / X.std(0)
 *   diabetes: Lasso().fit(X, y).coef_, ElasticNet().fit(X, y).coef_, Ridge().fit(X, y).coef_,
 *             LinearRegression().fit(X, y).intercept_
 *   wine: LogisticRegression().fit(X, y.astype(str)): coef_[0], intercept_
 *   breast_cancer: LogisticRegression().fit(X, y).coef_[0][:5] (classes benign, malignant),
 *                  GaussianNB().fit(X, y).var_[0][:3]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { frameFromCsv } from '../testing/frames.ts';
import { testRowsOf } from '../testing/accuracy-cases.ts';
import { trainModel } from '../train.ts';

const REF = {"lasso": [0.687032118934211, -9.297519041249913, 26.219224821372155, 15.65731357291981, -8.228171802431122, -0.0, -9.02408714007646, 3.4208605902183993, 22.636465325281915, 2.0986471248744243], "elasticnet": [1.8239158258285577, -6.0421960085304365, 18.961787735345048, 12.265206093819748, -1.179869005569214, -2.8803523772412514, -8.437918931099306, 5.846287106279982, 14.419950580482958, 5.012797686159628], "ridge": [1.8073417929469733, -11.448189507396512, 25.732698918315705, 16.73429973692318, -34.6719540923129, 17.053074847018298, 3.369914107271229, 11.764260443762996, 31.378383797293438, 2.4581392184249964], "linear_intercept": 153.7365439093485, "logistic_wine_coef_row0": [0.7174831310643005, 0.16760495290536762, 0.4601258103481534, -0.8350634564311911, 0.03862936220627965, 0.22648025657768323, 0.7052638328771162, -0.10831337260090307, 0.12540378812538167, 0.2201844577204432, 0.0753438366970216, 0.7001873592286444, 0.9265390325299953], "logistic_wine_intercept": [0.3125902453149413, 0.885506582752998, -1.1980968280679345], "logistic_bc_coef": [0.36115006844913344, 0.4822194032961784, 0.35315986626691326, 0.4399502819885041, 0.3506215582917168], "logistic_bc_classes": ["benign", "malignant"], "gnb_var_row0": [0.24765424188590235, 0.8430059887116852, 0.22909143016280173]};

const dir = fileURLToPath(new URL('../../../../test/fixtures/datasets/', import.meta.url));
const frames = new Map<string, ReturnType<typeof frameFromCsv>>();
function frame(name: string): ReturnType<typeof frameFromCsv> {
  if (!frames.has(name)) frames.set(name, frameFromCsv(readFileSync(`${dir}${name}.csv`, 'utf8')));
  return frames.get(name) as ReturnType<typeof frameFromCsv>;
}

async function fitted(name: string, modelType: string, preprocess?: { scaling: 'standard' }): Promise<Record<string, unknown>> {
  const f = frame(name);
  const features = f.columns.map((c) => c.name).filter((n) => n !== 'target' && n !== 'split');
  const { model } = await trainModel(f, { target: 'target', modelType, features, testIndices: testRowsOf(f), preprocess });
  return model.estimator.fitted as Record<string, unknown>;
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBeGreaterThanOrEqual(expected.length);
  expected.forEach((v, i) => expect(Math.abs(actual[i] - v), `index ${i}: ${actual[i]} vs ${v}`).toBeLessThan(tolerance));
}

describe('fitted parameters match scikit-learn', () => {
  it('lasso, elastic net and ridge coefficients (diabetes)', async () => {
    expectClose((await fitted('diabetes', 'lasso')).coef as Float64Array, REF.lasso, 1e-3);
    expectClose((await fitted('diabetes', 'elasticnet')).coef as Float64Array, REF.elasticnet, 1e-3);
    expectClose((await fitted('diabetes', 'ridge')).coef as Float64Array, REF.ridge, 1e-8);
    expect((await fitted('diabetes', 'linear')).intercept as number).toBeCloseTo(REF.linear_intercept, 8);
  });

  it('multinomial logistic regression (wine)', async () => {
    const f = await fitted('wine', 'logistic');
    expectClose(f.coef as Float64Array, REF.logistic_wine_coef_row0, 2e-3);
    expectClose(f.intercept as Float64Array, REF.logistic_wine_intercept, 2e-3);
  });

  it('binary logistic regression and gaussian naive Bayes (breast cancer)', async () => {
    expectClose((await fitted('breast_cancer', 'logistic')).coef as Float64Array, REF.logistic_bc_coef, 2e-3);
    const nb = await fitted('breast_cancer', 'naive_bayes', { scaling: 'standard' });
    expectClose(nb.var as Float64Array, REF.gnb_var_row0, 1e-9);
  });
});
