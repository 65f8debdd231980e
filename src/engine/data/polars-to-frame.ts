/**
 * Engine table (nodejs-polars) → our DataFrame of typed arrays, inferring each column's kind.
 * Numeric conversion runs as one native select over all numeric columns; string columns are
 * dictionary-encoded natively (categorical codes) and their kind is decided on the dictionary
 * alone, so per-row JS work is a single pass over an Int32Array.
 */
import pl from 'nodejs-polars';
import type { Column, DataFrame, NumericColumn, StringColumn } from './frame.ts';
import {
  MISSING_TOKENS,
  allIntegral,
  booleanToken,
  classifyIntegers,
  classifyStrings,
  numberToken,
} from './infer-schema.ts';
import { DataFileError } from '../../core/errors.ts';

export interface ConvertOptions {
  readonly file: string;
  /** Accept "2,5" as 2.5 in text columns (semicolon-separated European exports). */
  readonly decimalComma?: boolean;
}

type Family = 'boolean' | 'integer' | 'float' | 'datetime' | 'string';

const INTEGER_VARIANTS = new Set(['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64']);
const FLOAT_VARIANTS = new Set(['Float32', 'Float64', 'Decimal']);

function familyOf(file: string, series: pl.Series): Family {
  const variant = series.dtype.variant;
  if (variant === 'Bool') return 'boolean';
  if (INTEGER_VARIANTS.has(variant)) return 'integer';
  if (FLOAT_VARIANTS.has(variant)) return 'float';
  if (variant === 'Date' || variant === 'Datetime') return 'datetime';
  if (variant === 'String' || variant === 'Utf8' || variant === 'Categorical' || variant === 'Null') return 'string';
  throw new DataFileError('MALFORMED_FILE', `${file}: column "${series.name}" holds nested values (${String(series.dtype)}), which a table cannot hold.`, {
    details: { file, column: series.name, type: String(series.dtype) },
    recovery: 'Flatten nested objects/lists into plain columns before uploading.',
  });
}

/** Output columns are aliased n0, n1… / c0, c1… so odd source names never clash. */
function numericExpr(name: string, family: Family, k: number): pl.Expr {
  const col = pl.col(name);
  const asFloat = family === 'datetime' ? col.cast(pl.Datetime('ms')).toPhysical().cast(pl.Float64) : col.cast(pl.Float64);
  return asFloat.fillNull(Number.NaN).alias(`n${k}`);
}

function physicalCodesExpr(name: string, k: number): pl.Expr {
  return pl.col(name).cast(pl.Utf8).cast(pl.Categorical).toPhysical().cast(pl.Int32).fillNull(-1).cast(pl.Int32).alias(`c${k}`);
}


function validFromNaN(values: Float64Array): Uint8Array {
  const valid = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) valid[i] = values[i] === values[i] ? 1 : 0;
  return valid;
}

export interface Converted {
  readonly frame: DataFrame;
  /** Things the reader fixed up that the user should know about (values read as missing…). */
  readonly warnings: string[];
}

export function polarsToFrame(df: pl.DataFrame, options: ConvertOptions): Converted {
  const warnings: string[] = [];
  const nRows = df.height;
  const series = df.getColumns();
  const families = series.map((s) => familyOf(options.file, s));
  // One native select per family: the engine converts all columns in parallel.
  const numericIdx = families.flatMap((f, j) => (f === 'string' ? [] : [j]));
  const numeric = numericIdx.length > 0 ? df.select(...numericIdx.map((j, k) => numericExpr(series[j].name, families[j], k))) : undefined;
  const stringIdx = families.flatMap((f, j) => (f === 'string' && series[j].nullCount() < nRows ? [j] : []));
  const physical = stringIdx.length > 0 ? df.select(...stringIdx.map((j, k) => physicalCodesExpr(series[j].name, k))) : undefined;

  let n = 0;
  let m = 0;
  const names = columnNames(series.map((s) => s.name));
  const columns: Column[] = series.map((s, j) => {
    const family = families[j];
    if (family === 'string') {
      const codes = s.nullCount() < nRows ? (physical!.getColumn(`c${m++}`).toTypedArray() as Int32Array) : undefined;
      return { ...stringColumn(s, codes, nRows, options, warnings), name: names[j] };
    }
    const values = numeric!.getColumn(`n${n++}`).toTypedArray() as Float64Array;
    // Floats may hold NaN without a null (Parquet, JSON): those are missing values too.
    const valid = s.nullCount() === 0 && family !== 'float' ? new Uint8Array(nRows).fill(1) : validFromNaN(values);
    return numericColumn(names[j], family, values, valid);
  });
  return { frame: { nRows, columns }, warnings };
}

