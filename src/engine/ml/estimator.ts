/**
 * The estimator contract, in scikit-learn's spirit: a constructor records hyperparameters only,
 * `fit` learns and fills a separate `fitted` state, and `{params, fitted}` is the whole
 * serialised form. Every model in `models/` implements it and is registered by name.
 */

export type Task = 'regression' | 'classification';

/** Dense row-major matrix of features after preprocessing. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export interface FitProgress {
  /** Completed iterations (trees, epochs, passes…). */
  readonly iteration: number;
  /** Planned iterations when known. */
  readonly total?: number;
  /** A training/validation metric so far, e.g. { val_loss: 0.31 }. */
  readonly metrics?: Readonly<Record<string, number>>;
}

export interface FitOptions {
  /** Seed for every random choice; the same seed gives the same model. */
  readonly seed?: number;
  readonly sampleWeight?: Float64Array;
  /** Number of classes for classification (y holds class indices 0..nClasses-1). */
  readonly nClasses?: number;
  readonly onProgress?: (progress: FitProgress) => void;
  /** Stops training between iterations; the estimator keeps what it has learned so far. */
  readonly signal?: AbortSignal;
}

export interface SerializedEstimator<P = unknown, F = unknown> {
  readonly type: string;
  readonly params: P;
  readonly fitted: F;
}

export interface Estimator<P = unknown, F = unknown> {
  readonly type: string;
  readonly task: Task;
  readonly params: Readonly<P>;
  /** Learned state; undefined until fit. */
  readonly fitted: F | undefined;
  /**
   * y: regression targets, or class indices 0..k-1 for classification.
   */
  fit(X: Matrix, y: Float64Array, options?: FitOptions): Promise<this> | this;
  /** Regression values, or class indices for classification. */
  predict(X: Matrix): Float64Array;
  /** Row-major rows × nClasses probabilities (classification only). */
  predictProba?(X: Matrix): Float64Array;
  toJSON(): SerializedEstimator<P, F>;
  /**
   * Restores learned state read back from an artifact (the inverse of toJSON().fitted, typed
   * arrays included). Optional: without it the artifact loader sets `fitted` directly.
   */
  setFitted?(fitted: F): void;
}

/** Builds an unfitted estimator from validated params (what registry entries wrap). */
export type EstimatorFactory = (params: Record<string, unknown> | undefined, task: Task) => Estimator;
