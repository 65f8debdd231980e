/**
 * Dtypes of the histogram GBDT, declared once with the reason for each (as sklearn's
 * `_gradient_boosting/common.pxd` does).
 */

/** Value bins per feature: with the missing bin they fill a byte, so bin codes are a Uint8Array. */
export const MAX_VALUE_BINS = 255;
/** Bin code of missing values (NaN), and of unknown categories at predict time. */
export const MISSING_BIN = 255;
/** Bins in one feature histogram: value bins + the missing bin. */
export const HIST_BINS = 256;
/**
 * One histogram entry is [sum of gradients, sum of hessians, row count], float64: gradients are
 * float32 (half the memory traffic) but sums over a million rows need float64 to stay exact enough.
 */
export const HIST_STRIDE = 3;
/** Float64 values per feature histogram. */
export const FEATURE_HIST_SIZE = HIST_BINS * HIST_STRIDE;

/** Bin codes, column-major: code of (row i, feature f) at f * nRows + i (one feature is contiguous). */
export type BinCodes = Uint8Array;
/** Gradients / hessians: float32 like sklearn's G_H_DTYPE (bandwidth-bound loops, sums in float64). */
export type GradArray = Float32Array;
/** Raw predictions and targets: float64. */
export type ValueArray = Float64Array;

/** Categories must have codes 0..254 to fit one byte beside the missing bin. */
export const MAX_CATEGORIES = MAX_VALUE_BINS;
/** Words of a categorical split bitset (256 bits). */
export const BITSET_WORDS = 8;