/**
 * Blank header cells become column_<position>; the engine's "_duplicated_0" suffixes for
 * repeated blanks are treated as blank too. Other names are kept exactly (users type them).
 */
function columnNames(raw: readonly string[]): string[] {
  const taken = new Set(raw);
  return raw.map((name, j) => {
    if (name.trim() !== '' && !/^_duplicated_\d+$/.test(name)) return name;
    let candidate = `column_${j + 1}`;
    while (taken.has(candidate)) candidate = `${candidate}_`;
    taken.add(candidate);
    return candidate;
  });
}

function numericColumn(name: string, family: Exclude<Family, 'string'>, values: Float64Array, valid: Uint8Array): NumericColumn {
  if (!valid.includes(1)) return { name, kind: 'numeric', values, valid, excludeReason: 'all values missing' };
  if (family === 'boolean') return { name, kind: 'boolean', values, valid };
  if (family === 'datetime') return { name, kind: 'datetime', values, valid };
  if (family === 'integer' || allIntegral(values, valid)) {
    const decision = classifyIntegers(name, values, valid);
    return { name, kind: decision.kind, values, valid, ...(decision.reason === undefined ? {} : { excludeReason: decision.reason }) };
  }
  return { name, kind: 'numeric', values, valid };
}

const MISSING = new Set(MISSING_TOKENS);

/** Dense codes (first-appearance order) and the matching dictionary, missing tokens removed. */
function encode(s: pl.Series, physical: Int32Array | undefined, nRows: number): { codes: Int32Array; dictionary: string[] } {
  const codes = new Int32Array(nRows).fill(-1);
  if (physical === undefined) return { codes, dictionary: [] };
  // Categorical codes are global to the process; remap them to 0..k-1 for this column.
  let max = 0;
  for (let i = 0; i < nRows; i++) if (physical[i] > max) max = physical[i];
  const firstRow: number[] = [];
  if (max < 1 << 24) {
    const remap = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < nRows; i++) {
      const p = physical[i];
      if (p < 0) continue;
      let c = remap[p];
      if (c < 0) {
        c = remap[p] = firstRow.length;
        firstRow.push(i);
      }
      codes[i] = c;
    }
  } else {
    const remap = new Map<number, number>();
    for (let i = 0; i < nRows; i++) {
      const p = physical[i];
      if (p < 0) continue;
      let c = remap.get(p);
      if (c === undefined) {
        c = firstRow.length;
        remap.set(p, c);
        firstRow.push(i);
      }
      codes[i] = c;
    }
  }
  const raw = s.cast(pl.Utf8).gather(firstRow).toArray() as string[];
  if (!raw.some((v) => MISSING.has(v))) return { codes, dictionary: raw };
  // Sources without a null-token option (XLSX, JSON, Parquet) still hold "NA", "?"…: drop them.
  const dense = new Int32Array(raw.length);
  const dictionary: string[] = [];
  raw.forEach((v, k) => {
    dense[k] = MISSING.has(v) ? -1 : dictionary.push(v) - 1;
  });
  for (let i = 0; i < nRows; i++) if (codes[i] >= 0) codes[i] = dense[codes[i]];
  return { codes, dictionary };
}

function lookup(codes: Int32Array, table: Float64Array): { values: Float64Array; valid: Uint8Array } {
  const values = new Float64Array(codes.length);
  const valid = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    const v = c >= 0 ? table[c] : Number.NaN;
    values[i] = v;
    valid[i] = v === v ? 1 : 0;
  }
  return { values, valid };
}

