/**
 * The schema a caller sees: each column's kind and missing count, which columns are excluded
 * and why, the suggested (or chosen) target and task, and the default feature list.
 */
import { TrainingError } from '../../core/errors.ts';
import { columnByName, type DataFrame } from './frame.ts';
import { frameSchema, type ColumnSchema } from './infer-schema.ts';
import { defaultFeatures, inferTask, suggestTarget, type Task } from './target.ts';

export interface DatasetSchema {
  readonly nRows: number;
  readonly columns: readonly ColumnSchema[];
  readonly target?: string;
  /** Why this target: "chosen by the caller" or the suggestion's reason. */
  readonly targetReason?: string;
  readonly task?: Task;
  readonly taskReason?: string;
  readonly features: readonly string[];
}

export interface SchemaOptions {
  /** Overrides the suggested target. */
  readonly target?: string;
  /** Overrides the inferred task. */
  readonly task?: Task;
}

export function buildSchema(frame: DataFrame, options: SchemaOptions = {}): DatasetSchema {
  const columns = frameSchema(frame);
  let target: string | undefined;
  let targetReason: string | undefined;
  if (options.target !== undefined) {
    if (columnByName(frame, options.target) === undefined) {
      throw new TrainingError('INVALID_TARGET', `There is no column named "${options.target}".`, {
        details: { target: options.target, columns: frame.columns.map((c) => c.name) },
        recovery: 'Choose one of the columns listed in details.',
      });
    }
    target = options.target;
    targetReason = 'chosen by the caller';
  } else {
    const suggestion = suggestTarget(frame);
    target = suggestion?.name;
    targetReason = suggestion?.reason;
  }
  const targetColumn = target === undefined ? undefined : columnByName(frame, target);
  let task: Task | undefined;
  let taskReason: string | undefined;
  if (options.task !== undefined) {
    task = options.task;
    taskReason = 'chosen by the caller';
  } else if (targetColumn !== undefined) {
    task = inferTask(targetColumn);
    taskReason =
      task === 'regression'
        ? 'numeric target with many distinct values'
        : targetColumn.kind === 'categorical' || targetColumn.kind === 'boolean'
          ? `${targetColumn.kind} target`
          : 'whole-number target with at most 20 distinct values';
  }
  return {
    nRows: frame.nRows,
    columns,
    ...(target === undefined ? {} : { target, targetReason }),
    ...(task === undefined ? {} : { task, taskReason }),
    features: defaultFeatures(frame, target),
  };
}
