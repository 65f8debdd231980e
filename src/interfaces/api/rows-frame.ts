/**
 * JSON rows → the engine's DataFrame for synchronous predictions, typed by the model's own
 * feature kinds (no inference on a handful of rows). A feature absent from every row is left
 * out so predictFrame reports it as missing; null / absent cells are missing values.
 */
import type { Column, DataFrame } from '../../engine/data/frame.ts';
import type { FeatureSpec } from '../../engine/ml/trained-model.ts';

type Cell = string | number | boolean | null;

const NUMERIC = new Set(['numeric', 'integer', 'boolean', 'datetime']);

function toNumber(kind: string, value: Cell | undefined): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = value.trim();
  if (text === '') return Number.NaN;
  if (kind === 'boolean') {
    const lower = text.toLowerCase();
    if (['true', 'yes', 'y', '1', 't'].includes(lower)) return 1;
    if (['false', 'no', 'n', '0', 'f'].includes(lower)) return 0;
    return Number.NaN;
  }
  if (kind === 'datetime') {
    const asNumber = Number(text);
    return Number.isFinite(asNumber) ? asNumber : Date.parse(text);
  }
  return Number(text);
}

function column(feature: FeatureSpec, rows: readonly Readonly<Record<string, Cell>>[]): Column {
  const n = rows.length;
  const valid = new Uint8Array(n);
  if (NUMERIC.has(feature.kind)) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = toNumber(feature.kind, rows[i][feature.name]);
      values[i] = v;
      valid[i] = Number.isFinite(v) ? 1 : 0;
    }
    return { name: feature.name, kind: feature.kind as 'numeric', values, valid };
  }
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = rows[i][feature.name];
    if (v === null || v === undefined || v === '') {
      codes[i] = -1;
      continue;
    }
    const text = String(v);
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(text);
      index.set(text, code);
    }
    codes[i] = code;
    valid[i] = 1;
  }
  return { name: feature.name, kind: feature.kind === 'text' ? 'text' : feature.kind === 'id' ? 'id' : 'categorical', codes, dictionary, valid };
}

export function rowsToFrame(features: readonly FeatureSpec[], rows: readonly Readonly<Record<string, Cell>>[]): DataFrame {
  const present = features.filter((f) => rows.some((row) => Object.hasOwn(row, f.name)));
  return { nRows: rows.length, columns: present.map((f) => column(f, rows)) };
}
