/**
 * CSV / TSV through the polars engine. We detect the delimiter, let the engine parse and infer,
 * and only scan the bytes ourselves when the engine reports trouble (or pads short rows), so a
 * bad record is reported with its line, row and column instead of being silently dropped.
 */
import pl from 'nodejs-polars';
import { DataFileError } from '../../../core/errors.ts';
import { MISSING_TOKENS } from '../infer-schema.ts';
import { checkColumns, type DataLimits } from '../limits.ts';
import { findStructureProblem, headerFieldCount, sniffDelimiter, type StructureProblem } from '../sniff-csv.ts';

export interface CsvReadOptions {
  readonly file: string;
  readonly limits: DataLimits;
  /** Forces the delimiter instead of detecting it. */
  readonly delimiter?: string;
  /** Preferred on ties (tab for .tsv). */
  readonly preferredDelimiter?: string;
}

export interface CsvRead {
  readonly df: pl.DataFrame;
  readonly delimiter: string;
}

/**
 * What to parse. A UTF-8 file on disk is handed to the engine by path (no 100 MB copy through
 * JS); `head` (the first few hundred KB) is enough for detection, and `all` loads the whole
 * text only when a bad record has to be located.
 */
export interface CsvInput {
  readonly head: Buffer;
  readonly source: string | Buffer;
  readonly all: () => Buffer;
}

export function csvInputFromBytes(text: Buffer): CsvInput {
  return { head: text.subarray(0, HEAD_BYTES), source: text, all: () => text };
}

export const HEAD_BYTES = 256 * 1024;

/** The engine refused the file's bytes as UTF-8: the caller should decode it and retry. */
export class NotUtf8Error extends Error {}

/** Rows the engine samples to infer column types before it parses the rest. */
const INFER_ROWS = 10_000;

export function readCsv(input: CsvInput, options: CsvReadOptions): CsvRead {
  const { file } = options;
  const { head } = input;
  if (head.toString('utf8').trim() === '') {
    throw new DataFileError('EMPTY_DATASET', `${file} is empty.`, { details: { file } });
  }
  const delimiter = options.delimiter ?? sniffDelimiter(head, options.preferredDelimiter);
  checkColumns(file, headerFieldCount(head, delimiter), options.limits);

  const parse = (inferSchemaLength: number): pl.DataFrame =>
    pl.readCSV(input.source, {
      sep: delimiter,
      quoteChar: '"',
      hasHeader: true,
      nullValues: [...MISSING_TOKENS],
      inferSchemaLength,
      truncateRaggedLines: false,
      tryParseDates: false,
    });

  let df: pl.DataFrame;
  try {
    df = parse(INFER_ROWS);
  } catch (first) {
    if (typeof input.source === 'string' && /utf-?8/i.test(messageOf(first))) throw new NotUtf8Error(messageOf(first));
    const problem = findStructureProblem(input.all(), delimiter);
    if (problem !== undefined) throw structureError(file, problem, delimiter);
    if (!/could not parse/i.test(messageOf(first))) throw engineError(file, first);
    // A value late in the file did not fit the type inferred from the first rows: read every
    // column as text and let our own inference decide.
    try {
      df = parse(0);
    } catch (second) {
      throw engineError(file, second);
    }
  }

  // The engine pads short records with nulls; a null in the last column may be one.
  const last = df.width > 0 ? df.getColumn(df.columns[df.width - 1]) : undefined;
  if (last !== undefined && last.nullCount() > 0) {
    const problem = findStructureProblem(input.all(), delimiter);
    if (problem !== undefined) throw structureError(file, problem, delimiter);
  }
  return { df, delimiter };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function structureError(file: string, p: StructureProblem, delimiter: string): DataFileError {
  const sep = DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
  if (p.kind === 'unterminated_quote') {
    return new DataFileError('MALFORMED_FILE', `${file}: a quoted field opened on line ${p.line} (row ${p.row}, column ${p.column}) is never closed.`, {
      details: { file, row: p.row, line: p.line, column: p.column },
      recovery: `Close the quote on line ${p.line} (a literal quote inside a quoted field is written as "").`,
    });
  }
  const what = p.found > p.expected ? 'too many' : 'too few';
  return new DataFileError('MALFORMED_FILE', `${file}: line ${p.line} (row ${p.row}) has ${p.found} fields but the header has ${p.expected} (${what}, first bad column ${p.column}).`, {
    details: { file, row: p.row, line: p.line, column: p.column, expected_fields: p.expected, found_fields: p.found, delimiter: sep },
    recovery: `Fix line ${p.line} so it has ${p.expected} ${sep}-separated fields; quote values that contain a ${sep}.`,
  });
}

function engineError(file: string, cause: unknown): DataFileError {
  const message = messageOf(cause).split('\n')[0];
  const column = /column '([^']*)'/.exec(messageOf(cause))?.[1];
  if (/empty CSV|no data/i.test(message)) {
    return new DataFileError('EMPTY_DATASET', `${file} is empty.`, { details: { file }, cause });
  }
  return new DataFileError('MALFORMED_FILE', `${file} could not be parsed as CSV: ${message}`, {
    details: { file, ...(column === undefined ? {} : { column }) },
    cause,
  });
}
