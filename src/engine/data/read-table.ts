/**
 * The data engine's entry point: a file path, a byte buffer or a stream (plus its file name)
 * → a typed DataFrame and its inferred schema. Reading never writes anything, and every
 * failure is a DataFileError naming the file (and row/column where known).
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type pl from 'nodejs-polars';
import { DataFileError, SmaError } from '../../core/errors.ts';
import { buildSchema, type DatasetSchema, type SchemaOptions } from './dataset-schema.ts';
import { decodeText, type TextEncoding } from './decode-text.ts';
import { detectFormat, type DataFormat } from './detect-format.ts';
import type { DataFrame } from './frame.ts';
import { checkBytes, checkColumns, checkRows, resolveLimits, type DataLimits } from './limits.ts';
import { polarsToFrame } from './polars-to-frame.ts';
import { csvInputFromBytes, HEAD_BYTES, NotUtf8Error, readCsv, type CsvRead, type CsvReadOptions } from './read/read-csv.ts';
import { readJson } from './read/read-json.ts';
import { readParquet } from './read/read-parquet.ts';
import { readXlsx } from './read/read-xlsx.ts';

export interface ReadOptions extends SchemaOptions {
  readonly limits?: Partial<DataLimits>;
  /** XLSX: the sheet to read (default: the first). */
  readonly sheet?: string;
  /** Forces the format instead of detecting it from the name and first bytes. */
  readonly format?: DataFormat;
  /** CSV: forces the delimiter instead of detecting it. */
  readonly delimiter?: string;
}

export interface SourceInfo {
  /** The name shown in messages (the path's base name, or the name given with the bytes). */
  readonly file: string;
  readonly format: DataFormat;
  readonly bytes: number;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly sheet?: string;
  readonly sheets?: readonly string[];
}

export interface TableRead {
  readonly frame: DataFrame;
  readonly schema: DatasetSchema;
  readonly source: SourceInfo;
  /** Fix-ups the user should hear about (e.g. stray text in a number column read as missing). */
  readonly warnings: readonly string[];
}

/** Reads a file from disk (size checked before it is loaded). */
export async function readTableFile(path: string, options: ReadOptions = {}): Promise<TableRead> {
  const file = basename(path);
  const limits = resolveLimits(options.limits);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = info.size;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new DataFileError('FILE_NOT_FOUND', code === 'EISDIR' ? `${path} is a directory, not a file.` : `${path} does not exist or cannot be read.`, {
      details: { file: path, reason: code },
      cause,
    });
  }
  checkBytes(file, size, limits);
  const head = await readHead(path).catch((cause: unknown) => {
    throw unreadable(path, cause);
  });
  const format = detectFormat(file, head, options.format);
  if ((format === 'csv' || format === 'tsv') && size > HEAD_BYTES && plainUtf8(head)) {
    // Large plain UTF-8 text: let the engine read the file itself (see CsvInput).
    try {
      const csv = readCsv({ head, source: path, all: () => readFileSync(path) }, csvOptions(file, format, limits, options));
      return finish(csv.df, { file, format, bytes: size, encoding: 'utf-8', delimiter: csv.delimiter }, limits, options);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
    }
  }
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw unreadable(path, cause);
  });
  return readTableBytes(bytes, file, { ...options, format });
}

function unreadable(path: string, cause: unknown): DataFileError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new DataFileError('FILE_NOT_FOUND', `${path} cannot be read (${code ?? 'I/O error'}).`, {
    details: { file: path, reason: code },
    recovery: 'Check that the file exists and that you may read it.',
    cause,
  });
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** No BOM, no UTF-16 zero bytes, valid UTF-8 up to the last complete line. */
function plainUtf8(head: Buffer): boolean {
  if (head[0] === 0xef || head[0] === 0xff || head[0] === 0xfe || head.includes(0)) return false;
  const lastLf = head.lastIndexOf(0x0a);
  return lastLf > 0 && isUtf8(head.subarray(0, lastLf + 1));
}

function csvOptions(file: string, format: 'csv' | 'tsv', limits: DataLimits, options: ReadOptions): CsvReadOptions {
  return {
    file,
    limits,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(format === 'tsv' ? { preferredDelimiter: '\t' } : {}),
  };
}

/** Reads a file already in memory; `fileName` gives the extension and the name in messages. */
export async function readTableBytes(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<TableRead> {
  const file = basename(fileName);
  const limits = resolveLimits(options.limits);
  checkBytes(file, bytes.byteLength, limits);
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) throw new DataFileError('EMPTY_DATASET', `${file} is empty.`, { details: { file } });
  const format = detectFormat(file, buffer, options.format);

  let df: pl.DataFrame;
  let source: SourceInfo = { file, format, bytes: buffer.length };
  try {
    if (format === 'csv' || format === 'tsv') {
      const text = decodeText(file, buffer);
      const csv: CsvRead = readCsv(csvInputFromBytes(text.bytes), csvOptions(file, format, limits, options));
      df = csv.df;
      source = { ...source, encoding: text.encoding, delimiter: csv.delimiter };
    } else if (format === 'json' || format === 'ndjson') {
      const text = decodeText(file, buffer);
      df = readJson(file, text.bytes, format);
      source = { ...source, encoding: text.encoding };
    } else if (format === 'parquet') {
      df = readParquet(file, buffer);
    } else {
      const xlsx = await readXlsx(file, buffer, limits, options.sheet);
      df = xlsx.df;
      source = { ...source, sheet: xlsx.sheet, sheets: xlsx.sheets };
    }
  } catch (error) {
    if (error instanceof SmaError) throw error;
    throw new DataFileError('MALFORMED_FILE', `${file} could not be read as ${format.toUpperCase()}: ${(error as Error).message?.split('\n')[0] ?? String(error)}`, {
      details: { file, format },
      cause: error,
    });
  }

  return finish(df, source, limits, options);
}

/** Shared tail of every reader: shape checks, conversion to typed columns, schema. */
function finish(df: pl.DataFrame, source: SourceInfo, limits: DataLimits, options: ReadOptions): TableRead {
  const { file } = source;
  checkColumns(file, df.width, limits);
  checkRows(file, df.height, limits);
  if (df.width === 0 || df.height === 0) {
    throw new DataFileError('EMPTY_DATASET', `${file} has ${df.width === 0 ? 'no columns' : 'a header but no data rows'}.`, {
      details: { file, columns: df.columns },
    });
  }
  const { frame, warnings } = polarsToFrame(df, { file, decimalComma: source.delimiter === ';' });
  return { frame, schema: buildSchema(frame, options), source, warnings };
}

/** Reads a stream (an upload, a storage object), stopping as soon as it exceeds the size limit. */
export async function readTableStream(stream: AsyncIterable<Uint8Array | string>, fileName: string, options: ReadOptions = {}): Promise<TableRead> {
  const file = basename(fileName);
  const limits = resolveLimits(options.limits);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const part of stream) {
    // A stream with an encoding set yields strings; the bytes are what we detect encodings on.
    const chunk = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    total += chunk.byteLength;
    checkBytes(file, total, limits);
    chunks.push(chunk);
  }
  return readTableBytes(Buffer.concat(chunks), file, options);
}
