/**
 * The in-memory table every engine module exchanges: one typed array per column.
 *
 * Numbers (and booleans, dates) live in Float64Array with NaN where a value is missing and a
 * validity mask beside it; strings are dictionary-encoded (Int32Array codes, -1 = missing) so
 * encoders and splitters never touch a JS string in a hot loop.
 */

/** What a column holds, as inferred from its values (see schema inference). */
export type ColumnKind =
  | 'numeric' // real numbers
  | 'integer' // whole numbers
  | 'boolean' // 0/1 (true/false, yes/no…)
  | 'datetime' // milliseconds since the Unix epoch, UTC
  | 'categorical' // a small set of repeated strings
  | 'text' // free text: high-cardinality strings, excluded from features by default
  | 'id'; // identifiers (unique strings or monotonic integers), excluded from features by default

/** 'id' here is a monotonic or unique integer identifier kept as numbers (excluded from features). */
export type NumericKind = 'numeric' | 'integer' | 'boolean' | 'datetime' | 'id';
export type StringKind = 'categorical' | 'text' | 'id';

export interface NumericColumn {
  readonly name: string;
  readonly kind: NumericKind;
  /** One value per row; NaN where missing. */
  readonly values: Float64Array;
  /** 1 where a value is present, 0 where missing. */
  readonly valid: Uint8Array;
  /** Set when the column should not be used as a feature by default, with the reason. */
  readonly excludeReason?: string;
}

export interface StringColumn {
  readonly name: string;
  readonly kind: StringKind;
  /** Index into `dictionary` per row; -1 where missing. */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  /** 1 where a value is present, 0 where missing. */
  readonly valid: Uint8Array;
  /** Set when the column should not be used as a feature by default, with the reason. */
  readonly excludeReason?: string;
}

export type Column = NumericColumn | StringColumn;

export interface DataFrame {
  readonly nRows: number;
  readonly columns: readonly Column[];
}

export function isNumericColumn(column: Column): column is NumericColumn {
  return 'values' in column;
}

export function columnByName(frame: DataFrame, name: string): Column | undefined {
  return frame.columns.find((c) => c.name === name);
}

/** Kinds never used as model features unless the caller asks for them explicitly. */
export const NON_FEATURE_KINDS: readonly ColumnKind[] = ['text', 'id'];

/** Whether a column is a default feature candidate (not text/id, not flagged by inference). */
export function isDefaultFeature(column: Column): boolean {
  return column.excludeReason === undefined && !NON_FEATURE_KINDS.includes(column.kind);
}
