/** Storage key rules shared by every backend: no traversal, always under the owner's prefix. */
import { ValidationError, StorageError } from '../../core/errors.ts';

/** Normalises a key and rejects anything that could escape the storage root. */
export function normalizeKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 1024) {
    throw new ValidationError('PATH_TRAVERSAL', 'A storage key must be 1–1024 characters.', { details: { key } });
  }
  if (key.includes('\0') || key.includes('\\') || key.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(key)) {
    throw new ValidationError('PATH_TRAVERSAL', `Storage key "${key}" is not a plain relative path.`, { details: { key } });
  }
  const parts = key.split('/');
  if (parts.some((p) => p === '..' || p === '.')) {
    throw new ValidationError('PATH_TRAVERSAL', `Storage key "${key}" contains "." or ".." segments.`, { details: { key } });
  }
  return parts.filter((p) => p.length > 0).join('/');
}

export function userPrefix(userId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(userId)) {
    throw new ValidationError('PATH_TRAVERSAL', `Invalid user id "${userId}" for a storage prefix.`, { details: { user_id: userId } });
  }
  return `users/${userId}/`;
}

/** Throws unless `key` lies under `users/<userId>/`. */
export function assertUserKey(key: string, userId: string): string {
  const normalized = normalizeKey(key);
  if (!normalized.startsWith(userPrefix(userId))) {
    throw new StorageError('KEY_OUTSIDE_PREFIX', `Storage key "${key}" is outside users/${userId}/.`, { details: { key, user_id: userId } });
  }
  return normalized;
}
