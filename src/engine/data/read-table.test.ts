import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pl from 'nodejs-polars';
import { DataFileError, SmaError } from '../../core/errors.ts';
import { readTableBytes, readTableFile, readTableStream, type TableRead } from './read-table.ts';
import { columnByName, isNumericColumn, type Column, type NumericColumn, type StringColumn } from './frame.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/data');
const fixture = (name: string): string => join(FIXTURES, name);

function numeric(read: TableRead, name: string): NumericColumn {
  const c = columnByName(read.frame, name);
  if (c === undefined || !isNumericColumn(c)) throw new Error(`${name} is not numeric`);
  return c;
}
function strings(read: TableRead, name: string): StringColumn {
  const c = columnByName(read.frame, name);
  if (c === undefined || isNumericColumn(c)) throw new Error(`${name} is not a string column`);
  return c;
}
function decoded(c: StringColumn): (string | null)[] {
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
}
function values(c: NumericColumn): (number | null)[] {
  return Array.from(c.values, (v, i) => (c.valid[i] ? v : null));
}
async function failure(p: Promise<unknown>): Promise<DataFileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return e as DataFileError;
  }
  throw new Error('expected a DataFileError');
}
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readTable: formats and encodings', () => {
  it('reads a semicolon CSV with decimal commas and a quoted delimiter', async () => {
    const r = await readTableFile(fixture('semicolon.csv'));
    expect(r.source.delimiter).toBe(';');
    expect(decoded(strings(r, 'city'))).toEqual(['Lyon', 'Nice', 'Aix; en Provence', 'Brest']);
    expect(values(numeric(r, 'area_km2'))).toEqual([47.87, 71.92, 186.08, 49.51]);
    expect(numeric(r, 'population').kind).toBe('integer');
    expect(numeric(r, 'coastal').kind).toBe('boolean');
  });
  it('keeps embedded newlines, escaped quotes and CRLF line ends', async () => {
    const r = await readTableFile(fixture('quoted-multiline.csv'));
    expect(r.frame.nRows).toBe(4);
    expect(decoded(strings(r, 'comment'))).toEqual(['Line one\r\nline two', 'He said "hi", then left', 'a, b, c', 'plain']);
    expect(values(numeric(r, 'score'))).toEqual([3.5, 4, null, 2.25]);
  });
  it.each([
    ['bom.csv', 'utf-8-bom'],
    ['utf16le.txt', 'utf-16le'],
  ])('decodes %s (%s)', async (name, encoding) => {
    const r = await readTableFile(fixture(name));
    expect(r.source.encoding).toBe(encoding);
    expect(r.frame.columns.map((c) => c.name)).toEqual(['name', 'amount']);
    expect(decoded(strings(r, 'name'))).toEqual(['Zoë', 'José', 'Müller']);
  });
  it('falls back to Windows-1252 for Latin-1 bytes', async () => {
    const r = await readTableFile(fixture('latin1.csv'));
    expect(r.source.encoding).toBe('windows-1252');
    expect(decoded(strings(r, 'city'))).toEqual(['Montréal', 'München', 'Logroño']);
  });
  it('decodes UTF-16 big-endian and UTF-16 without a BOM', async () => {
    const text = 'a,b\n1,x\n2,y\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const withBom = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    expect((await readTableBytes(withBom, 'be.csv')).source.encoding).toBe('utf-16be');
    const noBom = await readTableBytes(le, 'le.csv');
    expect(noBom.source.encoding).toBe('utf-16le');
    expect(values(numeric(noBom, 'a'))).toEqual([1, 2]);
  });
  it('reads the first or the named XLSX sheet, with formulas, dates and error cells', async () => {
    const first = await readTableFile(fixture('two-sheets.xlsx'));
    expect(first.source.sheet).toBe('Summary');
    expect(first.source.sheets).toEqual(['Summary', 'Data']);
    const data = await readTableFile(fixture('two-sheets.xlsx'), { sheet: 'Data' });
    expect(values(numeric(data, 'revenue'))).toEqual([15, 9, null]);
    expect(values(numeric(data, 'units'))).toEqual([10, 4, null]);
    expect(numeric(data, 'launched').kind).toBe('datetime');
    expect(numeric(data, 'launched').values[0]).toBe(Date.UTC(2024, 0, 15));
  });
  it('reads Parquet with its types (dates to epoch milliseconds)', async () => {
    const r = await readTableFile(fixture('typed.parquet'));
    expect(r.source.format).toBe('parquet');
    expect(values(numeric(r, 'price'))).toEqual([9.5, null, 12.25, 8]);
    expect(decoded(strings(r, 'color'))).toEqual(['red', 'blue', null, 'red']);
    expect(numeric(r, 'sold').kind).toBe('datetime');
    expect(values(numeric(r, 'sold'))).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 1, 3), null, Date.UTC(2024, 2, 4)]);
  });
  it('treats a float NaN without a null as missing (mask and values agree)', async () => {
    const pq = pl.DataFrame({ a: [1.5, Number.NaN, 2.5] }).writeParquet();
    const r = await readTableBytes(pq, 'nan.parquet');
    expect(values(numeric(r, 'a'))).toEqual([1.5, null, 2.5]);
  });
  it.each(['records.json', 'records.ndjson'])('reads %s', async (name) => {
    const r = await readTableFile(fixture(name));
    expect(r.frame.columns.map((c) => [c.name, c.kind])).toEqual([['name', 'categorical'], ['x', 'numeric'], ['n', 'integer'], ['ok', 'boolean']]);
    expect(values(numeric(r, 'x'))).toEqual([1.5, null, 2.25]);
  });
  it('reads from a stream and from bytes with a forced format', async () => {
    const content = readFileSync(fixture('records.ndjson'));
    const r = await readTableStream(Readable.from([content.subarray(0, 10), content.subarray(10)]), 'upload.ndjson');
    expect(r.frame.nRows).toBe(3);
    const forced = await readTableBytes(content, 'blob', { format: 'ndjson' });
    expect(forced.frame.nRows).toBe(3);
  });
  it('detects parquet and xlsx from their bytes whatever the extension', async () => {
    const r = await readTableBytes(readFileSync(fixture('typed.parquet')), 'mislabelled.csv');
    expect(r.source.format).toBe('parquet');
  });
});

