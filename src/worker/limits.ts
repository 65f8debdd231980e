import type { DataLimits } from '../engine/data/limits.ts';

/** The config's limits (as carried in a job spec) in the data engine's terms. */
export function dataLimits(limits: { max_file_mb: number; max_rows: number; max_columns: number }): DataLimits {
  return { maxBytes: Math.round(limits.max_file_mb * 1024 * 1024), maxRows: limits.max_rows, maxColumns: limits.max_columns };
}
