/**
 * Registers a user's data file: it is parsed first (a file that cannot be read as a table is
 * refused with the data engine's located error, and nothing is stored), then its bytes go to
 * users/<u>/datasets/<id>/<file>, then the row. If the row cannot be written the object is
 * removed again, so a failed ingest never leaves anything behind.
 */
import { basename } from 'node:path';
import type { App } from '../../app.ts';
import { ValidationError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { readTableBytes, type TableRead } from '../../engine/data/read-table.ts';
import type { AuditLogTable, DatasetRow, User } from '../../ports/store/index.ts';
import { datasetKey } from '../../worker/job-files.ts';
import { dataLimits } from '../../worker/limits.ts';

export interface IngestInput {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  /** Display name; defaults to the file name. */
  readonly name?: string;
  readonly sheet?: string;
}

export interface IngestResult {
  readonly dataset: DatasetRow;
  readonly table: TableRead;
}

/** A safe storage file name: the base name with anything unusual replaced. */
export function safeFileName(fileName: string): string {
  const base = basename(fileName.replace(/\\/g, '/')).replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  if (!base || base.length > 200) {
    throw new ValidationError('PATH_TRAVERSAL', `Unusable file name "${fileName}".`, { details: { file: fileName }, recovery: 'Name the file like data.csv.' });
  }
  return base;
}

export async function ingestDataset(app: App, user: User, input: IngestInput, via: AuditLogTable['interface']): Promise<IngestResult> {
  const fileName = safeFileName(input.fileName);
  const table = await readTableBytes(input.bytes, fileName, { limits: dataLimits(app.config.limits), sheet: input.sheet });
  const id = newId('ds');
  const key = datasetKey(user.id, id, fileName);
  const put = await app.storage.put(key, input.bytes);
  try {
    const dataset = await app.store.datasets.create({
      id,
      user_id: user.id,
      name: input.name ?? fileName,
      storage_key: key,
      format: table.source.format,
      size_bytes: put.size,
      n_rows: table.frame.nRows,
      n_columns: table.frame.columns.length,
      schema_json: JSON.stringify(table.schema),
      sha256: put.sha256,
    });
    await app.store.audit.record({ userId: user.id, interface: via, action: 'dataset.create', objectType: 'dataset', objectId: id, details: { file: fileName, rows: table.frame.nRows } });
    return { dataset, table };
  } catch (error) {
    await app.storage.delete(key).catch(() => undefined);
    throw error;
  }
}
