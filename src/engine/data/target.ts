/**
 * Which column is probably the target (from its name, else the last usable column) and which
 * task it implies. Both are suggestions: callers pass their own target/task to override.
 */
import type { Column, DataFrame } from './frame.ts';
import { isDefaultFeature, isNumericColumn } from './frame.ts';

export type Task = 'classification' | 'regression';

/** Name hints in priority order (matched on lower-case words of the column name). */
export const TARGET_NAME_HINTS: readonly string[] = [
  'target', 'label', 'class', 'y', 'outcome', 'churn', 'price', 'sales', 'response', 'survived',
  'default', 'fraud', 'revenue', 'saleprice', 'quantity', 'result', 'score', 'demand',
];

/** Distinct integer values at or below which a numeric target is treated as class labels. */
export const MAX_CLASSES_FOR_INTEGER_TARGET = 20;

export interface TargetSuggestion {
  readonly name: string;
  readonly reason: string;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

export function suggestTarget(frame: DataFrame): TargetSuggestion | undefined {
  const usable = frame.columns.filter((c) => c.kind !== 'text' && c.kind !== 'id' && c.excludeReason === undefined);
  for (const hint of TARGET_NAME_HINTS) {
    const exact = usable.find((c) => c.name.trim().toLowerCase() === hint);
    if (exact !== undefined) return { name: exact.name, reason: `column name "${exact.name}" is a usual target name` };
  }
  for (const hint of TARGET_NAME_HINTS) {
    if (hint.length < 3) continue; // "y" inside words (e.g. "day_of_year") says nothing
    const partial = usable.find((c) => words(c.name).includes(hint));
    if (partial !== undefined) return { name: partial.name, reason: `column name "${partial.name}" contains "${hint}"` };
  }
  const last = usable.at(-1);
  return last === undefined ? undefined : { name: last.name, reason: 'last usable column' };
}

/** Classification for text/boolean targets or whole numbers with few distinct values, else regression. */
export function inferTask(column: Column): Task {
  if (!isNumericColumn(column)) return 'classification';
  if (column.kind === 'boolean') return 'classification';
  const { values, valid } = column;
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    if (valid[i] === 0) continue;
    const v = values[i];
    if (!Number.isInteger(v)) return 'regression';
    seen.add(v);
    if (seen.size > MAX_CLASSES_FOR_INTEGER_TARGET) return 'regression';
  }
  return 'classification';
}

/** Default features: every usable column except the target. */
export function defaultFeatures(frame: DataFrame, target: string | undefined): string[] {
  return frame.columns.filter((c) => c.name !== target && isDefaultFeature(c)).map((c) => c.name);
}
