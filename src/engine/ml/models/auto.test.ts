import { describe, expect, it } from 'vitest';
import { runEstimatorConformance } from '../conformance.ts';
import { runAutoML } from '../automl/run-automl.ts';
import { classificationData, regressionData } from '../gbdt/test-data.ts';
import { AutoEstimator } from './auto.ts';

describe('auto', () => {
  it('ranks candidates by cross-validated score within the budget', async () => {
    const d = regressionData(400, 4, 3);
    const r = await runAutoML(d.X, d.y, { task: 'regression', timeBudgetMs: 20_000, seed: 1, models: ['linear', 'gradient_boosting', 'random_forest'], folds: 2 });
    expect(r.leaderboard.length).toBeGreaterThanOrEqual(3);
    expect(r.best.model).not.toBe('linear');
    for (let i = 1; i < r.leaderboard.length; i++) expect(r.leaderboard[i - 1].cv_score).toBeGreaterThanOrEqual(r.leaderboard[i].cv_score);
    for (const e of r.leaderboard) expect(e.time_ms).toBeGreaterThan(0);
  });

  it('stops at the time budget and still returns what it finished', async () => {
    const d = classificationData(2000, 5, 2, 3);
    const t = performance.now();
    const r = await runAutoML(d.X, d.y, { task: 'classification', timeBudgetMs: 2500, seed: 1, nClasses: 2 });
    // a running candidate is stopped at the deadline (one more iteration at most)
    expect(performance.now() - t).toBeLessThan(7000);
    expect(r.leaderboard.length).toBeGreaterThan(0);
    expect(r.leaderboard.length).toBeLessThan(13);
  });

  it('refits the winner and predicts like it', async () => {
    const d = classificationData(500, 4, 3, 2);
    const m = await new AutoEstimator({ time_budget_s: 5, folds: 2, models: ['logistic', 'decision_tree'] }, 'classification').fit(d.X, d.y, { seed: 1, nClasses: 3 });
    expect(m.fitted?.leaderboard[0].model).toBe(m.fitted?.best.type);
    expect(m.predictProba(d.X).length).toBe(500 * 3);
  });
});

runEstimatorConformance('auto', { params: { time_budget_s: 1, folds: 2, models: ['logistic', 'linear', 'decision_tree'] } });
