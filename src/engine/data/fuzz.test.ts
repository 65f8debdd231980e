/**
 * Fuzz: 1,200 generated malformed inputs (truncated files, ragged rows, binary garbage, huge
 * fields, wrong encodings, empty and header-only files, duplicate names, all-missing columns,
 * stray quotes). Every one must give a DataFileError or a consistent table: no crash, no hang.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../../core/errors.ts';
import { readTableBytes } from './read-table.ts';
import { isNumericColumn, type DataFrame } from './frame.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/data');
const seeds = ['messy.csv', 'semicolon.csv', 'quoted-multiline.csv', 'records.json', 'records.ndjson', 'typed.parquet', 'two-sheets.xlsx', 'utf16le.txt', 'latin1.csv'].map(
  (name) => ({ name, bytes: readFileSync(join(FIXTURES, name)) }),
);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

type Case = { name: string; bytes: Buffer; kind: string };

function cases(count: number): Case[] {
  const r = rng(7);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const csvRows = (rows: number, cols: number, cell: () => string): string =>
    [Array.from({ length: cols }, (_, j) => `c${j}`).join(','), ...Array.from({ length: rows }, () => Array.from({ length: cols }, cell).join(','))].join('\n');
  const cell = (): string => pick(['1', '2.5', '-3', 'NA', '', 'x', '"q,uoted"', 'yes', '2024-01-02', '?', '1e3', 'ünï', '"a""b"']);
  const generators: Record<string, () => Case> = {
    truncated: () => {
      const seed = pick(seeds);
      return { name: seed.name, bytes: seed.bytes.subarray(0, int(seed.bytes.length)), kind: 'truncated' };
    },
    corrupted: () => {
      const seed = pick(seeds);
      const bytes = Buffer.from(seed.bytes);
      for (let k = 0; k < 1 + int(8); k++) bytes[int(bytes.length)] = int(256);
      return { name: seed.name, bytes, kind: 'corrupted' };
    },
    ragged: () => {
      // Plain non-empty cells so adding/removing a field really changes the count ("," minus a field would be a blank line).
      const lines = csvRows(2 + int(30), 2 + int(5), () => pick(['1', '2.5', 'NA', 'x', 'yes'])).split('\n');
      const i = 1 + int(lines.length - 1);
      lines[i] = r() < 0.5 ? `${lines[i]},extra` : lines[i].split(',').slice(0, -1).join(',');
      return { name: 'ragged.csv', bytes: Buffer.from(lines.join('\n')), kind: 'ragged' };
    },
    garbage: () => ({ name: pick(['g.csv', 'g.json', 'g.ndjson', 'g.parquet', 'g.xlsx', 'g.tsv']), bytes: Buffer.from(Array.from({ length: int(4000) }, () => int(256))), kind: 'garbage' }),
    hugeField: () => ({ name: 'huge.csv', bytes: Buffer.from(`a,b\n1,${'x'.repeat(50_000 + int(100_000))}\n2,y\n`), kind: 'huge field' }),
    encoding: () => {
      const text = csvRows(1 + int(10), 1 + int(4), cell);
      const enc = pick(['utf16le', 'latin1', 'ucs2'] as const);
      const body = Buffer.from(text, enc);
      const bytes = r() < 0.3 ? body.subarray(0, body.length - 1) : r() < 0.5 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
      return { name: 'enc.csv', bytes, kind: 'encoding' };
    },
    emptyish: () => ({ name: pick(['e.csv', 'e.json', 'e.ndjson', 'e.tsv']), bytes: Buffer.from(pick(['', '\n', ' \r\n ', 'a,b,c\n', 'a\n', '[]', '{}', '\uFEFF', 'null', '[1,2]'])), kind: 'empty/header-only' }),
    duplicates: () => ({ name: 'dup.csv', bytes: Buffer.from(`a,a,b,a,\n${Array.from({ length: 1 + int(20) }, () => '1,2,3,4,5').join('\n')}\n`), kind: 'duplicate names' }),
    allMissing: () => ({ name: 'miss.csv', bytes: Buffer.from(csvRows(1 + int(30), 1 + int(5), () => pick(['', 'NA', 'null', '?', '-', 'NaN']))), kind: 'all missing' }),
    strayQuotes: () => {
      const text = csvRows(2 + int(20), 2 + int(4), cell);
      const i = int(text.length);
      return { name: 'quotes.csv', bytes: Buffer.from(text.slice(0, i) + '"' + text.slice(i)), kind: 'stray quote' };
    },
    mixedDelimiters: () => ({ name: 'mixed.csv', bytes: Buffer.from(csvRows(2 + int(20), 2 + int(4), cell).replace(/,/g, () => pick([',', ';', '\t', '|']))), kind: 'mixed delimiters' }),
    badJson: () => ({ name: pick(['b.json', 'b.ndjson']), bytes: Buffer.from(pick(['[{"a":1},', '{"a":1}\n{"a":', '[{"a":[1,2]}]', '[{"a":1},{"b":"x"}]', '{"a":1}\n[1]\n', '[{"a":1e999}]', '[{"":1}]'])), kind: 'bad json' }),
  };
  const kinds = Object.keys(generators);
  return Array.from({ length: count }, (_, i) => generators[kinds[i % kinds.length]]());
}

/** Invariants of the frame contract; returns the first violation (plain loops: hot path). */
function frameProblem(frame: DataFrame): string | undefined {
  if (frame.nRows <= 0 || frame.columns.length === 0) return 'empty frame returned';
  for (const c of frame.columns) {
    if (c.valid.length !== frame.nRows) return `${c.name}: mask length`;
    if (isNumericColumn(c)) {
      if (c.values.length !== frame.nRows) return `${c.name}: values length`;
      for (let i = 0; i < frame.nRows; i++) if ((c.valid[i] === 1) === Number.isNaN(c.values[i])) return `${c.name}: mask/NaN mismatch at ${i}`;
    } else {
      if (c.codes.length !== frame.nRows) return `${c.name}: codes length`;
      for (let i = 0; i < frame.nRows; i++) {
        if (c.codes[i] >= c.dictionary.length || (c.valid[i] === 1) !== c.codes[i] >= 0) return `${c.name}: bad code at ${i}`;
      }
    }
  }
  return undefined;
}

describe('fuzz: malformed inputs never crash', () => {
  it('1,200 generated inputs each give a DataFileError or a consistent table', async () => {
    const outcomes: Record<string, { ok: number; errors: Record<string, number> }> = {};
    for (const c of cases(1200)) {
      const tally = (outcomes[c.kind] ??= { ok: 0, errors: {} });
      try {
        const read = await readTableBytes(c.bytes, c.name);
        const problem = frameProblem(read.frame);
        if (problem !== undefined) throw new Error(`${c.kind} ${c.name}: ${problem}`);
        tally.ok++;
      } catch (error) {
        if (!(error instanceof DataFileError)) {
          throw new Error(`${c.kind} ${c.name}: ${String(error)}\n${c.bytes.subarray(0, 200).toString('latin1')}`);
        }
        expect(error.details.file).toBe(c.name);
        tally.errors[error.code] = (tally.errors[error.code] ?? 0) + 1;
      }
    }
    // Ragged rows are always rejected, never silently truncated.
    expect(outcomes.ragged.ok).toBe(0);
    expect(outcomes['empty/header-only'].ok).toBe(0);
  }, 300_000);
});
