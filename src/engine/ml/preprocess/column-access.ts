/**
 * Reads a DataFrame column as numbers or as category strings whatever its stored kind, so a
 * prediction file whose reader guessed a different kind (e.g. "1","2" read as text) still works.
 */
import { isNumericColumn, type Column } from '../../data/frame.ts';

/** Numeric view: NaN where missing or not a number. */
export function numericValues(column: Column): Float64Array {
  if (isNumericColumn(column)) return column.values;
  const parsed = column.dictionary.map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
  const out = new Float64Array(column.codes.length);
  for (let i = 0; i < out.length; i++) {
    const code = column.codes[i];
    out[i] = code < 0 ? Number.NaN : parsed[code];
  }
  return out;
}

/** Canonical string of a number used as a category ("3", "2.5", "true" stays numeric 1). */
export function numberLabel(value: number): string {
  return String(value);
}

/**
 * Category index per row given the known categories: -1 missing, -2 unseen. Strings are mapped
 * once per dictionary entry (or distinct number), never per row.
 */
export function categoryIndices(column: Column, categories: readonly string[], out = new Int32Array(0)): Int32Array {
  const n = isNumericColumn(column) ? column.values.length : column.codes.length;
  const result = out.length === n ? out : new Int32Array(n);
  const index = new Map<string, number>();
  categories.forEach((c, i) => index.set(c, i));
  if (isNumericColumn(column)) {
    const cache = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const v = column.values[i];
      if (Number.isNaN(v) || column.valid[i] === 0) {
        result[i] = -1;
        continue;
      }
      let k = cache.get(v);
      if (k === undefined) {
        k = index.get(numberLabel(v)) ?? -2;
        cache.set(v, k);
      }
      result[i] = k;
    }
    return result;
  }
  const byCode = new Int32Array(column.dictionary.length);
  column.dictionary.forEach((s, code) => (byCode[code] = index.get(s) ?? -2));
  for (let i = 0; i < n; i++) {
    const code = column.codes[i];
    result[i] = code < 0 ? -1 : byCode[code];
  }
  return result;
}

/** Distinct category labels with their counts over the given rows. */
export function categoryCounts(column: Column, rows: ArrayLike<number>): Map<string, number> {
  const counts = new Map<string, number>();
  if (isNumericColumn(column)) {
    for (let t = 0; t < rows.length; t++) {
      const v = column.values[rows[t]];
      if (Number.isNaN(v) || column.valid[rows[t]] === 0) continue;
      const label = numberLabel(v);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return counts;
  }
  const byCode = new Float64Array(column.dictionary.length);
  for (let t = 0; t < rows.length; t++) {
    const code = column.codes[rows[t]];
    if (code >= 0) byCode[code]++;
  }
  column.dictionary.forEach((s, code) => {
    if (byCode[code] > 0) counts.set(s, (counts.get(s) ?? 0) + byCode[code]);
  });
  return counts;
}
