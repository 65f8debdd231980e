import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSetupCommand } from '../../src/interfaces/cli/commands/setup.ts';
import { S3Storage } from '../../src/ports/storage/index.ts';
import { kindOfKey, lifecycleRules, setupAwsBucket } from '../../src/ports/storage/s3-setup.ts';
import { startS3Emulator } from '../emulators/s3/server.ts';

describe('sma setup aws', () => {
  it('tags datasets and models for the lifecycle rules', () => {
    expect(kindOfKey('users/u1/datasets/ds1/wine.csv')).toBe('dataset');
    expect(kindOfKey('users/u1/models/m1/model.json')).toBe('model');
    expect(kindOfKey('users/u1/jobs/j1/spec.json')).toBeUndefined();
    const rules = lifecycleRules();
    expect(rules.find((r) => r.Filter?.Tag?.Value === 'dataset')).toMatchObject({ Status: 'Enabled', Expiration: { Days: 90 } });
    expect(rules.find((r) => r.Filter?.Tag?.Value === 'model')).toMatchObject({ Transitions: [{ Days: 30, StorageClass: 'GLACIER' }], Expiration: { Days: 180 } });
  });

  it('creates the bucket when asked, then blocks public access, encrypts and sets lifecycle', async () => {
    const sent: Array<{ name: string; input: unknown }> = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        if (command.constructor.name === 'HeadBucketCommand') throw Object.assign(new Error('NotFound'), { $metadata: { httpStatusCode: 404 } });
        return {};
      },
    } as unknown as Parameters<typeof setupAwsBucket>[0];
    await expect(setupAwsBucket(client, 'b1', { region: 'eu-west-1' })).rejects.toThrow(/--create/);
    const result = await setupAwsBucket(client, 'b1', { region: 'eu-west-1', create: true });
    expect(result.created).toBe(true);
    expect(sent.slice(-5).map((s) => s.name)).toEqual([
      'HeadBucketCommand',
      'CreateBucketCommand',
      'PutPublicAccessBlockCommand',
      'PutBucketEncryptionCommand',
      'PutBucketLifecycleConfigurationCommand',
    ]);
    expect(sent.find((s) => s.name === 'CreateBucketCommand')?.input).toMatchObject({ CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
    expect(sent.at(-1)?.input).toMatchObject({ LifecycleConfiguration: { Rules: lifecycleRules() } });
  });

  it('registers `setup aws` on the CLI', () => {
    const program = new Command();
    registerSetupCommand(program);
    const setup = program.commands.find((c) => c.name() === 'setup');
    expect(setup?.commands.map((c) => c.name())).toEqual(['aws']);
  });

  it('writes AWS objects with SSE AES256 and the lifecycle tag', async () => {
    const s3 = await startS3Emulator('sma-aws-variant');
    const storage = new S3Storage({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', variant: 'aws' });
    try {
      await storage.put('users/u1/datasets/d1/a.csv', Buffer.from('a,b\n1,2\n'));
      expect((await storage.getBytes('users/u1/datasets/d1/a.csv')).toString()).toBe('a,b\n1,2\n');
      const index = s3.requests.findIndex((r) => r.startsWith('PUT /sma-aws-variant/users/u1/datasets/d1/a.csv'));
      expect(s3.headers[index]).toMatchObject({ 'x-amz-server-side-encryption': 'AES256', 'x-amz-tagging': 'sma-kind=dataset' });
    } finally {
      storage.destroy();
      await s3.close();
    }
  });
});