describe('readTable: large files read by path', () => {
  const big = (rows: number, row: (i: number) => string): string => ['id_x,value,label', ...Array.from({ length: rows }, (_, i) => row(i))].join('\n') + '\n';
  function withFile(name: string, content: string | Buffer, check: (path: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'sma-data-'));
    const path = join(dir, name);
    writeFileSync(path, content);
    return check(path).finally(() => rmSync(dir, { recursive: true, force: true }));
  }
  it('reads a plain UTF-8 file larger than the detection head', () =>
    withFile('big.csv', big(30_000, (i) => `${i % 97},${(i * 0.37).toFixed(2)},k${i % 3}`), async (path) => {
      const r = await readTableFile(path);
      expect([r.frame.nRows, r.source.encoding, r.source.bytes > 256 * 1024]).toEqual([30_000, 'utf-8', true]);
      expect(values(numeric(r, 'value')).slice(0, 3)).toEqual([0, 0.37, 0.74]);
    }));
  it('falls back to Latin-1 when non-UTF-8 bytes appear after the head', () =>
    withFile('late.csv', Buffer.from(big(30_000, (i) => `${i % 97},${i},${i === 29_999 ? 'Montréal' : 'plain'}`), 'latin1'), async (path) => {
      const r = await readTableFile(path);
      expect(r.source.encoding).toBe('windows-1252');
      expect(strings(r, 'label').dictionary).toContain('Montréal');
    }));
  it('locates a ragged row deep in a large file', () =>
    withFile('deep.csv', big(30_000, (i) => (i === 25_000 ? '1,2' : `${i % 97},${i},x`)), async (path) => {
      const e = await failure(readTableFile(path));
      expect(e.details).toMatchObject({ file: 'deep.csv', row: 25_001, line: 25_002, column: 3 });
    }));
});

