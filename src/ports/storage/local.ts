/**
 * Local-disk storage under `<home>/storage`. Writes go to a temporary file in the same
 * directory and are renamed into place, so readers never see half an object.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { StorageError } from '../../core/errors.ts';
import { normalizeKey } from './keys.ts';
import type { Body, ObjectInfo, PutResult, StorageHealth, StoragePort } from './port.ts';

export class LocalStorage implements StoragePort {
  readonly kind = 'local';
  readonly capabilities = { presign: false };

  constructor(readonly root: string) {}

  private path(key: string): string {
    return join(this.root, ...normalizeKey(key).split('/'));
  }

  async put(key: string, body: Body): Promise<PutResult> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]) : body;
      await pipeline(source, meter, createWriteStream(temp));
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new StorageError('STORAGE_WRITE_FAILED', `Could not write ${key}: ${(error as Error).message}`, { details: { key }, cause: error });
    }
    return { key: normalizeKey(key), size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    await this.assertExists(key, path);
    return createReadStream(path);
  }

  async getBytes(key: string): Promise<Buffer> {
    const path = this.path(key);
    try {
      return await readFile(path);
    } catch (error) {
      throw this.readError(key, error);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const normalized = prefix === '' ? '' : normalizeKey(prefix);
    // List the directory that contains the prefix, then filter: prefixes need not end at a '/'.
    const baseKey = normalized.includes('/') ? normalized.slice(0, normalized.lastIndexOf('/')) : '';
    const base = baseKey ? join(this.root, ...baseKey.split('/')) : this.root;
    let entries: string[];
    try {
      entries = (await readdir(base, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && !e.name.includes('.tmp-'))
        .map((e) => join(e.parentPath, e.name));
    } catch {
      return [];
    }
    const out: ObjectInfo[] = [];
    for (const file of entries) {
      const key = relative(this.root, file).split(sep).join('/');
      if (!key.startsWith(normalized)) continue;
      const info = await stat(file).catch(() => undefined);
      if (info) out.push({ key, size: info.size, modified: info.mtime });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    for (const object of objects) await this.delete(object.key);
    return objects.length;
  }

  async health(): Promise<StorageHealth> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root);
      const probe = `.health/${process.pid}-${Date.now()}`;
      await this.put(probe, Buffer.from('ok'));
      await this.delete(probe);
      return { status: 'ok', detail: `local disk at ${this.root}` };
    } catch (error) {
      return { status: 'down', detail: `cannot write to ${this.root}: ${(error as Error).message}` };
    }
  }

  uri(key: string): string {
    return pathToFileURL(this.path(key)).href;
  }

  private async assertExists(key: string, path: string): Promise<void> {
    try {
      await access(path);
    } catch (error) {
      throw this.readError(key, error);
    }
  }

  private readError(key: string, error: unknown): StorageError {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return new StorageError('OBJECT_NOT_FOUND', `No stored object at ${key}.`, { details: { key } });
    }
    return new StorageError('STORAGE_UNAVAILABLE', `Could not read ${key}: ${(error as Error).message}`, { details: { key }, cause: error });
  }
}
