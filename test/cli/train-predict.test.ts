/**
 * `sma train` / `sma predict` / `sma models` as a user runs them: the real binary, a fresh
 * SMA_HOME, the --json contract shapes of DESIGN.md, and the bad inputs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runSma, tempHome } from '../helpers/cli.ts';

const WINE = join(ROOT, 'test', 'fixtures', 'datasets', 'wine.csv');
const DIABETES = join(ROOT, 'test', 'fixtures', 'datasets', 'diabetes.csv');

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(','));
}

describe('sma train / predict / models', () => {
  const home = tempHome();
  const env = { SMA_HOME: home };
  let classifier: Record<string, unknown>;

  beforeAll(() => {
    const result = runSma(['train', WINE, '--target', 'target', '--model', 'logistic', '--name', 'wine model', '--json'], { env });
    expect(result.stderr).not.toMatch(/Error/);
    classifier = JSON.parse(result.stdout);
  });

  it('prints the contract JSON for a classifier', () => {
    expect(Object.keys(classifier)).toEqual(expect.arrayContaining(['model_id', 'name', 'type', 'task', 'target', 'features', 'metrics', 'duration_ms']));
    expect(classifier).toMatchObject({ name: 'wine model', type: 'logistic', task: 'classification', target: 'target' });
    expect(Object.keys(classifier.metrics as object)).toEqual(expect.arrayContaining(['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss', 'confusion_matrix']));
    expect((classifier.metrics as { accuracy: number }).accuracy).toBeGreaterThan(0.9);
    expect(classifier.features).toContain('alcohol');
  });

  it('prints the regression metrics and versions a reused name', () => {
    const first = JSON.parse(runSma(['train', DIABETES, '--target', 'target', '--model', 'ridge', '--name', 'diabetes', '--json'], { env }).stdout);
    expect(Object.keys(first.metrics)).toEqual(expect.arrayContaining(['r2', 'rmse', 'mae', 'mse', 'explained_variance']));
    const second = JSON.parse(runSma(['train', DIABETES, '--target', 'target', '--model', 'lasso', '--param', 'alpha=0.1', '--name', 'diabetes', '--json'], { env }).stdout);
    expect([first.version, second.version]).toEqual([1, 2]);
    const shown = JSON.parse(runSma(['models', 'show', 'diabetes', '--json'], { env }).stdout);
    expect(shown.model_id).toBe(second.model_id);
    expect(shown.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('predicts to a CSV keeping the input columns and row order, with probabilities', () => {
    const out = join(home, 'pred.csv');
    const result = runSma(['predict', String(classifier.model_id), WINE, '--out', out, '--proba', '--json'], { env });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ model_id: classifier.model_id, rows: 178, out });
    const input = csvRows(WINE);
    const output = csvRows(out);
    expect(output[0]).toEqual([...input[0], 'target_predicted', 'target_proba_class_0', 'target_proba_class_1', 'target_proba_class_2']);
    expect(output).toHaveLength(input.length);
    for (const i of [1, 50, 100, 178]) expect(Number(output[i][0])).toBeCloseTo(Number(input[i][0]), 10);
    const probabilities = output.slice(1).map((row) => row.slice(-3).map(Number));
    for (const p of probabilities) expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
  });

  it('refuses data missing required features, listing them; ignores extra columns', () => {
    const partial = join(home, 'partial.csv');
    const rows = csvRows(WINE);
    writeFileSync(partial, rows.map((r) => [...r.slice(2), 'extra'].join(',')).join('\n'));
    const result = runSma(['predict', 'wine model', partial, '--json'], { env });
    expect(result.status).toBe(1);
    const error = JSON.parse(result.stdout);
    expect(error).toMatchObject({ error_code: 4002, error_class: 'PredictionError' });
    expect(error.details.missing).toEqual(['alcohol', 'malic_acid']);
    const extra = join(home, 'extra.csv');
    writeFileSync(extra, rows.map((r, i) => [...r, i === 0 ? 'note' : 'x'].join(',')).join('\n'));
    expect(runSma(['predict', 'wine model', extra, '--json'], { env }).status).toBe(0);
  });

  it('gives located errors for bad training input and keeps nothing of it', () => {
    const before = JSON.parse(runSma(['models', '--json'], { env }).stdout).models.length;
    const bad = runSma(['train', WINE, '--target', 'colour', '--json'], { env });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error_code: 3002, details: { target: 'colour' } });
    const ragged = join(home, 'ragged.csv');
    writeFileSync(ragged, 'a,b,y\n1,2,3\n4,5\n6,7,8\n');
    const located = runSma(['train', ragged, '--target', 'y'], { env });
    expect(located.status).toBe(1);
    expect(located.stderr).toMatch(/ragged\.csv/);
    expect(located.stderr).toMatch(/row/i);
    expect(runSma(['train', join(home, 'nope.csv'), '--target', 'y'], { env }).stderr).toMatch(/Error 2101/);
    expect(runSma(['train', WINE, '--target', 'target', '--model', 'magic', '--json'], { env }).stdout).toMatch(/"error_code":3003/);
    expect(JSON.parse(runSma(['models', '--json'], { env }).stdout).models.length).toBe(before);
  });

  it('lists, shows and deletes models with their files', () => {
    const list = JSON.parse(runSma(['models', '--json'], { env }).stdout);
    expect(list.models.map((m: { name: string }) => m.name)).toContain('wine model');
    const deleted = runSma(['models', 'delete', String(classifier.model_id), '--json'], { env });
    expect(JSON.parse(deleted.stdout).files).toBeGreaterThan(1);
    expect(existsSync(join(home, 'storage', 'users'))).toBe(true);
    const shown = runSma(['models', 'show', String(classifier.model_id), '--json'], { env });
    expect(JSON.parse(shown.stdout).error_code).toBe(4003);
    const jobs = JSON.parse(runSma(['jobs', '--json'], { env }).stdout).jobs;
    expect(jobs.every((j: { state: string }) => j.state === 'succeeded')).toBe(true);
  });
});