describe('readTable: schema inference', () => {
  it('infers every kind and flags id / text columns', async () => {
    const r = await readTableFile(fixture('messy.csv'));
    const kinds = Object.fromEntries(r.frame.columns.map((c: Column) => [c.name, c.kind]));
    expect(kinds).toEqual({
      row_id: 'id', customer: 'id', signup: 'datetime', active: 'boolean', plan: 'categorical',
      spend: 'numeric', visits: 'integer', notes: 'text', churn: 'boolean',
    });
    const excluded = r.schema.columns.filter((c) => c.excluded).map((c) => c.name);
    expect(excluded).toEqual(['row_id', 'customer', 'notes']);
    expect(r.schema.columns.find((c) => c.name === 'notes')?.reason).toMatch(/high-cardinality/);
    expect(r.schema.target).toBe('churn');
    expect(r.schema.task).toBe('classification');
    expect(r.schema.features).toEqual(['signup', 'active', 'plan', 'spend', 'visits']);
  });
  it('treats every missing token as missing', async () => {
    const r = await readTableBytes(bytes('v,w\n1,a\n,b\nNA,c\nN/A,d\nnull,e\nNaN,f\n?,g\n-,h\n9,i\n'), 'm.csv');
    expect(values(numeric(r, 'v'))).toEqual([1, null, null, null, null, null, null, null, 9]);
    const json = await readTableBytes(bytes('[{"s":"NA"},{"s":"x"},{"s":"?"},{"s":"y"}]'), 'm.json');
    expect(decoded(strings(json, 's'))).toEqual([null, 'x', null, 'y']);
  });
  it('suggests a target from the name, else the last usable column; task by values', async () => {
    const reg = await readTableBytes(bytes('price,a,b\n' + Array.from({ length: 30 }, (_, i) => `${i * 1.5},${i % 3},x${i % 2}`).join('\n')), 'p.csv');
    expect([reg.schema.target, reg.schema.task]).toEqual(['price', 'regression']);
    const last = await readTableBytes(bytes('a,b,grade\n' + Array.from({ length: 30 }, (_, i) => `${i * 0.5},${i % 4},${i % 5}`).join('\n')), 'l.csv');
    expect([last.schema.target, last.schema.targetReason, last.schema.task]).toEqual(['grade', 'last usable column', 'classification']);
    const many = await readTableBytes(bytes('a,b\n' + Array.from({ length: 40 }, (_, i) => `${i % 2},${(i * 7) % 31}`).join('\n')), 'm.csv');
    expect(many.schema.task).toBe('regression'); // 31 distinct integers > 20
  });
  it('lets the caller override target and task', async () => {
    const r = await readTableFile(fixture('messy.csv'), { target: 'spend', task: 'classification' });
    expect([r.schema.target, r.schema.task, r.schema.targetReason]).toEqual(['spend', 'classification', 'chosen by the caller']);
    expect(r.schema.features).not.toContain('spend');
    await expect(readTableFile(fixture('messy.csv'), { target: 'nope' })).rejects.toMatchObject({ code: 'INVALID_TARGET' });
  });
  it('reads a value that breaks the early type guess without failing (stray text → missing, with a warning)', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `${(i % 700) / 4},${i % 5}`);
    rows.push('oops,3');
    const r = await readTableBytes(bytes('a,b\n' + rows.join('\n') + '\n'), 'late.csv');
    expect(r.frame.nRows).toBe(12_001);
    expect(numeric(r, 'a').kind).toBe('numeric');
    expect(numeric(r, 'a').valid[12_000]).toBe(0);
    expect(r.warnings).toEqual(['column "a": 1 non-numeric value(s) ("oops", first on data row 12001) read as missing']);
    expect(numeric(r, 'b').kind).toBe('integer');
    // Mostly text stays text.
    const words = await readTableBytes(bytes('w\n' + Array.from({ length: 30 }, (_, i) => (i % 2 ? 'x' : String(i))).join('\n')), 'w.csv');
    expect(columnByName(words.frame, 'w')?.kind).toBe('categorical');
  });
  it('names blank header cells by position', async () => {
    const r = await readTableBytes(bytes('a,,b,\n1,2,3,4\n5,6,7,8\n'), 'h.csv');
    expect(r.frame.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'b', 'column_4']);
  });
  it('renames duplicate and keeps all-missing columns (excluded)', async () => {
    const r = await readTableBytes(bytes('a,a,empty\n1,2,\n3,4,NA\n'), 'd.csv');
    expect(r.frame.columns.map((c) => c.name)).toEqual(['a', 'a_duplicated_0', 'empty']);
    expect(r.schema.columns[2]).toMatchObject({ excluded: true, reason: 'all values missing' });
  });
});

