/** Builds the configured storage backend. */
import { join } from 'node:path';
import type { Config } from '../../core/config/index.ts';
import { ConfigError } from '../../core/errors.ts';
import { LocalStorage } from './local.ts';
import type { StoragePort } from './port.ts';

export * from './port.ts';
export { normalizeKey, userPrefix, assertUserKey } from './keys.ts';
export { LocalStorage } from './local.ts';

export function createStorage(config: Config): StoragePort {
  if (config.storage.backend === 'local') return new LocalStorage(join(config.home, 'storage'));
  throw new ConfigError('NOT_IMPLEMENTED', 'S3-compatible storage is not built yet (planned in issue 9).', {
    details: { 'storage.backend': config.storage.backend },
    recovery: 'Use storage.backend: local (the default) for now.',
  });
}
