/**
 * `sma`: the command line. Thin: parse input → call a service → render output.
 */
import { Command } from 'commander';
import { VERSION } from '../../core/version.ts';
import { registerConfigCommand } from './commands/config.ts';
import { registerCostsCommand } from './commands/costs.ts';
import { registerJobsCommand } from './commands/jobs.ts';
import { registerModelsCommand } from './commands/models.ts';
import { registerPredictCommand } from './commands/predict.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSetupCommand } from './commands/setup.ts';
import { registerStatsCommand } from './commands/stats.ts';
import { registerTrainCommand } from './commands/train.ts';
import { registerUsersCommand } from './commands/users.ts';
import { registerWorkerCommand } from './commands/worker.ts';

export function buildProgram(): Command {
  const program = new Command('sma')
    .description('Statistical Modeling Agent: train, evaluate and serve models on your tabular data')
    .version(VERSION, '-V, --version')
    .option('--config <file>', 'configuration file (default: ./sma.config.yaml, or SMA_CONFIG)')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Data lives under SMA_HOME (default ./sma-data): an SQLite database and local storage.
DATABASE_URL=postgres://… switches to PostgreSQL. --json prints one JSON object on stdout; logs go to stderr.

Examples:
  sma serve                                   start the API on http://127.0.0.1:8080
  sma stats data.csv --corr spearman          describe a file
  sma config validate                         check sma.config.yaml and the environment`,
    );
  registerServeCommand(program);
  registerTrainCommand(program);
  registerPredictCommand(program);
  registerModelsCommand(program);
  registerStatsCommand(program);
  registerJobsCommand(program);
  registerCostsCommand(program);
  registerWorkerCommand(program);
  registerUsersCommand(program);
  registerConfigCommand(program);
  registerSetupCommand(program);
  return program;
}

// `sma stats big.csv | head`: a reader that closes the pipe early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await buildProgram().parseAsync(process.argv);
// A worker started over IPC must not be kept alive by the channel once its command is done.
if (process.connected) process.disconnect();
