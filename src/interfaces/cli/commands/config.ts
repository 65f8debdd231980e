import type { Command } from 'commander';
import { inspectConfig, maskSecrets } from '../../../core/config/index.ts';
import { ConfigError } from '../../../core/errors.ts';
import { action, printJson, printTable } from '../output.ts';
import { stringify } from 'yaml';

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('check and show the configuration (defaults ← sma.config.yaml ← environment)');

  config
    .command('validate')
    .description('report every configuration problem at once: key, source, what is wrong, how to fix')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        const global = command.optsWithGlobals<{ config?: string }>();
        const result = inspectConfig({ file: global.config });
        if (options.json) {
          printJson({ valid: result.problems.length === 0, file: result.file ?? null, problems: result.problems });
        } else if (result.problems.length === 0) {
          process.stdout.write(`Configuration is valid${result.file ? ` (${result.file} + environment)` : ' (defaults + environment; no sma.config.yaml found)'}.\n`);
        } else {
          process.stdout.write(`Found ${result.problems.length} problem(s) in the configuration${result.file ? ` (${result.file})` : ''}:\n`);
          printTable(
            ['key', 'source', 'problem', 'how to fix'],
            result.problems.map((p) => [p.path, p.source, p.problem, p.fix]),
          );
        }
        if (result.problems.length > 0) process.exitCode = 1;
      }),
    );

  config
    .command('show')
    .description('print the effective configuration with secrets masked')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        const global = command.optsWithGlobals<{ config?: string }>();
        const result = inspectConfig({ file: global.config });
        if (!result.config) {
          throw new ConfigError('CONFIG_INVALID', `The configuration has ${result.problems.length} problem(s); run \`sma config validate\` to list them.`, {
            details: { file: result.file, problems: result.problems },
          });
        }
        const masked = maskSecrets(result.config);
        if (options.json) printJson(masked);
        else process.stdout.write(stringify(masked));
      }),
    );
}
