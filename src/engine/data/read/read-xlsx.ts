/**
 * XLSX through exceljs (first sheet, or the one named). The first non-empty row is the header;
 * each column becomes one engine series of a single type so the shared conversion applies.
 */
import ExcelJS from 'exceljs';
import pl from 'nodejs-polars';
import { DataFileError } from '../../../core/errors.ts';
import { checkColumns, checkRows, type DataLimits } from '../limits.ts';

export interface XlsxRead {
  readonly df: pl.DataFrame;
  readonly sheet: string;
  readonly sheets: readonly string[];
}

type Cell = number | string | boolean | Date | null;

export async function readXlsx(file: string, bytes: Buffer, limits: DataLimits, sheetName?: string): Promise<XlsxRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw new DataFileError('MALFORMED_FILE', `${file} is not a readable XLSX workbook: ${(cause as Error).message}`, {
      details: { file },
      recovery: 'Open it in Excel or LibreOffice and save it again as .xlsx (or export CSV).',
      cause,
    });
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.worksheets.find((w) => w.name === sheetName);
  if (sheet === undefined) {
    throw new DataFileError(
      'SHEET_NOT_FOUND',
      sheetName === undefined ? `${file} has no worksheets.` : `${file} has no sheet named "${sheetName}". Sheets: ${sheets.join(', ')}.`,
      { details: { file, sheet: sheetName, sheets } },
    );
  }
  checkColumns(file, sheet.actualColumnCount, limits);
  checkRows(file, Math.max(sheet.actualRowCount - 1, 0), limits);

  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellValue(cell.value);
    });
    rows.push(values);
  });
  if (rows.length === 0) throw new DataFileError('EMPTY_DATASET', `${file}: sheet "${sheet.name}" is empty.`, { details: { file, sheet: sheet.name } });

  const header = rows[0];
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  checkColumns(file, width, limits);
  const names = uniqueNames(Array.from({ length: width }, (_, j) => header[j]));
  const series = names.map((name, j) => toSeries(name, rows, j));
  return { df: pl.DataFrame(series), sheet: sheet.name, sheets };
}

/** Formula results, rich text, hyperlinks and error cells reduced to a plain value. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return typeof value.text === 'string' ? value.text : null;
  if ('error' in value) return null; // #N/A, #DIV/0! … are missing values
  return null;
}

function uniqueNames(raw: readonly Cell[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, j) => {
    const base = cell === null || cell === undefined || String(cell).trim() === '' ? `column_${j + 1}` : String(cell).trim();
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

/** One typed series per column: numbers, booleans or dates when every cell agrees, else text. */
function toSeries(name: string, rows: readonly Cell[][], j: number): pl.Series {
  const cells: Cell[] = [];
  for (let i = 1; i < rows.length; i++) cells.push(rows[i][j] ?? null);
  const present = cells.filter((c) => c !== null);
  if (present.length > 0 && present.every((c) => typeof c === 'number')) return pl.Series(name, cells as (number | null)[], pl.Float64);
  if (present.length > 0 && present.every((c) => typeof c === 'boolean')) return pl.Series(name, cells as (boolean | null)[], pl.Bool);
  if (present.length > 0 && present.every((c) => c instanceof Date)) return pl.Series(name, cells as (Date | null)[], pl.Datetime('ms'));
  return pl.Series(
    name,
    cells.map((c) => (c === null ? null : c instanceof Date ? c.toISOString() : String(c))),
    pl.Utf8,
  );
}
