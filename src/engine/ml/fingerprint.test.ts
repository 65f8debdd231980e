import { describe, expect, it } from 'vitest';
import { fingerprintColumns } from './fingerprint.ts';
import { frameFromColumns } from './testing/frames.ts';

describe('training-data fingerprint', () => {
  const frame = frameFromColumns({ a: [1, 2, null], b: ['x', 'y', 'x'], c: [9, 9, 9] });

  it('is a sha256 that depends only on the named columns and their values', () => {
    const fp = fingerprintColumns(frame, ['a', 'b']);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintColumns(frameFromColumns({ c: [0, 0, 0], b: ['x', 'y', 'x'], a: [1, 2, null] }), ['a', 'b'])).toBe(fp);
    expect(fingerprintColumns(frameFromColumns({ a: [1, 2, 3], b: ['x', 'y', 'x'] }), ['a', 'b'])).not.toBe(fp);
    expect(fingerprintColumns(frameFromColumns({ a: [1, 2, null], b: ['x', 'y', 'y'] }), ['a', 'b'])).not.toBe(fp);
    expect(fingerprintColumns(frame, ['b', 'a'])).not.toBe(fp);
  });

  it('does not depend on how strings are dictionary-encoded', () => {
    const reordered = { ...frame, columns: frame.columns.map((c) => (c.name === 'b' ? { ...c, codes: Int32Array.of(1, 0, 1), dictionary: ['y', 'x'] } : c)) };
    expect(fingerprintColumns(reordered, ['a', 'b'])).toBe(fingerprintColumns(frame, ['a', 'b']));
  });
});
