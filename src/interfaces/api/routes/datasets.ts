/**
 * Datasets: upload (multipart, one file, size-limited by limits.max_file_mb) or register an
 * object already in storage under the caller's own prefix; list; show; schema; statistics.
 */
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { StorageError, ValidationError } from '../../../core/errors.ts';
import { readTableBytes } from '../../../engine/data/read-table.ts';
import { statsReport } from '../../../engine/data/stats-report.ts';
import type { User } from '../../../ports/store/index.ts';
import { ingestDataset, type IngestInput } from '../../../services/datasets/ingest.ts';
import { dataLimits } from '../../../worker/limits.ts';
import { presentDataset } from '../present.ts';
import { datasetSchema, idParams } from '../schemas.ts';

const uriBody = z.strictObject({ storage_uri: z.string().min(1).max(1000), name: z.string().min(1).max(200).optional(), sheet: z.string().optional() });

/** `users/<me>/…`, optionally written as `<scheme>://<bucket>/users/<me>/…`; nothing else. */
export function ownStorageKey(uri: string, userId: string): string {
  const key = uri.replace(/^[a-z][\w+.-]*:\/\/[^/]*\//i, '');
  const segments = key.split('/');
  if (!key.startsWith(`users/${userId}/`) || segments.some((s) => s === '..' || s === '.' || s === '') || key.includes('\\')) {
    throw new StorageError('KEY_OUTSIDE_PREFIX', `Only objects under users/${userId}/ can be registered.`, { details: { storage_uri: uri } });
  }
  return key;
}

async function uploadInput(request: FastifyRequest, maxBytes: number): Promise<IngestInput> {
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10 } });
  if (!file) throw new ValidationError('VALIDATION_FAILED', 'The multipart body has no file part.', { recovery: 'Send the data file in a part named "file".' });
  const field = (name: string): string | undefined => {
    const value = file.fields[name];
    return value && !Array.isArray(value) && value.type === 'field' ? String(value.value) : undefined;
  };
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new StorageError('FILE_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1048576)} MB.`, { details: { max_bytes: maxBytes } });
    }
    throw error;
  }
  return { bytes, fileName: file.filename || 'upload.csv', name: field('name'), sheet: field('sheet') };
}

export const datasetRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (fastify) => {
    const maxBytes = Math.round(app.config.limits.max_file_mb * 1024 * 1024);
    await fastify.register(multipart, { limits: { fileSize: maxBytes, files: 1 } });

    fastify.post(
      '/datasets',
      {
        schema: {
          tags: ['datasets'],
          summary: 'Upload a data file (multipart/form-data, part "file"; fields "name", "sheet") or register {storage_uri} under users/<you>/',
          consumes: ['multipart/form-data', 'application/json'],
          response: { 201: z.object({ dataset: datasetSchema, warnings: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const user: User = request.auth.user;
        let input: IngestInput;
        if (request.isMultipart()) input = await uploadInput(request, maxBytes);
        else {
          const parsed = uriBody.safeParse(request.body ?? {});
          if (!parsed.success) throw new ValidationError('VALIDATION_FAILED', 'Send multipart/form-data with a file, or JSON {storage_uri}.', { details: { issues: parsed.error.issues } });
          const key = ownStorageKey(parsed.data.storage_uri, user.id);
          const bytes = await app.storage.getBytes(key);
          if (bytes.length > maxBytes) throw new StorageError('FILE_TOO_LARGE', `The object is larger than ${app.config.limits.max_file_mb} MB.`, { details: { key } });
          input = { bytes, fileName: key.split('/').pop() ?? 'data.csv', name: parsed.data.name, sheet: parsed.data.sheet };
        }
        const { dataset, table } = await ingestDataset(app, user, input, 'api');
        return reply.status(201).send({ dataset: presentDataset(dataset), warnings: [...table.warnings] });
      },
    );

    fastify.get(
      '/datasets',
      { schema: { tags: ['datasets'], summary: 'List your datasets (admins: everyone’s)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }), response: { 200: z.object({ datasets: z.array(datasetSchema) }) } } },
      async (request) => ({ datasets: (await app.store.datasets.list(request.auth.scope, request.query.limit)).map(presentDataset) }),
    );

    const load = async (request: { auth: { scope: { userId: string; admin?: boolean } } }, id: string) => {
      const row = await app.store.datasets.get(id, request.auth.scope);
      if (!row) throw new StorageError('OBJECT_NOT_FOUND', `No dataset "${id}".`, { details: { dataset_id: id } });
      return row;
    };

    fastify.get('/datasets/:id', { schema: { tags: ['datasets'], summary: 'One dataset', params: idParams, response: { 200: z.object({ dataset: datasetSchema }) } } }, async (request) => ({
      dataset: presentDataset(await load(request, request.params.id)),
    }));

    fastify.get('/datasets/:id/schema', { schema: { tags: ['datasets'], summary: 'The inferred schema (column kinds, target and task suggestions)', params: idParams } }, async (request) => {
      const row = await load(request, request.params.id);
      return { dataset_id: row.id, schema: JSON.parse(row.schema_json) as unknown };
    });

    fastify.get(
      '/datasets/:id/stats',
      { schema: { tags: ['datasets'], summary: 'Descriptive statistics and a correlation matrix', params: idParams, querystring: z.object({ corr: z.enum(['pearson', 'spearman', 'kendall']).default('pearson') }) } },
      async (request) => {
        const row = await load(request, request.params.id);
        const fileName = row.storage_key.split('/').pop() ?? row.name;
        const table = await readTableBytes(await app.storage.getBytes(row.storage_key), fileName, { limits: dataLimits(app.config.limits) });
        return { dataset_id: row.id, stats: statsReport(table, request.query.corr) };
      },
    );
  };
