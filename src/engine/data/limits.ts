/**
 * Upload limits, passed in by the caller (they come from config: limits.max_file_mb, max_rows,
 * max_columns). Checked as early as possible so an oversized file fails before it is parsed.
 */
import { DataFileError } from '../../core/errors.ts';

export interface DataLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
  readonly maxColumns: number;
}

export const DEFAULT_LIMITS: DataLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxRows: 10_000_000,
  maxColumns: 2_000,
};

export function resolveLimits(partial: Partial<DataLimits> | undefined): DataLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

export function checkBytes(file: string, bytes: number, limits: DataLimits): void {
  if (bytes > limits.maxBytes) {
    throw new DataFileError(
      'FILE_TOO_LARGE',
      `${file} is ${formatMb(bytes)}, over the limit of ${formatMb(limits.maxBytes)}.`,
      { details: { file, bytes, max_bytes: limits.maxBytes } },
    );
  }
}

export function checkColumns(file: string, columns: number, limits: DataLimits): void {
  if (columns > limits.maxColumns) {
    throw new DataFileError(
      'TOO_MANY_COLUMNS',
      `${file} has ${columns} columns, over the limit of ${limits.maxColumns}.`,
      { details: { file, columns, max_columns: limits.maxColumns } },
    );
  }
}

export function checkRows(file: string, rows: number, limits: DataLimits): void {
  if (rows > limits.maxRows) {
    throw new DataFileError(
      'TOO_MANY_ROWS',
      `${file} has ${rows} data rows, over the limit of ${limits.maxRows}.`,
      { details: { file, rows, max_rows: limits.maxRows } },
    );
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
