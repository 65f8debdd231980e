/**
 * The configuration schema: one zod object, defaults included. Precedence is
 * defaults ← sma.config.yaml ← environment (see load.ts); every key here can be set in the file
 * with the same snake_case path, and most have an environment variable (see env.ts).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const positive = z.coerce.number().positive();
const usd = z.coerce.number().nonnegative();
const booleanish = z.preprocess((v) => (typeof v === 'string' ? ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()) : v), z.boolean());
const url = z.url();
const providerName = z.enum(['runpod', 'runpod-serverless', 'aws-ec2-spot', 'aws-ec2', 'aws-lambda', 'yandex-functions', 'local']);
export type ProviderName = z.infer<typeof providerName>;

export const configSchema = z
  .object({
    home: z.string().min(1).default('./sma-data'),
    database_url: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
      .optional(),
    server: z
      .strictObject({
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(8080),
        public_url: url.optional(),
        body_limit_mb: positive.default(110),
      })
      .prefault({}),
    log: z
      .strictObject({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        pretty: booleanish.optional(),
      })
      .prefault({}),
    workers: z
      .strictObject({
        count: z.coerce.number().int().min(0).max(64).default(availableParallelism()),
        lease_seconds: z.coerce.number().int().min(5).max(3600).default(60),
        max_attempts: z.coerce.number().int().min(1).max(100).default(5),
        local_rate_usd_per_hour: usd.default(0),
      })
      .prefault({}),
    limits: z
      .strictObject({
        max_file_mb: positive.default(100),
        max_rows: z.coerce.number().int().positive().default(10_000_000),
        max_columns: z.coerce.number().int().positive().default(2000),
      })
      .prefault({}),
    budgets: z
      .strictObject({
        monthly_usd: usd.optional(),
        per_job_usd: usd.optional(),
      })
      .prefault({}),
    storage: z
      .strictObject({
        backend: z.enum(['local', 's3']).default('local'),
        s3: z
          .strictObject({
            bucket: z.string().min(3).max(63).optional(),
            region: z.string().min(1).default('us-east-1'),
            endpoint: url.optional(),
            force_path_style: booleanish.default(false),
            access_key_id: z.string().min(1).optional(),
            secret_access_key: z.string().min(1).optional(),
          })
          .prefault({}),
      })
      .prefault({}),
    telegram: z
      .strictObject({
        bot_token: z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-DEF (from @BotFather)').optional(),
        api_root: url.default('https://api.telegram.org'),
        allowed_users: z
          .preprocess(
            (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
            z.array(z.coerce.number().int().positive()),
          )
          .default([]),
      })
      .prefault({}),
    providers: z
      .strictObject({
        priority: z.array(providerName).min(1).default(['runpod', 'aws-ec2-spot', 'aws-ec2', 'local']),
        runpod: z
          .strictObject({
            api_key: z.string().min(1).optional(),
            rest_url: url.default('https://api.runpod.io'),
            serverless_url: url.default('https://api.runpod.ai'),
            endpoint_id: z.string().min(1).optional(),
            volume_id: z.string().min(1).optional(),
            worker_image: z.string().min(1).default('ghcr.io/sma/worker:latest'),
          })
          .prefault({}),
        aws: z
          .strictObject({
            region: z.string().min(1).default('us-east-1'),
            ec2_endpoint: url.optional(),
            lambda_endpoint: url.optional(),
            lambda_function: z.string().min(1).optional(),
            ec2_instance_type: z.string().min(1).default('c6i.xlarge'),
            ec2_ami: z.string().min(1).optional(),
            ec2_subnet: z.string().min(1).optional(),
            ec2_security_group: z.string().min(1).optional(),
            ec2_instance_profile: z.string().min(1).optional(),
          })
          .prefault({}),
        yandex: z
          .strictObject({
            api_key: z.string().min(1).optional(),
            iam_token: z.string().min(1).optional(),
            functions_url: url.default('https://functions.yandexcloud.net'),
            function_id: z.string().min(1).optional(),
            storage_url: url.default('https://storage.yandexcloud.net'),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .strict();

/**
 * Rules that involve several keys. They run on the raw merged values even when other keys are
 * invalid, so `sma config validate` can list every problem in one pass.
 */
export function crossFieldProblems(raw: Record<string, unknown>): Array<{ path: string; problem: string; fix: string }> {
  const get = (path: string): unknown =>
    path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), raw);
  const problems: Array<{ path: string; problem: string; fix: string }> = [];
  if (get('storage.backend') === 's3' && !get('storage.s3.bucket')) {
    problems.push({ path: 'storage.s3.bucket', problem: 'is required when storage.backend is s3', fix: 'set storage.s3.bucket or SMA_S3_BUCKET' });
  }
  if (get('providers.yandex.api_key') && get('providers.yandex.iam_token')) {
    problems.push({ path: 'providers.yandex.iam_token', problem: 'set either api_key or iam_token, not both', fix: 'remove one of them' });
  }
  return problems;
}

export type Config = z.infer<typeof configSchema>;
/** What a file may contain before defaults are applied. */
export type ConfigInput = z.input<typeof configSchema>;

/** Key paths whose values are secrets: never printed, never logged. */
export const SECRET_PATHS: readonly string[] = [
  'database_url',
  'storage.s3.secret_access_key',
  'telegram.bot_token',
  'providers.runpod.api_key',
  'providers.yandex.api_key',
  'providers.yandex.iam_token',
];
