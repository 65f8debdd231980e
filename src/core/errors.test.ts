import { describe, expect, it } from 'vitest';
import { ErrorCodes } from './error-codes.ts';
import { ComputeError, DataFileError, StorageError, toErrorObject, ValidationError } from './errors.ts';

describe('errors', () => {
  it('carry the contract fields and the classification of their code', () => {
    const error = new StorageError('STORAGE_UNAVAILABLE', 'S3 did not answer', { details: { bucket: 'b' } });
    const object = error.toJSON();
    expect(object).toMatchObject({ error_code: 2001, error_class: 'StorageError', message: 'S3 did not answer', details: { bucket: 'b' }, severity: 'transient' });
    expect(object.recovery_suggestion).toMatch(/retry/i);
    expect(Date.parse(object.timestamp)).not.toBeNaN();
    expect(error.isTransient).toBe(true);
    expect(error.httpStatus).toBe(503);
  });

  it('name their subclass and keep the code in its range', () => {
    expect(new DataFileError('MALFORMED_FILE', 'x').toJSON().error_class).toBe('DataFileError');
    expect(new ComputeError('NO_CAPACITY', 'x').errorCode).toBe(3102);
    expect(new ValidationError('VALIDATION_FAILED', 'x', { recovery: 'do this' }).recoverySuggestion).toBe('do this');
  });

  it('keep every code unique and inside the ranges of the design', () => {
    const codes = Object.values(ErrorCodes).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toBeGreaterThanOrEqual(1000);
      expect(code).toBeLessThan(7000);
    }
  });

  it('hide the internals of unexpected errors', () => {
    const object = toErrorObject(new TypeError('secret internal detail'));
    expect(object.error_class).toBe('InternalError');
    expect(JSON.stringify(object)).not.toContain('secret internal detail');
  });
});
