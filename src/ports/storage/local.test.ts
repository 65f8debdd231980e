import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertUserKey } from './keys.ts';
import { LocalStorage } from './local.ts';

describe('LocalStorage', () => {
  let root: string;
  let storage: LocalStorage;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sma-storage-'));
    storage = new LocalStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('puts, gets, lists and deletes with checksums', async () => {
    const put = await storage.put('users/u1/a/b.txt', Buffer.from('hello'));
    expect(put).toEqual({ key: 'users/u1/a/b.txt', size: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    await storage.put('users/u1/a/c.txt', Readable.from([Buffer.from('wor'), Buffer.from('ld')]));
    expect((await storage.getBytes('users/u1/a/c.txt')).toString()).toBe('world');
    expect((await storage.list('users/u1/')).map((o) => o.key)).toEqual(['users/u1/a/b.txt', 'users/u1/a/c.txt']);
    expect((await storage.list('users/u1/a/b')).map((o) => o.key)).toEqual(['users/u1/a/b.txt']);
    expect(await storage.exists('users/u1/a/b.txt')).toBe(true);
    expect(await storage.deletePrefix('users/u1/')).toBe(2);
    expect(await storage.exists('users/u1/a/b.txt')).toBe(false);
  });

  it('leaves nothing behind when a streamed write fails half-way', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put('users/u1/x.bin', failing)).rejects.toMatchObject({ code: 'STORAGE_WRITE_FAILED' });
    expect(await storage.exists('users/u1/x.bin')).toBe(false);
    expect(readdirSync(join(root, 'users', 'u1'))).toEqual([]);
  });

  it('rejects traversal and keys outside the user prefix', async () => {
    await expect(storage.put('../escape.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'PATH_TRAVERSAL' });
    await expect(storage.put('/etc/passwd', Buffer.from('x'))).rejects.toMatchObject({ code: 'PATH_TRAVERSAL' });
    await expect(storage.getBytes('users/u1/../../x')).rejects.toMatchObject({ code: 'PATH_TRAVERSAL' });
    expect(() => assertUserKey('users/u2/file', 'u1')).toThrow(/outside users\/u1/);
    expect(assertUserKey('users/u1//models/m', 'u1')).toBe('users/u1/models/m');
  });

  it('reports a missing object clearly', async () => {
    await expect(storage.getBytes('users/u1/none')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND', errorCode: 2002 });
    await expect(storage.get('users/u1/none')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
  });

  it('is healthy when its root is writable', async () => {
    expect((await storage.health()).status).toBe('ok');
    await storage.put('a-file', Buffer.from('x'));
    // A root below a regular file can never be created.
    expect((await new LocalStorage(join(root, 'a-file', 'sub')).health()).status).toBe('down');
  });
});
