/**
 * Which reader a file needs: from its extension, cross-checked with its first bytes so a
 * renamed file (an .xlsx saved as .csv, a parquet without extension) still reads or fails clearly.
 */
import { extname } from 'node:path';
import { DataFileError } from '../../core/errors.ts';

export type DataFormat = 'csv' | 'tsv' | 'xlsx' | 'parquet' | 'json' | 'ndjson';

const BY_EXTENSION: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Decides the format; `format` forces it (e.g. an upload whose name has no extension). */
export function detectFormat(file: string, bytes: Uint8Array, format?: DataFormat): DataFormat {
  if (format !== undefined) return format;
  if (startsWith(bytes, PARQUET_MAGIC)) return 'parquet';
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  const ext = extname(file).toLowerCase();
  if (startsWith(bytes, OLE_MAGIC) || ext === '.xls') {
    throw new DataFileError('UNSUPPORTED_FORMAT', `${file} is a legacy Excel 97–2003 (.xls) workbook, which is not supported.`, {
      details: { file, extension: ext },
      recovery: 'Open it in Excel or LibreOffice and save it as .xlsx or .csv.',
    });
  }
  const byExt = BY_EXTENSION[ext];
  if (byExt === undefined) {
    throw new DataFileError('UNSUPPORTED_FORMAT', `${file}: unsupported file type "${ext || '(no extension)'}".`, {
      details: { file, extension: ext, supported: SUPPORTED_EXTENSIONS },
    });
  }
  if (byExt === 'json' && looksLikeNdjson(bytes)) return 'ndjson';
  return byExt;
}

/** A .json file whose first line is a complete object and whose second line starts another. */
function looksLikeNdjson(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{')) return false;
  const lines = head.split('\n');
  return lines.length > 1 && lines[0].trimEnd().endsWith('}') && (lines[1].trimStart().startsWith('{') || lines[1].trim() === '');
}
