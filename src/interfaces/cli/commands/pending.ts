/**
 * Commands of the design whose capability is not built yet. They are listed in --help with
 * their real options so the contract is visible, and say plainly that they do not work yet.
 */
import type { Command } from 'commander';
import { notBuilt } from '../not-built.ts';
import { action } from '../output.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPendingCommands(program: Command): void {
  program
    .command('train <file>')
    .description('train a model on a data file (not built yet: issue 5)')
    .requiredOption('--target <col>', 'the column to predict')
    .option('--model <type>', 'linear ridge lasso elasticnet polynomial logistic decision_tree random_forest gradient_boosting mlp naive_bayes knn svm auto')
    .option('--task <task>', 'regression | classification (inferred when omitted)')
    .option('--name <name>', 'model name (3–100 characters)')
    .option('--param <key=value>', 'a hyperparameter, repeatable', collect)
    .option('--test-size <fraction>', 'held-out fraction for the metrics', '0.2')
    .option('--seed <n>', 'random seed', '42')
    .option('--json', 'print one JSON object')
    .action(action(async (_file: string, _options: { json?: boolean }) => notBuilt('train', 'issue 5')));

  program
    .command('predict <model> <file>')
    .description('predict with a model (id or name) on a data file (not built yet: issue 5)')
    .option('--out <file>', 'write the input columns plus <target>_predicted to a CSV file')
    .option('--proba', 'add one <target>_proba_<class> column per class')
    .option('--json', 'print one JSON object')
    .action(action(async (_model: string, _file: string, _options: { json?: boolean }) => notBuilt('predict', 'issue 5')));

  program
    .command('stats <file>')
    .description('describe a data file: schema, statistics, correlations (not built yet: issue 4)')
    .option('--corr <method>', 'pearson | spearman | kendall', 'pearson')
    .option('--json', 'print one JSON object')
    .action(action(async (_file: string, _options: { json?: boolean }) => notBuilt('stats', 'issue 4')));

  program
    .command('worker')
    .description('run queued jobs (the same code as cloud workers) (not built yet: issue 7)')
    .option('--once', 'run at most one job, then exit')
    .action(action(async () => notBuilt('worker', 'issue 7')));
}
