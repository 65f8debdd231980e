/**
 * Everything `sma stats` (and the API/bot equivalents) show about a table, as one plain,
 * JSON-ready object: source, schema with exclusions, target/task, descriptive statistics and a
 * correlation matrix. Undefined numbers are null (JSON has no NaN).
 */
import type { TableRead } from './read-table.ts';
import { describe, isNumericSummary, type ColumnSummary } from './stats/describe.ts';
import { correlationMatrix, type CorrelationMethod } from './stats/correlation.ts';

export interface StatsReport {
  readonly file: string;
  readonly format: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly sheet?: string;
  readonly rows: number;
  readonly columns: number;
  readonly schema: ReadonlyArray<{ name: string; kind: string; missing: number; distinct: number | null; excluded: boolean; reason: string | null }>;
  readonly target: { name: string; reason: string } | null;
  readonly task: { name: string; reason: string } | null;
  readonly features: readonly string[];
  readonly describe: ReadonlyArray<Record<string, string | number | null>>;
  readonly correlation: { method: CorrelationMethod; columns: readonly string[]; matrix: (number | null)[][] };
  readonly warnings: readonly string[];
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

const iso = (v: number): string | null => (Number.isFinite(v) ? new Date(Math.round(v)).toISOString() : null);

function summaryRow(s: ColumnSummary): Record<string, string | number | null> {
  if (isNumericSummary(s) && s.kind === 'datetime') {
    // Dates are shown as ISO-8601; a standard deviation in milliseconds helps nobody.
    return {
      name: s.name, kind: s.kind, count: s.count, missing: s.missing, mean: iso(s.mean), std: null, min: iso(s.min),
      '25%': iso(s.q25), '50%': iso(s.q50), '75%': iso(s.q75), max: iso(s.max), unique: s.unique, top: null, freq: null,
    };
  }
  if (isNumericSummary(s)) {
    return {
      name: s.name, kind: s.kind, count: s.count, missing: s.missing, mean: num(s.mean), std: num(s.std), min: num(s.min),
      '25%': num(s.q25), '50%': num(s.q50), '75%': num(s.q75), max: num(s.max), unique: s.unique, top: null, freq: null,
    };
  }
  return {
    name: s.name, kind: s.kind, count: s.count, missing: s.missing, mean: null, std: null, min: null,
    '25%': null, '50%': null, '75%': null, max: null, unique: s.unique, top: s.top, freq: s.freq,
  };
}

export function statsReport(read: TableRead, method: CorrelationMethod = 'pearson'): StatsReport {
  const { frame, schema, source } = read;
  const corr = correlationMatrix(frame, method);
  const p = corr.columns.length;
  const matrix = Array.from({ length: p }, (_, i) => Array.from(corr.values.subarray(i * p, (i + 1) * p), num));
  return {
    file: source.file,
    format: source.format,
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
    ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
    ...(source.sheet === undefined ? {} : { sheet: source.sheet }),
    rows: frame.nRows,
    columns: frame.columns.length,
    schema: schema.columns.map((c) => ({ name: c.name, kind: c.kind, missing: c.missing, distinct: c.distinct ?? null, excluded: c.excluded, reason: c.reason ?? null })),
    target: schema.target === undefined ? null : { name: schema.target, reason: schema.targetReason ?? '' },
    task: schema.task === undefined ? null : { name: schema.task, reason: schema.taskReason ?? '' },
    features: schema.features,
    describe: describe(frame).map(summaryRow),
    correlation: { method, columns: corr.columns, matrix },
    warnings: read.warnings,
  };
}
