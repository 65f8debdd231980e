/**
 * Target column → y. Regression needs numbers; classification maps labels to class indices
 * 0..k−1 in sorted label order (numbers numerically, strings by code point, like sklearn's
 * LabelEncoder) and keeps the labels so predictions can be turned back into them.
 */
import { isNumericColumn, type Column } from '../../data/frame.ts';
import { TrainingError } from '../../../core/errors.ts';
import type { Task } from '../estimator.ts';
import { categoryIndices, numberLabel, numericValues } from './column-access.ts';

export interface EncodedTarget {
  /** Target per frame row; NaN where missing (those rows are not trained on). */
  readonly y: Float64Array;
  readonly classes?: string[];
}

// One rule for the task, shared with schema inference (engine/data/target.ts).
export { inferTask, MAX_CLASSES_FOR_INTEGER_TARGET } from '../../data/target.ts';

export function encodeTarget(column: Column, task: Task): EncodedTarget {
  if (task === 'regression') {
    if (!isNumericColumn(column)) {
      for (let i = 0; i < column.codes.length; i++) {
        const code = column.codes[i];
        if (code >= 0 && !Number.isFinite(Number(column.dictionary[code]))) {
          throw new TrainingError('INVALID_TARGET', `Target "${column.name}" has a non-numeric value "${column.dictionary[code]}" (row ${i + 1}); regression needs numbers — use classification for labels`, {
            details: { target: column.name, row: i + 1, value: column.dictionary[code] },
          });
        }
      }
    }
    const values = numericValues(column);
    let present = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present++;
    if (present === 0) {
      throw new TrainingError('INVALID_TARGET', `Target "${column.name}" has no numeric values; regression needs a numeric target`, {
        details: { target: column.name, kind: column.kind },
      });
    }
    return { y: values };
  }
  const classes = targetClasses(column);
  if (classes.length < 2) {
    throw new TrainingError('INVALID_TARGET', `Target "${column.name}" has ${classes.length} distinct value(s); classification needs at least two`, {
      details: { target: column.name, classes },
    });
  }
  return { y: labelsToIndices(column, classes), classes };
}

function targetClasses(column: Column): string[] {
  if (isNumericColumn(column)) {
    const distinct = new Set<number>();
    for (let i = 0; i < column.values.length; i++) if (!Number.isNaN(column.values[i])) distinct.add(column.values[i]);
    return [...distinct].sort((a, b) => a - b).map(numberLabel);
  }
  const used = new Set<number>();
  for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0) used.add(column.codes[i]);
  return [...new Set([...used].map((c) => column.dictionary[c]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Class index per row, NaN where missing or not one of `classes`. */
export function labelsToIndices(column: Column, classes: readonly string[]): Float64Array {
  const idx = categoryIndices(column, classes);
  const y = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) y[i] = idx[i] >= 0 ? idx[i] : Number.NaN;
  return y;
}