describe('readTable: bad inputs give a DataFileError naming file, row and column', () => {
  it('ragged rows (too many and too few fields)', async () => {
    const more = await failure(readTableFile(fixture('ragged.csv')));
    expect(more.code).toBe('MALFORMED_FILE');
    expect(more.details).toMatchObject({ file: 'ragged.csv', row: 2, line: 3, column: 4 });
    expect(more.recoverySuggestion).toMatch(/line 3/);
    const fewer = await failure(readTableBytes(bytes('a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n'), 'short.csv'));
    expect(fewer.details).toMatchObject({ file: 'short.csv', row: 3, line: 4, column: 3, expected_fields: 3, found_fields: 2 });
  });
  it('an unterminated quote', async () => {
    const e = await failure(readTableBytes(bytes('a,b\n1,2\n"open,3\n4,5\n'), 'q.csv'));
    expect(e.code).toBe('MALFORMED_FILE');
    expect(e.details).toMatchObject({ file: 'q.csv', line: 3, row: 2 });
  });
  it('binary garbage', async () => {
    const garbage = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const e = await failure(readTableBytes(garbage, 'garbage.csv'));
    expect(e.code).toBe('ENCODING_ERROR');
    expect(e.details.file).toBe('garbage.csv');
  });
  it('an empty file and a header without rows', async () => {
    expect((await failure(readTableFile(fixture('empty.csv')))).code).toBe('EMPTY_DATASET');
    expect((await failure(readTableBytes(bytes('\n\n  \n'), 'blank.csv'))).code).toBe('EMPTY_DATASET');
    expect((await failure(readTableFile(fixture('header-only.csv')))).code).toBe('EMPTY_DATASET');
    expect((await failure(readTableBytes(bytes('[]'), 'e.json'))).code).toBe('EMPTY_DATASET');
  });
  it('limits: bytes, rows and columns', async () => {
    const wide = 'c' + Array.from({ length: 30 }, (_, i) => i).join(',c') + '\n' + Array(30).fill(1).join(',') + '\n';
    const cols = await failure(readTableBytes(bytes(wide), 'wide.csv', { limits: { maxColumns: 10 } }));
    expect([cols.code, cols.details.columns, cols.details.max_columns]).toEqual(['TOO_MANY_COLUMNS', 30, 10]);
    const rows = await failure(readTableBytes(bytes('a\n1\n2\n3\n'), 'r.csv', { limits: { maxRows: 2 } }));
    expect([rows.code, rows.details.rows]).toEqual(['TOO_MANY_ROWS', 3]);
    const big = await failure(readTableFile(fixture('messy.csv'), { limits: { maxBytes: 1000 } }));
    expect(big.code).toBe('FILE_TOO_LARGE');
    const stream = await failure(readTableStream(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 's.csv', { limits: { maxBytes: 1000 } }));
    expect(stream.code).toBe('FILE_TOO_LARGE');
    const sheet = await failure(readTableFile(fixture('two-sheets.xlsx'), { limits: { maxColumns: 1 } }));
    expect(sheet.code).toBe('TOO_MANY_COLUMNS');
  });
  it('unknown extension, legacy xls, missing file, directory', async () => {
    const unknown = await failure(readTableFile(fixture('unknown.xyz')));
    expect([unknown.code, unknown.details.extension]).toEqual(['UNSUPPORTED_FORMAT', '.xyz']);
    const xls = await failure(readTableBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'old.xls'));
    expect(xls.code).toBe('UNSUPPORTED_FORMAT');
    expect((await failure(readTableFile(fixture('nope.csv')))).code).toBe('FILE_NOT_FOUND');
    expect((await failure(readTableFile(FIXTURES))).code).toBe('FILE_NOT_FOUND');
  });
  it('a wrong sheet name lists the sheets', async () => {
    const e = await failure(readTableFile(fixture('two-sheets.xlsx'), { sheet: 'Nope' }));
    expect(e.code).toBe('SHEET_NOT_FOUND');
    expect(e.details.sheets).toEqual(['Summary', 'Data']);
  });
  it('corrupt xlsx / parquet and malformed JSON lines', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect((await failure(readTableBytes(zip, 'broken.xlsx'))).code).toBe('MALFORMED_FILE');
    const pq = readFileSync(fixture('typed.parquet')).subarray(0, 200);
    expect((await failure(readTableBytes(pq, 'cut.parquet'))).code).toBe('MALFORMED_FILE');
    const nd = await failure(readTableBytes(bytes('{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n'), 'bad.ndjson'));
    expect(nd.details).toMatchObject({ file: 'bad.ndjson', line: 3, row: 3 });
    const obj = await failure(readTableBytes(bytes('{"a":1,"b":2}'), 'obj.json'));
    expect(obj.code).toBe('MALFORMED_FILE');
    const nested = await failure(readTableBytes(bytes('[{"a":{"x":1}},{"a":{"x":2}}]'), 'nested.json'));
    expect(nested.details).toMatchObject({ column: 'a' });
  });
  it('never writes: the fixtures directory is unchanged after reading everything', async () => {
    const before = readdirSync(FIXTURES).map((f) => [f, statSync(fixture(f)).mtimeMs]);
    for (const [f] of before) await readTableFile(fixture(String(f))).catch((e: unknown) => expect(e).toBeInstanceOf(SmaError));
    expect(readdirSync(FIXTURES).map((f) => [f, statSync(fixture(f)).mtimeMs])).toEqual(before);
  });
});

describe('readTable: delimiter detection', () => {
  it('keeps tab for .tsv even when the text has more commas than tabs', async () => {
    const r = await readTableBytes(bytes('name\tnote\na\tx, y, z, w\nb\tp, q, r, s\n'), 'n.tsv');
    expect(r.source.delimiter).toBe('\t');
    expect(r.frame.columns.map((c) => c.name)).toEqual(['name', 'note']);
  });
  it('detects pipes and honours a forced delimiter', async () => {
    expect((await readTableBytes(bytes('a|b\n1|2\n3|4\n'), 'p.csv')).source.delimiter).toBe('|');
    const forced = await readTableBytes(bytes('a;b,c\n1;2,3\n'), 'f.csv', { delimiter: ',' });
    expect(forced.frame.columns.map((c) => c.name)).toEqual(['a;b', 'c']);
  });
});
