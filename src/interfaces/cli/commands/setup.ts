/**
 * `sma setup aws`: prepares the configured S3 bucket (SMA_S3_BUCKET, AWS_REGION, AWS
 * credentials): blocks public access, turns on SSE AES256 by default, and sets the lifecycle
 * rules (datasets expire after 90 days; models to Glacier after 30 days, expire after 180).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../../core/config/index.ts';
import { ConfigError, StorageError } from '../../../core/errors.ts';
import { S3Storage, s3OptionsFromConfig } from '../../../ports/storage/s3.ts';
import { mapS3Error } from '../../../ports/storage/s3-errors.ts';
import { setupAwsBucket } from '../../../ports/storage/s3-setup.ts';
import type { GlobalOptions } from '../context.ts';
import { action, printJson } from '../output.ts';

export function registerSetupCommand(program: Command): void {
  const setup = program.command('setup').description('one-time setup of cloud resources');
  setup
    .command('aws')
    .description('prepare the S3 bucket: encryption, no public access, lifecycle rules for datasets and models')
    .option('--bucket <name>', 'bucket to set up (default: SMA_S3_BUCKET)')
    .option('--create', 'create the bucket when it does not exist')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { bucket?: string; create?: boolean; json?: boolean }, command: Command) => {
        const global = command.optsWithGlobals<GlobalOptions>();
        const { config } = loadConfig({ file: global.config });
        const bucket = options.bucket ?? config.storage.s3.bucket;
        if (!bucket) {
          throw new ConfigError('CONFIG_INVALID', 'No bucket to set up.', { details: { 'storage.s3.bucket': null }, recovery: 'Pass --bucket <name> or set SMA_S3_BUCKET.' });
        }
        const storage = new S3Storage({ ...s3OptionsFromConfig({ ...config, storage: { ...config.storage, s3: { ...config.storage.s3, bucket } } }) });
        if (storage.variant !== 'aws') {
          storage.destroy();
          throw new ConfigError('CONFIG_INVALID', `sma setup aws needs AWS S3, but the endpoint is ${storage.variant} storage.`, {
            details: { endpoint: config.storage.s3.endpoint },
            recovery: 'Unset AWS_ENDPOINT_URL_S3 / storage.s3.endpoint, or set lifecycle rules with your storage provider’s own tools.',
          });
        }
        try {
          const result = await setupAwsBucket(storage.client, bucket, { region: config.storage.s3.region, create: options.create });
          if (options.json) printJson(result);
          else process.stdout.write(`Bucket ${bucket} is ready:\n${result.steps.map((s) => `  - ${s}`).join('\n')}\n`);
        } catch (error) {
          if (error instanceof Error && !(error instanceof StorageError) && /does not exist/.test(error.message)) {
            throw new StorageError('OBJECT_NOT_FOUND', error.message, { details: { bucket }, recovery: 'Rerun with --create, or check the bucket name and region.' });
          }
          throw mapS3Error(error, 'setup aws', bucket);
        } finally {
          storage.destroy();
        }
      }),
    );
}
