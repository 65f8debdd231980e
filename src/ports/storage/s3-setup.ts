/**
 * One-time AWS S3 bucket setup (`sma setup aws`): default encryption (SSE AES256), public
 * access blocked, and lifecycle rules keyed on the `sma-kind` tag S3Storage puts on every
 * object it writes to AWS: datasets expire after 90 days; models move to Glacier after 30 days
 * and expire after 180; unfinished multipart uploads are cleaned after 1 day.
 */
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type LifecycleRule,
  type S3Client,
} from '@aws-sdk/client-s3';

export const KIND_TAG = 'sma-kind';

/** The lifecycle tag for a key: users/<u>/datasets/… → dataset, users/<u>/models/… → model. */
export function kindOfKey(key: string): 'dataset' | 'model' | undefined {
  const match = /^users\/[^/]+\/(datasets|models)\//.exec(key);
  if (!match) return undefined;
  return match[1] === 'datasets' ? 'dataset' : 'model';
}

export function lifecycleRules(): LifecycleRule[] {
  return [
    { ID: 'sma-datasets-expire-90d', Status: 'Enabled', Filter: { Tag: { Key: KIND_TAG, Value: 'dataset' } }, Expiration: { Days: 90 } },
    {
      ID: 'sma-models-glacier-30d-expire-180d',
      Status: 'Enabled',
      Filter: { Tag: { Key: KIND_TAG, Value: 'model' } },
      Transitions: [{ Days: 30, StorageClass: 'GLACIER' }],
      Expiration: { Days: 180 },
    },
    { ID: 'sma-abort-incomplete-multipart-1d', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
  ];
}

export interface AwsSetupResult {
  readonly bucket: string;
  readonly created: boolean;
  readonly steps: string[];
}

export async function setupAwsBucket(client: Pick<S3Client, 'send'>, bucket: string, options: { region: string; create?: boolean }): Promise<AwsSetupResult> {
  const steps: string[] = [];
  let created = false;
  const exists = await client.send(new HeadBucketCommand({ Bucket: bucket })).then(
    () => true,
    (error: unknown) => {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    },
  );
  if (!exists) {
    if (!options.create) throw new Error(`Bucket ${bucket} does not exist; rerun with --create to create it in ${options.region}.`);
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(options.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: options.region as BucketLocationConstraint } }),
      }),
    );
    created = true;
    steps.push(`created bucket ${bucket} in ${options.region}`);
  }
  await client.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  steps.push('blocked public access');
  await client.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    }),
  );
  steps.push('default encryption SSE AES256');
  await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: lifecycleRules() } }));
  steps.push('lifecycle: datasets expire after 90 days; models to Glacier after 30 days, expire after 180; stale multipart uploads removed after 1 day');
  return { bucket, created, steps };
}
