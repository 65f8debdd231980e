/**
 * Renders a job's event stream on the terminal: a progress bar (stage, %, metric so far) when
 * stderr is a TTY, plain stage lines otherwise. Never writes to stdout (that is for results).
 */
import cliProgress from 'cli-progress';
import type { JobStreamEvent } from '../../services/jobs/event-stream.ts';

export interface ProgressView {
  onEvent(event: JobStreamEvent): void;
  stop(): void;
}

export function createProgressView(quiet: boolean): ProgressView {
  if (quiet) return { onEvent: () => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) {
    let lastStage = '';
    return {
      onEvent(event) {
        const stage = String(event.payload.stage ?? '');
        if (event.type === 'progress' && stage !== lastStage) {
          lastStage = stage;
          process.stderr.write(`  ${stage} …\n`);
        } else if (event.type === 'log' && (event.payload.level === 'warn' || event.payload.level === 'error')) {
          process.stderr.write(`  ${event.payload.level}: ${String(event.payload.message)}\n`);
        } else if (event.type === 'cost') process.stderr.write(`  cost: ${String(event.payload.message)}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '  {bar} {percentage}% | {stage} {metric}', stream: process.stderr, hideCursor: true, clearOnComplete: false, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { stage: 'queued', metric: '' });
  return {
    onEvent(event) {
      if (event.type === 'progress') {
        const metrics = event.payload.metrics as Record<string, number> | undefined;
        const metric = metrics ? Object.entries(metrics).slice(0, 2).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(4) : String(v)}`).join(' ') : '';
        bar.update(Number(event.payload.percent ?? 0), { stage: String(event.payload.stage ?? ''), metric });
      } else if (event.type === 'state') {
        bar.update({ stage: String(event.payload.to ?? '') });
      }
    },
    stop: () => bar.stop(),
  };
}
