/** Builds the configured storage backend. */
import { join } from 'node:path';
import type { Config } from '../../core/config/index.ts';
import { ConfigError } from '../../core/errors.ts';
import { LocalStorage } from './local.ts';
import type { StoragePort } from './port.ts';
import { S3Storage, s3OptionsFromConfig } from './s3.ts';

export * from './port.ts';
export { normalizeKey, userPrefix, assertUserKey } from './keys.ts';
export { LocalStorage } from './local.ts';
export { S3Storage } from './s3.ts';

export function createStorage(config: Config): StoragePort {
  if (config.storage.backend === 'local') return new LocalStorage(join(config.home, 'storage'));
  if (config.storage.backend === 's3') return new S3Storage(s3OptionsFromConfig(config));
  throw new ConfigError('CONFIG_INVALID', `Unknown storage backend "${String(config.storage.backend)}".`, {
    details: { 'storage.backend': config.storage.backend },
    recovery: 'Use storage.backend: local or s3.',
  });
}
