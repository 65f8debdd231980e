/**
 * Small DataFrame builders for tests and benches (the real readers live in engine/data): a
 * column is numeric when every present value parses as a number, else categorical.
 */
import type { Column, DataFrame } from '../../data/frame.ts';

export type Cell = number | string | null | undefined;

export function columnFromValues(name: string, values: readonly Cell[]): Column {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  const numeric = present.every((v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))));
  const valid = Uint8Array.from(values, (v) => (v === null || v === undefined || v === '' ? 0 : 1));
  if (numeric) {
    const nums = Float64Array.from(values, (v) => (v === null || v === undefined || v === '' ? Number.NaN : Number(v)));
    const integer = present.every((v) => Number.isInteger(Number(v)));
    return { name, kind: integer ? 'integer' : 'numeric', values: nums, valid };
  }
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null || v === undefined || v === '') return -1;
    const s = String(v);
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
    }
    return code;
  });
  return { name, kind: 'categorical', codes, dictionary, valid };
}

export function frameFromColumns(columns: Record<string, readonly Cell[]>): DataFrame {
  const cols = Object.entries(columns).map(([name, values]) => columnFromValues(name, values));
  return { nRows: cols.length === 0 ? 0 : (Object.values(columns)[0]?.length ?? 0), columns: cols };
}

/** Minimal CSV (comma, optional double quotes, first line = header); empty cell = missing. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [head, ...body] = lines;
  return { header: split(head), rows: body.map(split) };
}

export function frameFromCsv(text: string): DataFrame {
  const { header, rows } = parseCsv(text);
  const columns: Record<string, string[]> = {};
  header.forEach((name, j) => (columns[name] = rows.map((r) => r[j] ?? '')));
  return frameFromColumns(columns);
}
