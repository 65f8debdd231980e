import { describe, expect, it } from 'vitest';
import { SmaError } from '../../core/errors.ts';
import { predictFrame } from './predict.ts';
import { frameFromColumns } from './testing/frames.ts';
import { syntheticFrame } from './testing/synthetic.ts';
import { trainModel } from './train.ts';

function codeOf(error: unknown): string {
  return error instanceof SmaError ? error.code : String(error);
}

describe('trainModel', () => {
  it('returns the contract shape: metrics, feature names, task, classes, duration', async () => {
    const frame = syntheticFrame('classification', 120, 5, 3);
    const progress: string[] = [];
    const result = await trainModel(frame, { target: 'target', modelType: 'logistic', onProgress: (p) => progress.push(p.stage) });
    expect(result.task).toBe('classification');
    expect(result.classes).toEqual(['class_a', 'class_b', 'class_c']);
    expect(Object.keys(result.metrics)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss', 'confusion_matrix']);
    expect(result.featureNames).toEqual(['x1', 'x2', 'x3', 'color=blue', 'color=green', 'color=red']);
    expect(result.model.evaluation).toMatchObject({ split: 'test', testRows: 24, trainRows: 96 });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(progress[0]).toBe('preprocess');
    expect(progress.at(-1)).toBe('done');
  });

  it('infers regression for a continuous target and reports regression metrics', async () => {
    const result = await trainModel(syntheticFrame('regression', 100), { target: 'target', modelType: 'decision_tree', params: { max_depth: 3 } });
    expect(result.task).toBe('regression');
    expect(Object.keys(result.metrics)).toEqual(['r2', 'rmse', 'mae', 'mse', 'explained_variance']);
    expect(result.classes).toBeUndefined();
  });

  it('rejects unknown models (listing valid ones), bad params, wrong tasks and bad targets', async () => {
    const frame = syntheticFrame('regression', 40);
    const failure = await trainModel(frame, { target: 'target', modelType: 'deep_magic' }).catch((e: unknown) => e);
    expect(codeOf(failure)).toBe('UNKNOWN_MODEL_TYPE');
    expect((failure as SmaError).details.valid_types).toContain('ridge');
    expect(codeOf(await trainModel(frame, { target: 'target', modelType: 'ridge', params: { alpha: -1 } }).catch((e: unknown) => e))).toBe('INVALID_PARAMS');
    expect(codeOf(await trainModel(frame, { target: 'target', modelType: 'logistic', task: 'regression' }).catch((e: unknown) => e))).toBe('TASK_MISMATCH');
    expect(codeOf(await trainModel(frame, { target: 'nope', modelType: 'ridge' }).catch((e: unknown) => e))).toBe('INVALID_TARGET');
    expect(codeOf(await trainModel(frame, { target: 'target', modelType: 'ridge', features: ['x1', 'zz'] }).catch((e: unknown) => e))).toBe('UNKNOWN_COLUMN');
    const labels = frameFromColumns({ x: [1, 2, 3], y: ['1.5', 'high', '2'] });
    const labelFailure = await trainModel(labels, { target: 'y', modelType: 'ridge' }).catch((e: unknown) => e);
    expect(codeOf(labelFailure)).toBe('INVALID_TARGET');
    expect((labelFailure as SmaError).details).toMatchObject({ row: 2, value: 'high' });
    const single = frameFromColumns({ x: [1, 2, 3], y: ['a', 'a', 'a'] });
    expect(codeOf(await trainModel(single, { target: 'y', modelType: 'logistic' }).catch((e: unknown) => e))).toBe('INVALID_TARGET');
  });

  it('skips rows without a target and honours explicit test rows', async () => {
    const frame = frameFromColumns({ x: [1, 2, 3, 4, 5, 6, 7, 8], y: [1.1, 2.1, null, 3.9, 5.2, 6.1, 6.8, 8.1] });
    const result = await trainModel(frame, { target: 'y', modelType: 'linear', testIndices: [6, 7] });
    expect(result.model.evaluation).toMatchObject({ trainRows: 5, testRows: 2 });
  });
});

describe('predictFrame', () => {
  it('keeps row order, ignores extra columns, gives labels and probabilities', async () => {
    const frame = syntheticFrame('classification', 120, 5, 2);
    const { model } = await trainModel(frame, { target: 'target', modelType: 'logistic' });
    const shuffled = frameFromColumns({
      extra: ['a', 'b', 'c'],
      color: ['red', 'blue', 'purple'],
      x3: [0, null, 1],
      x2: [40, 50, 60],
      x1: [3, 0, -3],
    });
    const out = predictFrame(model, shuffled, { proba: true });
    expect(out.predictions).toHaveLength(3);
    expect(out.classes).toEqual(['class_a', 'class_b']);
    expect(out.predictions[0]).toBe('class_b');
    expect(out.predictions[2]).toBe('class_a');
    expect(out.probabilities?.[0][1]).toBeGreaterThan(0.5);
    const reversed = predictFrame(model, frameFromColumns({ x1: [-3, 0, 3], x2: [60, 50, 40], x3: [1, null, 0], color: ['purple', 'blue', 'red'] }));
    expect(reversed.predictions).toEqual([...out.predictions].reverse());
  });

  it('refuses a frame missing required features, listing them', async () => {
    const frame = syntheticFrame('regression', 60);
    const { model } = await trainModel(frame, { target: 'target', modelType: 'ridge' });
    let error: unknown;
    try {
      predictFrame(model, frameFromColumns({ x1: [1], color: ['red'] }));
    } catch (e) {
      error = e;
    }
    expect(codeOf(error)).toBe('MISSING_FEATURES');
    expect((error as SmaError).details.missing).toEqual(['x2', 'x3']);
    expect(() => predictFrame(model, frame, { proba: true })).toThrow(/probabilities/);
  });
});
