/** Gradient losses by name (one factory map; an unknown name lists the valid ones). */
import { TrainingError } from '../../../core/errors.ts';
import { AbsoluteErrorLoss } from './absolute-error.ts';
import type { GradientLoss } from './gradient-loss.ts';
import { HuberLoss } from './huber.ts';
import { LogLoss } from './log-loss.ts';
import { SoftmaxCrossEntropyLoss } from './softmax-cross-entropy.ts';
import { SquaredErrorLoss } from './squared-error.ts';

export const gradientLosses = {
  squared_error: () => new SquaredErrorLoss(),
  absolute_error: () => new AbsoluteErrorLoss(),
  huber: () => new HuberLoss(),
  log_loss: () => new LogLoss(),
  softmax_cross_entropy: () => new SoftmaxCrossEntropyLoss(),
} satisfies Record<string, () => GradientLoss>;

export type GradientLossName = keyof typeof gradientLosses;

export function createGradientLoss(name: string): GradientLoss {
  const factory = (gradientLosses as Record<string, (() => GradientLoss) | undefined>)[name];
  if (factory === undefined) {
    throw new TrainingError('INVALID_PARAMS', `Unknown loss "${name}"; valid: ${Object.keys(gradientLosses).join(', ')}`, {
      details: { loss: name, valid: Object.keys(gradientLosses) },
    });
  }
  return factory();
}
