/**
 * The conformance suite every registered estimator must pass, run from a test file:
 *   runEstimatorConformance('gradient_boosting', { params: { n_estimators: 20 } });
 * Checks fit/predict shapes, probabilities, determinism for a seed, the artifact round trip
 * (identical predictions after encode → decode), and that bad params are rejected.
 */
import { describe, expect, it } from 'vitest';
import { SmaError } from '../../core/errors.ts';
import type { Task } from './estimator.ts';
import { decodeArtifact, encodeArtifact } from './artifact/index.ts';
import { predictFrame } from './predict.ts';
import { createEstimator, getModelEntry, resolveModelParams } from './registry.ts';
import { createRng } from './random.ts';
import { syntheticFrame } from './testing/synthetic.ts';
import { trainModel } from './train.ts';

export interface ConformanceOptions {
  /** Params used for every fit (keep models small so the suite stays fast). */
  readonly params?: Record<string, unknown>;
  /** Extra param sets that must be rejected with INVALID_PARAMS. */
  readonly badParams?: readonly Record<string, unknown>[];
  /** Rows of the synthetic data (default 150). */
  readonly rows?: number;
  /** Skip the determinism check for models that are deliberately nondeterministic (none should be). */
  readonly skipDeterminism?: boolean;
}

function invalidParamsCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof SmaError ? error.code : String(error);
  }
}

export function runEstimatorConformance(modelType: string, options: ConformanceOptions = {}): void {
  const entry = getModelEntry(modelType);
  describe(`estimator conformance: ${modelType}`, () => {
    it('has a description, a category and a params schema with defaults', () => {
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.category).toMatch(/^(linear|tree|ensemble|neighbors|bayes|neural|svm)$/);
      expect(() => resolveModelParams(modelType, {})).not.toThrow();
    });

    it('rejects unknown and mistyped params with INVALID_PARAMS', () => {
      expect(invalidParamsCode(() => resolveModelParams(modelType, { __not_a_param__: 1 }))).toBe('INVALID_PARAMS');
      const defaults = resolveModelParams(modelType, {});
      for (const [key, value] of Object.entries(defaults)) {
        if (typeof value === 'number' || typeof value === 'boolean') {
          expect(invalidParamsCode(() => resolveModelParams(modelType, { [key]: { nested: 'object' } })), `param ${key}`).toBe('INVALID_PARAMS');
        }
      }
      for (const bad of options.badParams ?? []) expect(invalidParamsCode(() => resolveModelParams(modelType, bad))).toBe('INVALID_PARAMS');
    });

    for (const task of entry.tasks as Task[]) {
      it(`${task}: estimator API on a raw Matrix (shapes, toJSON, unfitted use refused)`, async () => {
        const rows = 60;
        const cols = 3;
        const rng = createRng(5);
        const data = new Float64Array(rows * cols);
        const y = new Float64Array(rows);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) data[i * cols + j] = rng.next() * 2 - 1;
          const signal = data[i * cols] - 0.5 * data[i * cols + 1];
          y[i] = task === 'regression' ? 3 * signal + 1 : signal > 0.2 ? 2 : signal > -0.3 ? 1 : 0;
        }
        const X = { data, rows, cols };
        const estimator = createEstimator(modelType, task, options.params);
        expect(estimator.type).toBe(modelType);
        expect(estimator.task).toBe(task);
        expect(estimator.fitted).toBeUndefined();
        expect(() => estimator.predict(X)).toThrow();
        expect(Object.isFrozen(estimator.params)).toBe(true);
        const returned = await estimator.fit(X, y, { seed: 1, nClasses: task === 'classification' ? 3 : undefined });
        expect(returned).toBe(estimator);
        expect(estimator.fitted).toBeDefined();
        const predictions = estimator.predict(X);
        expect(predictions).toBeInstanceOf(Float64Array);
        expect(predictions).toHaveLength(rows);
        if (task === 'classification') {
          expect(Array.from(predictions).every((v) => v === 0 || v === 1 || v === 2)).toBe(true);
          if (estimator.predictProba) expect(estimator.predictProba(X)).toHaveLength(rows * 3);
        }
        const json = estimator.toJSON();
        expect(json.type).toBe(modelType);
        expect(json.params).toEqual(estimator.params);
        expect(json.fitted).toBeDefined();
      });

      const tasksToRun: { label: string; task: Task; classes?: number }[] =
        task === 'classification' ? [{ label: 'binary', task, classes: 2 }, { label: 'multiclass', task, classes: 3 }] : [{ label: 'regression', task }];
      for (const variant of tasksToRun) {
        const frame = syntheticFrame(variant.task, options.rows ?? 150, 7, variant.classes ?? 3);
        const train = () => trainModel(frame, { target: 'target', modelType, task: variant.task, params: options.params, seed: 3 });

        it(`${variant.label}: predictions have one value per row and beat a trivial baseline`, async () => {
          const { model, metrics } = await train();
          const out = predictFrame(model, frame);
          expect(out.predictions).toHaveLength(frame.nRows);
          if (variant.task === 'regression') {
            expect(out.predictions.every((p) => typeof p === 'number' && Number.isFinite(p))).toBe(true);
            expect(metrics.r2 as number).toBeGreaterThan(0);
          } else {
            expect(new Set(out.predictions).size).toBeGreaterThan(1);
            expect(out.predictions.every((p) => (model.classes ?? []).includes(String(p)))).toBe(true);
            expect(metrics.accuracy as number).toBeGreaterThan(1 / (variant.classes ?? 2));
            if (model.estimator.predictProba) {
              const { probabilities } = predictFrame(model, frame, { proba: true });
              expect(probabilities).toHaveLength(frame.nRows);
              for (const row of probabilities ?? []) {
                expect(row).toHaveLength(variant.classes ?? 2);
                expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
                expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
              }
            }
          }
        });

        if (!options.skipDeterminism) {
          it(`${variant.label}: the same seed gives the same predictions`, async () => {
            const first = (await train()).model;
            const second = (await train()).model;
            const proba = variant.task === 'classification' && first.estimator.predictProba !== undefined;
            const a = predictFrame(first, frame, { proba });
            const b = predictFrame(second, frame, { proba });
            expect(b.predictions).toEqual(a.predictions);
            expect(b.probabilities).toEqual(a.probabilities);
            expect(second.metrics).toEqual(first.metrics);
          });
        }

        it(`${variant.label}: artifact round trip gives identical predictions`, async () => {
          const { model } = await train();
          const files = encodeArtifact(model);
          const restored = decodeArtifact(files);
          const proba = variant.task === 'classification' && model.estimator.predictProba !== undefined;
          const before = predictFrame(model, frame, { proba });
          const after = predictFrame(restored, frame, { proba });
          expect(after.predictions).toEqual(before.predictions);
          expect(after.probabilities).toEqual(before.probabilities);
          expect(restored.metrics).toEqual(model.metrics);
        });
      }
    }
  });
}
