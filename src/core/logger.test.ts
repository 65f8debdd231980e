import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('logger', () => {
  it('writes JSON lines to stderr and scrubs secrets wherever they appear', () => {
    const script = `
      import { createLogger } from './src/core/logger.ts';
      const log = createLogger({ pretty: false, secrets: ['hunter22secret'] });
      log.info({ job_id: 'job_1', url: 'postgres://u:hunter22secret@h/db', api_key: 'abc' }, 'connecting with hunter22secret');
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    const line = JSON.parse(result.stderr.trim().split('\n').pop()!);
    expect(line.job_id).toBe('job_1');
    expect(line.api_key).toBe('[redacted]');
    expect(result.stderr).not.toContain('hunter22secret');
  });
});
