import { describe, expect, it } from 'vitest';
import { siblingModule, startWorker } from './worker-host.ts';

describe('worker host', () => {
  it('resolves sibling modules with the extension this module was loaded with', () => {
    expect(siblingModule('file:///a/b/x.ts', 'y').href).toBe('file:///a/b/y.ts');
    expect(siblingModule('file:///a/b/x.js', 'y').href).toBe('file:///a/b/y.js');
  });

  it('answers null (so callers fall back to one thread) when the entry cannot load', async () => {
    expect(await startWorker(new URL('./no-such-worker.ts', import.meta.url), {}, 10_000)).toBeNull();
  });
});
