/**
 * The rules that turn a column's values into a kind (numeric, integer, boolean, datetime,
 * categorical, text, id) and decide which columns are excluded from features by default.
 * Pure functions over typed arrays and dictionaries, so they are cheap and easy to test.
 */
import type { Column, ColumnKind, DataFrame } from './frame.ts';
import { isNumericColumn } from './frame.ts';

/** Cells equal to one of these (exactly) are missing values. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NaN', '?', '-'];

const TRUE_TOKENS = new Set(['true', 't', 'yes', 'y']);
const FALSE_TOKENS = new Set(['false', 'f', 'no', 'n']);

/** 1 / 0 for a boolean word (case-insensitive), undefined otherwise. */
export function booleanToken(token: string): 0 | 1 | undefined {
  const t = token.trim().toLowerCase();
  if (TRUE_TOKENS.has(t)) return 1;
  if (FALSE_TOKENS.has(t)) return 0;
  return undefined;
}

const NUMBER_RE = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const DECIMAL_COMMA_RE = /^\s*[-+]?\d+,\d+\s*$/;

/** A number written as text ("12.5", " 3 ", "1e-3", and "2,5" when decimalComma). */
export function numberToken(token: string, decimalComma: boolean): number | undefined {
  if (NUMBER_RE.test(token)) return Number(token);
  if (decimalComma && DECIMAL_COMMA_RE.test(token)) return Number(token.replace(',', '.'));
  return undefined;
}

const ID_NAME_RE = /(^|[_\s.-])(id|uuid|guid)$|^(id|uuid|guid)([_\s.-]|$)|^(index|idx|row_?(id|num|number)?|#)$/i;
const CAMEL_ID_RE = /[a-z0-9](Id|ID|Uuid|UUID)$/; // userId, orderID (case matters: "paid" is not an id)

export function looksLikeIdName(name: string): boolean {
  const n = name.trim();
  return ID_NAME_RE.test(n) || CAMEL_ID_RE.test(n);
}

export interface StringStats {
  readonly name: string;
  readonly nonMissing: number;
  readonly distinct: number;
  /** Mean length of the distinct values. */
  readonly meanLength: number;
  /** Share of distinct values that contain whitespace. */
  readonly withSpaces: number;
}

export interface KindDecision<K extends ColumnKind = ColumnKind> {
  readonly kind: K;
  /** Why the column is excluded from features by default, when it is. */
  readonly reason?: string;
}

/** Categorical unless the values are (nearly) unique per row: then id (short) or text (long). */
export function classifyStrings(s: StringStats): KindDecision<'categorical' | 'text' | 'id'> {
  if (s.nonMissing >= 20 && s.distinct === s.nonMissing && (s.withSpaces < 0.5 || looksLikeIdName(s.name))) {
    return { kind: 'id', reason: `unique value on every row (${s.distinct} distinct): looks like an identifier` };
  }
  if (s.distinct > 50 && s.distinct > 0.5 * s.nonMissing) {
    return { kind: 'text', reason: `high-cardinality text (${s.distinct} distinct of ${s.nonMissing} values)` };
  }
  if (s.distinct > 20 && s.meanLength > 50 && s.withSpaces > 0.5) {
    return { kind: 'text', reason: `free text (mean length ${Math.round(s.meanLength)} characters)` };
  }
  return { kind: 'categorical' };
}

/**
 * Whole numbers: boolean when only 0/1, id when strictly increasing by a constant step (1, 2, 3 …
 * or 10, 20, 30 …: a row number) or unique under an id-like name, integer otherwise.
 */
export function classifyIntegers(name: string, values: Float64Array, valid: Uint8Array): KindDecision<'integer' | 'boolean' | 'id'> {
  let present = 0;
  let only01 = true;
  let arithmetic = true;
  let previous = Number.NaN;
  let step = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (valid[i] === 0) {
      arithmetic = false;
      continue;
    }
    const v = values[i];
    present++;
    if (v !== 0 && v !== 1) only01 = false;
    if (arithmetic && present === 2) {
      step = v - previous;
      if (!(step > 0)) arithmetic = false;
    } else if (arithmetic && present > 2 && v - previous !== step) {
      arithmetic = false;
    }
    previous = v;
  }
  if (present > 0 && only01) return { kind: 'boolean' };
  if (present >= 20 && arithmetic) return { kind: 'id', reason: `increasing by ${step} on every row: looks like a row number` };
  if (present >= 20 && looksLikeIdName(name) && allDistinct(values, valid)) {
    return { kind: 'id', reason: 'unique integers under an id-like name' };
  }
  return { kind: 'integer' };
}

function allDistinct(values: Float64Array, valid: Uint8Array): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    if (valid[i] === 0) continue;
    if (seen.has(values[i])) return false;
    seen.add(values[i]);
  }
  return true;
}

/** True when every present value is a whole number that a double holds exactly. */
export function allIntegral(values: Float64Array, valid: Uint8Array): boolean {
  for (let i = 0; i < values.length; i++) {
    if (valid[i] === 0) continue;
    const v = values[i];
    if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) return false;
  }
  return true;
}

export interface ColumnSchema {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly missing: number;
  /** Distinct non-missing values, known for string-backed columns. */
  readonly distinct?: number;
  readonly excluded: boolean;
  readonly reason?: string;
}

export function countMissing(valid: Uint8Array): number {
  let missing = 0;
  for (let i = 0; i < valid.length; i++) missing += 1 - valid[i];
  return missing;
}

export function schemaOf(column: Column): ColumnSchema {
  const missing = countMissing(column.valid);
  const excluded = column.excludeReason !== undefined || column.kind === 'text' || column.kind === 'id';
  return {
    name: column.name,
    kind: column.kind,
    missing,
    ...(isNumericColumn(column) ? {} : { distinct: column.dictionary.length }),
    excluded,
    ...(excluded ? { reason: column.excludeReason ?? column.kind } : {}),
  };
}

export function frameSchema(frame: DataFrame): ColumnSchema[] {
  return frame.columns.map(schemaOf);
}
