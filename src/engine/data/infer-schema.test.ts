import { describe, it, expect } from 'vitest';
import { booleanToken, classifyIntegers, classifyStrings, looksLikeIdName, numberToken } from './infer-schema.ts';
import { suggestTarget, inferTask } from './target.ts';
import type { DataFrame, NumericColumn, StringColumn } from './frame.ts';

const ints = (xs: number[]): [Float64Array, Uint8Array] => [Float64Array.from(xs), new Uint8Array(xs.length).fill(1)];

describe('inference rules', () => {
  it('classifies whole numbers', () => {
    expect(classifyIntegers('flag', ...ints([0, 1, 1, 0]))).toEqual({ kind: 'boolean' });
    expect(classifyIntegers('n', ...ints(Array.from({ length: 30 }, (_, i) => i + 1))).kind).toBe('id');
    expect(classifyIntegers('n', ...ints(Array.from({ length: 30 }, (_, i) => 100 + 10 * i))).reason).toMatch(/increasing by 10/);
    expect(classifyIntegers('n', ...ints(Array.from({ length: 30 }, (_, i) => (i * 7) % 30))).kind).toBe('integer');
    expect(classifyIntegers('customer_id', ...ints(Array.from({ length: 30 }, (_, i) => (i * 7) % 30))).kind).toBe('id');
    expect(classifyIntegers('n', ...ints([1, 2, 3]))).toEqual({ kind: 'integer' }); // too short to call it an id
  });
  it('classifies strings by cardinality and length', () => {
    const base = { name: 's', nonMissing: 1000, meanLength: 8, withSpaces: 0 };
    expect(classifyStrings({ ...base, distinct: 12 }).kind).toBe('categorical');
    expect(classifyStrings({ ...base, distinct: 1000 }).kind).toBe('id');
    expect(classifyStrings({ ...base, distinct: 800, withSpaces: 0.9 }).kind).toBe('text');
    expect(classifyStrings({ ...base, distinct: 30, meanLength: 120, withSpaces: 1 }).kind).toBe('text');
  });
  it('reads tokens', () => {
    expect(['Yes', 'n', 'TRUE', 'f', 'maybe'].map(booleanToken)).toEqual([1, 0, 1, 0, undefined]);
    expect(numberToken(' 1e-3 ', false)).toBe(0.001);
    expect(numberToken('2,5', false)).toBeUndefined();
    expect(numberToken('2,5', true)).toBe(2.5);
    expect(numberToken('0x10', false)).toBeUndefined();
    expect(['id', 'user_id', 'UserId', 'index', 'width', 'paid', 'idea'].map(looksLikeIdName)).toEqual([true, true, true, true, false, false, false]);
  });
});

describe('target and task', () => {
  const num = (name: string, xs: number[], kind: NumericColumn['kind'] = 'numeric'): NumericColumn => ({ name, kind, values: Float64Array.from(xs), valid: new Uint8Array(xs.length).fill(1) });
  const cat = (name: string): StringColumn => ({ name, kind: 'categorical', codes: Int32Array.from([0, 1]), dictionary: ['a', 'b'], valid: Uint8Array.from([1, 1]) });
  it('prefers usual target names, then the last usable column', () => {
    const frame = (cols: DataFrame['columns']): DataFrame => ({ nRows: 2, columns: cols });
    expect(suggestTarget(frame([num('Sales', [1, 2]), num('x', [1, 2])]))?.name).toBe('Sales');
    expect(suggestTarget(frame([num('house_price', [1, 2]), num('x', [1, 2])]))?.name).toBe('house_price');
    expect(suggestTarget(frame([num('day_of_year', [1, 2]), cat('kind')]))?.name).toBe('kind');
    expect(suggestTarget(frame([num('a', [1, 2]), { ...cat('notes'), kind: 'text' }]))?.name).toBe('a');
  });
  it('infers the task from the target values', () => {
    expect(inferTask(cat('c'))).toBe('classification');
    expect(inferTask(num('b', [0, 1], 'boolean'))).toBe('classification');
    expect(inferTask(num('k', Array.from({ length: 100 }, (_, i) => i % 20)))).toBe('classification');
    expect(inferTask(num('k', Array.from({ length: 100 }, (_, i) => i % 21)))).toBe('regression');
    expect(inferTask(num('r', [0.5, 1, 2]))).toBe('regression');
  });
});
