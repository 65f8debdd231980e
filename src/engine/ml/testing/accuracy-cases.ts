/**
 * Runs the accuracy acceptance cases (test/fixtures/datasets/accuracy-cases.json) with our
 * engine: train on the rows marked split=train, score on split=test, default parameters.
 * Shared by accuracy.test.ts and bench/accuracy.bench.ts; the caller reads the files.
 */
import { columnByName, isNumericColumn, type DataFrame } from '../../data/frame.ts';
import type { Task } from '../estimator.ts';
import { trainModel } from '../train.ts';
import { frameFromCsv } from './frames.ts';

export interface AccuracyCase {
  /** Row label in the table, e.g. "decision_tree(max_depth=5,min_samples_leaf=10)". */
  readonly id: string;
  readonly model: string;
  readonly params?: Record<string, unknown>;
  /** sklearn is run with random_state 0..n-1 and its score range kept. */
  readonly random_states?: number;
}

export interface AccuracyCases {
  readonly tolerance: number;
  readonly datasets: Record<string, { readonly file: string; readonly target: string; readonly task: Task }>;
  readonly cases: Record<Task, readonly AccuracyCase[]>;
}

/** dataset → case id → score. */
export type Scores = Record<string, Record<string, number>>;

/** sklearn's score with random_state 0 and its range over the case's random states. */
export interface ReferenceScore {
  readonly score: number;
  readonly min: number;
  readonly max: number;
}
export type ReferenceScores = Record<string, Record<string, ReferenceScore>>;

/** Within tolerance of sklearn: of its score, or of its range when sklearn itself varies with random_state. */
export function withinTolerance(ours: number, reference: ReferenceScore, tolerance: number): boolean {
  return ours >= reference.min - tolerance - 1e-12 && ours <= reference.max + tolerance + 1e-12;
}

export function testRowsOf(frame: DataFrame): number[] {
  const split = columnByName(frame, 'split');
  if (!split || isNumericColumn(split)) throw new Error('dataset has no split column');
  const testCode = split.dictionary.indexOf('test');
  const rows: number[] = [];
  for (let i = 0; i < frame.nRows; i++) if (split.codes[i] === testCode) rows.push(i);
  return rows;
}

export async function runAccuracyCase(frame: DataFrame, target: string, task: Task, modelType: string, params?: Record<string, unknown>): Promise<number> {
  const features = frame.columns.map((c) => c.name).filter((n) => n !== target && n !== 'split');
  const { metrics } = await trainModel(frame, { target, task, modelType, params, features, testIndices: testRowsOf(frame) });
  return (task === 'classification' ? metrics.accuracy : metrics.r2) as number;
}

/** Our scores for every case; `readText(file)` returns a dataset file's contents. */
export async function runAccuracyCases(cases: AccuracyCases, readText: (file: string) => string, only?: readonly string[]): Promise<Scores> {
  const out: Scores = {};
  for (const [dataset, spec] of Object.entries(cases.datasets)) {
    if (only && only.length > 0 && !only.includes(dataset)) continue;
    const frame = frameFromCsv(readText(spec.file));
    out[dataset] = {};
    for (const c of cases.cases[spec.task]) out[dataset][c.id] = await runAccuracyCase(frame, spec.target, spec.task, c.model, c.params);
  }
  return out;
}
