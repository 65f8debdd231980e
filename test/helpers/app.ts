/** An App over a test store (SQLite or PostgreSQL) with local storage in the store's temp home. */
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { LocalStorage } from '../../src/ports/storage/index.ts';
import type { TestStore } from './stores.ts';

export function testApp(t: TestStore, env: Record<string, string> = {}): App {
  const { config } = loadConfig({ env: { SMA_HOME: t.home, SMA_LEASE_SECONDS: '5', ...env }, cwd: t.home });
  return {
    config,
    logger: silentLogger(),
    store: t.store,
    storage: new LocalStorage(join(t.home, 'storage')),
    startedAt: new Date(),
    close: async () => undefined,
  };
}
