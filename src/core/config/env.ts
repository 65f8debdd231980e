/**
 * Environment variables and the config key each sets (DESIGN.md's list). Values stay strings
 * here; the schema coerces them, and problems are reported under the variable's name.
 */
export const ENV_KEYS: ReadonlyArray<readonly [envVar: string, path: string]> = [
  ['SMA_HOME', 'home'],
  ['DATABASE_URL', 'database_url'],
  ['SMA_HOST', 'server.host'],
  ['SMA_PORT', 'server.port'],
  ['SMA_PUBLIC_URL', 'server.public_url'],
  ['SMA_LOG_LEVEL', 'log.level'],
  ['SMA_LOG_PRETTY', 'log.pretty'],
  ['SMA_WORKERS', 'workers.count'],
  ['SMA_LEASE_SECONDS', 'workers.lease_seconds'],
  ['SMA_MAX_ATTEMPTS', 'workers.max_attempts'],
  ['SMA_LOCAL_RATE_USD_PER_HOUR', 'workers.local_rate_usd_per_hour'],
  ['SMA_MAX_FILE_MB', 'limits.max_file_mb'],
  ['SMA_MAX_ROWS', 'limits.max_rows'],
  ['SMA_MAX_COLUMNS', 'limits.max_columns'],
  ['SMA_BUDGET_MONTHLY_USD', 'budgets.monthly_usd'],
  ['SMA_BUDGET_PER_JOB_USD', 'budgets.per_job_usd'],
  ['SMA_STORAGE', 'storage.backend'],
  ['SMA_S3_BUCKET', 'storage.s3.bucket'],
  ['AWS_REGION', 'storage.s3.region'],
  ['AWS_ENDPOINT_URL', 'storage.s3.endpoint'],
  // The service-specific variable wins over the generic one, as in the AWS SDKs.
  ['AWS_ENDPOINT_URL_S3', 'storage.s3.endpoint'],
  ['SMA_S3_FORCE_PATH_STYLE', 'storage.s3.force_path_style'],
  ['AWS_ACCESS_KEY_ID', 'storage.s3.access_key_id'],
  ['AWS_SECRET_ACCESS_KEY', 'storage.s3.secret_access_key'],
  ['TELEGRAM_BOT_TOKEN', 'telegram.bot_token'],
  ['TELEGRAM_API_ROOT', 'telegram.api_root'],
  ['TELEGRAM_ALLOWED_USERS', 'telegram.allowed_users'],
  ['SMA_PROVIDER_PRIORITY', 'providers.priority'],
  ['RUNPOD_API_KEY', 'providers.runpod.api_key'],
  ['RUNPOD_REST_URL', 'providers.runpod.rest_url'],
  ['RUNPOD_SERVERLESS_URL', 'providers.runpod.serverless_url'],
  ['RUNPOD_ENDPOINT_ID', 'providers.runpod.endpoint_id'],
  ['RUNPOD_VOLUME_ID', 'providers.runpod.volume_id'],
  ['SMA_RUNPOD_IMAGE', 'providers.runpod.worker_image'],
  ['AWS_REGION', 'providers.aws.region'],
  ['AWS_ENDPOINT_URL_EC2', 'providers.aws.ec2_endpoint'],
  ['AWS_ENDPOINT_URL_LAMBDA', 'providers.aws.lambda_endpoint'],
  ['SMA_LAMBDA_FUNCTION', 'providers.aws.lambda_function'],
  ['SMA_EC2_INSTANCE_TYPE', 'providers.aws.ec2_instance_type'],
  ['SMA_EC2_AMI', 'providers.aws.ec2_ami'],
  ['SMA_EC2_SUBNET', 'providers.aws.ec2_subnet'],
  ['SMA_EC2_SECURITY_GROUP', 'providers.aws.ec2_security_group'],
  ['SMA_EC2_INSTANCE_PROFILE', 'providers.aws.ec2_instance_profile'],
  ['YANDEX_API_KEY', 'providers.yandex.api_key'],
  ['YANDEX_IAM_TOKEN', 'providers.yandex.iam_token'],
  ['YANDEX_FUNCTIONS_URL', 'providers.yandex.functions_url'],
  ['YANDEX_FUNCTION_ID', 'providers.yandex.function_id'],
  ['YANDEX_STORAGE_URL', 'providers.yandex.storage_url'],
];

/** Paths whose env value is a comma-separated list. */
const LIST_PATHS = new Set(['providers.priority']);

export interface EnvOverlay {
  readonly values: Record<string, unknown>;
  /** config path → the env variable that set it */
  readonly sources: Map<string, string>;
}

export function envOverlay(env: NodeJS.ProcessEnv): EnvOverlay {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [name, path] of ENV_KEYS) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = LIST_PATHS.has(path) ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
    setPath(values, path, value);
    sources.set(path, name);
  }
  return { values, sources };
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