function stringColumn(s: pl.Series, physical: Int32Array | undefined, nRows: number, options: ConvertOptions, warnings: string[]): Column {
  const name = s.name;
  const { codes, dictionary } = encode(s, physical, nRows);
  const k = dictionary.length;
  if (k === 0) {
    return { name, kind: 'numeric', values: new Float64Array(nRows).fill(Number.NaN), valid: new Uint8Array(nRows), excludeReason: 'all values missing' };
  }
  const asBool = mapAll(dictionary, (v) => booleanToken(v));
  if (asBool !== undefined) return { name, kind: 'boolean', ...lookup(codes, asBool) };
  const asNumber = mapAll(dictionary, (v) => numberToken(v, options.decimalComma === true));
  if (asNumber !== undefined) {
    const { values, valid } = lookup(codes, asNumber);
    return numericColumn(name, 'float', values, valid);
  }
  const mostly = mostlyNumbers(dictionary, codes, options.decimalComma === true);
  if (mostly !== undefined) {
    const shown = mostly.bad.map((v) => JSON.stringify(v)).join(', ');
    warnings.push(`column "${name}": ${mostly.badRows} non-numeric value(s) (${shown}, first on data row ${mostly.firstRow + 1}) read as missing`);
    const { values, valid } = lookup(codes, mostly.table);
    return numericColumn(name, 'float', values, valid);
  }
  const asDate = parseDates(dictionary);
  if (asDate !== undefined) return { name, kind: 'datetime', ...lookup(codes, asDate) };

  const valid = new Uint8Array(nRows);
  let nonMissing = 0;
  for (let i = 0; i < nRows; i++) if (codes[i] >= 0) {
    valid[i] = 1;
    nonMissing++;
  }
  let length = 0;
  let spaces = 0;
  for (const v of dictionary) {
    length += v.length;
    if (/\s/.test(v.trim())) spaces++;
  }
  const decision = classifyStrings({ name, nonMissing, distinct: k, meanLength: length / k, withSpaces: spaces / k });
  const column: StringColumn = { name, kind: decision.kind, codes, dictionary, valid, ...(decision.reason === undefined ? {} : { excludeReason: decision.reason }) };
  return column;
}

function mapAll(dictionary: readonly string[], f: (v: string) => number | undefined): Float64Array | undefined {
  const out = new Float64Array(dictionary.length);
  for (let k = 0; k < dictionary.length; k++) {
    const v = f(dictionary[k]);
    if (v === undefined) return undefined;
    out[k] = v;
  }
  return out;
}

/**
 * A number column spoiled by a few stray tokens ("n/a ", "#REF!", "oops"): at most 5 distinct
 * bad values covering at most 1 % of the rows. They become missing, with a warning.
 */
function mostlyNumbers(dictionary: readonly string[], codes: Int32Array, decimalComma: boolean): { table: Float64Array; bad: string[]; badRows: number; firstRow: number } | undefined {
  const table = new Float64Array(dictionary.length);
  const bad: number[] = [];
  for (let k = 0; k < dictionary.length; k++) {
    const v = numberToken(dictionary[k], decimalComma);
    if (v === undefined) {
      bad.push(k);
      if (bad.length > 5) return undefined;
      table[k] = Number.NaN;
    } else table[k] = v;
  }
  if (bad.length === 0 || bad.length === dictionary.length) return undefined;
  let badRows = 0;
  let present = 0;
  let firstRow = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    present++;
    if (table[c] !== table[c]) {
      badRows++;
      if (firstRow < 0) firstRow = i;
    }
  }
  if (present - badRows < 20 || badRows > Math.max(1, present * 0.01)) return undefined;
  return { table, bad: bad.map((k) => dictionary[k]), badRows, firstRow };
}

const DATE_LIKE = /^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?\s*$/;
const DATE_FORMATS = [
  '%Y-%m-%d',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%dT%H:%M',
  '%Y-%m-%d %H:%M:%S%.f',
  '%Y-%m-%dT%H:%M:%S%.f',
  '%Y-%m-%dT%H:%M:%S%.fZ',
  '%Y-%m-%dT%H:%M:%SZ',
  '%Y/%m/%d',
  '%d/%m/%Y',
  '%m/%d/%Y',
  '%d.%m.%Y',
  '%d-%m-%Y',
];

/** Milliseconds per dictionary entry when one date format parses every entry. */
function parseDates(dictionary: readonly string[]): Float64Array | undefined {
  if (!dictionary.every((v) => DATE_LIKE.test(v))) return undefined;
  const series = pl.Series('d', dictionary as string[]);
  for (const format of DATE_FORMATS) {
    let parsed: (Date | null)[];
    try {
      parsed = series.str.strptime(pl.Datetime('ms'), format).toArray() as (Date | null)[];
    } catch {
      continue;
    }
    if (parsed.every((d) => d !== null)) return Float64Array.from(parsed, (d) => (d as Date).getTime());
  }
  return undefined;
}
