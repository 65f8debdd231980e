import { describe, expect, it } from 'vitest';
import { SmaError } from '../../core/errors.ts';
import { parseParamArgs, parseParamValue } from './params.ts';
import { availableModelTypes, createEstimator, getModelEntry, MODEL_TYPES, resolveModelParams } from './registry.ts';

describe('model registry', () => {
  it('lists only models that exist, each with tasks, description and category', () => {
    const names = availableModelTypes();
    for (const name of ['linear', 'ridge', 'lasso', 'elasticnet', 'polynomial', 'logistic', 'decision_tree', 'naive_bayes', 'knn', 'svm']) {
      expect(names).toContain(name);
    }
    for (const name of names) {
      expect(MODEL_TYPES as readonly string[]).toContain(name);
      const entry = getModelEntry(name);
      expect(entry.tasks.length).toBeGreaterThan(0);
      expect(entry.description).not.toMatch(/TODO|placeholder/i);
    }
  });

  it('fails on an unknown name listing the valid ones', () => {
    try {
      getModelEntry('xgboost');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SmaError);
      expect((error as SmaError).code).toBe('UNKNOWN_MODEL_TYPE');
      expect((error as SmaError).message).toContain('ridge');
      expect((error as SmaError).details.valid_types).toEqual(availableModelTypes());
    }
    expect(() => getModelEntry('toString')).toThrow(/Unknown model type/);
  });

  it('fills sklearn defaults and rejects out-of-range values', () => {
    expect(resolveModelParams('elasticnet')).toEqual({ alpha: 1, l1_ratio: 0.5, tol: 1e-4, max_iter: 1000, fit_intercept: true });
    expect(resolveModelParams('knn')).toEqual({ n_neighbors: 5, weights: 'uniform', p: 2 });
    expect(resolveModelParams('logistic')).toMatchObject({ C: 1, penalty: 'l2', max_iter: 100 });
    expect(resolveModelParams('naive_bayes')).toMatchObject({ var_smoothing: 1e-9 });
    expect(resolveModelParams('svm')).toMatchObject({ C: 1, loss: null, tol: 1e-4, max_iter: 1000 });
    expect(() => resolveModelParams('elasticnet', { l1_ratio: 2 })).toThrow(/l1_ratio/);
    expect(() => resolveModelParams('knn', { n_neighbors: 0 })).toThrow(/n_neighbors/);
    expect(() => resolveModelParams('decision_tree', { criterion: 'variance' })).toThrow(/criterion/);
  });

  it('creates estimators for a supported task only', () => {
    expect(createEstimator('decision_tree', 'regression').task).toBe('regression');
    expect(() => createEstimator('linear', 'classification')).toThrow(/does not support classification/);
    expect(() => createEstimator('decision_tree', 'regression', { criterion: 'gini' })).toThrow(SmaError);
  });
});

describe('--param parsing', () => {
  it('turns key=value strings into typed values for the schema', () => {
    expect(parseParamArgs(['alpha=0.5', 'fit_intercept=false', 'max_depth=none', 'weights=distance', 'max_features=sqrt'])).toEqual({
      alpha: 0.5,
      fit_intercept: false,
      max_depth: null,
      weights: 'distance',
      max_features: 'sqrt',
    });
    expect(parseParamValue(' 1e-3 ')).toBe(0.001);
    expect(parseParamValue('[1,2]')).toEqual([1, 2]);
    expect(() => parseParamArgs(['alpha'])).toThrow(/key=value/);
    expect(resolveModelParams('decision_tree', parseParamArgs(['max_depth=3', 'criterion=entropy']))).toMatchObject({ max_depth: 3, criterion: 'entropy' });
  });
});

describe('model catalog', () => {
  it('gives every model its defaults and a JSON schema of its params', async () => {
    const { modelCatalog } = await import('./registry.ts');
    const catalog = modelCatalog();
    const ridge = catalog.find((m) => m.name === 'ridge');
    expect(ridge?.defaults).toEqual({ alpha: 1, fit_intercept: true });
    const schema = ridge?.paramsJsonSchema as { properties: Record<string, { minimum?: number; default?: unknown; description?: string }> };
    expect(schema.properties.alpha).toMatchObject({ minimum: 0, default: 1 });
    expect(schema.properties.alpha.description).toMatch(/penalty/);
    expect(catalog.map((m) => m.name)).toEqual(availableModelTypes());
  });
});
