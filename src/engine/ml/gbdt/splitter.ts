/**
 * Best split of a node from its histograms. Numeric features: left = bins ≤ b, with the missing
 * bin tried on each side (LightGBM/sklearn). Categorical features: categories with enough hessian
 * are sorted by g/(h + smoothing) and prefixes of that order (from either end) are tried as the
 * left set (Fisher's ordering, as LightGBM and sklearn do). Gain is
 * G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ).
 */
import { BITSET_WORDS, FEATURE_HIST_SIZE, HIST_STRIDE, MISSING_BIN } from './dtypes.ts';

export interface SplitParams {
  readonly l2: number;
  readonly minSamplesLeaf: number;
  readonly minHessian: number;
  readonly minGain: number;
}

export interface SplitInfo {
  gain: number;
  feature: number;
  /** Numeric: left holds bins ≤ bin. */
  bin: number;
  missingLeft: boolean;
  /** Categorical: bins (codes) that go left; null for numeric splits. */
  catBitset: Uint32Array | null;
  gL: number;
  hL: number;
  cL: number;
  gR: number;
  hR: number;
  cR: number;
}

export interface FeatureInfo {
  readonly nBins: Int32Array;
  readonly isCategorical: Uint8Array;
}

const MIN_CAT_SUPPORT = 10;
const CAT_SMOOTH = 10;
const MAX_CAT_THRESHOLD = 64;

/** Reused buffers of the categorical scan (no allocation per node). */
const catBins = new Int32Array(256);
const catRatio = new Float64Array(256);
const catOrder = new Int32Array(256);

export function findBestSplit(
  pool: Float64Array,
  offset: number,
  features: FeatureInfo,
  featureMask: Uint8Array | null,
  G: number,
  H: number,
  C: number,
  p: SplitParams,
): SplitInfo | null {
  const nFeatures = features.nBins.length;
  const l2 = p.l2;
  const parentScore = (G * G) / (H + l2);
  let best: SplitInfo | null = null;
  let bestGain = p.minGain > 0 ? p.minGain : 1e-12;
  for (let f = 0; f < nFeatures; f++) {
    if (featureMask !== null && featureMask[f] === 0) continue;
    const h = offset + f * FEATURE_HIST_SIZE;
    const nb = features.nBins[f];
    const mOff = h + MISSING_BIN * HIST_STRIDE;
    const gM = pool[mOff];
    const hM = pool[mOff + 1];
    const cM = pool[mOff + 2];
    if (features.isCategorical[f]) {
      const found = categoricalSplit(pool, h, nb, f, G, H, C, gM, hM, cM, parentScore, bestGain, p);
      if (found !== null) {
        best = found;
        bestGain = found.gain;
      }
      continue;
    }
    // missing goes right (also tries "all values left, missing right" when there are missing values)
    let gL = 0;
    let hL = 0;
    let cL = 0;
    const lastBin = cM > 0 ? nb - 1 : nb - 2;
    for (let b = 0; b <= lastBin; b++) {
      const o = h + b * HIST_STRIDE;
      gL += pool[o];
      hL += pool[o + 1];
      cL += pool[o + 2];
      if (cL < p.minSamplesLeaf || hL < p.minHessian) continue;
      const cR = C - cL;
      const hR = H - hL;
      if (cR < p.minSamplesLeaf) break;
      if (hR < p.minHessian) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { gain, feature: f, bin: b, missingLeft: false, catBitset: null, gL, hL, cL, gR, hR, cR };
      }
    }
    if (cM === 0) continue;
    // missing goes left
    gL = gM;
    hL = hM;
    cL = cM;
    for (let b = 0; b <= nb - 2; b++) {
      const o = h + b * HIST_STRIDE;
      gL += pool[o];
      hL += pool[o + 1];
      cL += pool[o + 2];
      if (cL < p.minSamplesLeaf || hL < p.minHessian) continue;
      const cR = C - cL;
      const hR = H - hL;
      if (cR < p.minSamplesLeaf) break;
      if (hR < p.minHessian) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { gain, feature: f, bin: b, missingLeft: true, catBitset: null, gL, hL, cL, gR, hR, cR };
      }
    }
  }
  return best;
}

function categoricalSplit(
  pool: Float64Array,
  h: number,
  nb: number,
  f: number,
  G: number,
  H: number,
  C: number,
  gM: number,
  hM: number,
  cM: number,
  parentScore: number,
  minGain: number,
  p: SplitParams,
): SplitInfo | null {
  let used = 0;
  for (let b = 0; b < nb; b++) {
    const o = h + b * HIST_STRIDE;
    if (pool[o + 1] >= MIN_CAT_SUPPORT || (pool[o + 2] >= MIN_CAT_SUPPORT && pool[o + 1] > 0)) {
      catBins[used] = b;
      catRatio[used] = pool[o] / (pool[o + 1] + CAT_SMOOTH);
      used++;
    }
  }
  if (cM >= MIN_CAT_SUPPORT) {
    catBins[used] = MISSING_BIN;
    catRatio[used] = gM / (hM + CAT_SMOOTH);
    used++;
  }
  if (used < 2) return null;
  for (let i = 0; i < used; i++) catOrder[i] = i;
  // insertion sort: ≤ 256 entries, stable, allocation-free
  for (let i = 1; i < used; i++) {
    const v = catOrder[i];
    let j = i - 1;
    while (j >= 0 && catRatio[catOrder[j]] > catRatio[v]) {
      catOrder[j + 1] = catOrder[j];
      j--;
    }
    catOrder[j + 1] = v;
  }
  const l2 = p.l2;
  const limit = Math.min((used + 1) >> 1, MAX_CAT_THRESHOLD);
  let best: SplitInfo | null = null;
  let bestGain = minGain;
  let bestDir = 0;
  let bestLen = 0;
  for (let dir = 0; dir < 2; dir++) {
    let gL = 0;
    let hL = 0;
    let cL = 0;
    for (let j = 0; j < limit; j++) {
      const b = catBins[catOrder[dir === 0 ? j : used - 1 - j]];
      const o = h + b * HIST_STRIDE;
      gL += pool[o];
      hL += pool[o + 1];
      cL += pool[o + 2];
      if (cL < p.minSamplesLeaf || hL < p.minHessian) continue;
      const cR = C - cL;
      const hR = H - hL;
      if (cR < p.minSamplesLeaf) break;
      if (hR < p.minHessian) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestDir = dir;
        bestLen = j + 1;
        best = { gain, feature: f, bin: -1, missingLeft: false, catBitset: null, gL, hL, cL, gR, hR, cR };
      }
    }
  }
  if (best === null) return null;
  const bits = new Uint32Array(BITSET_WORDS);
  for (let j = 0; j < bestLen; j++) {
    const b = catBins[catOrder[bestDir === 0 ? j : used - 1 - j]];
    bits[b >>> 5] |= 1 << (b & 31);
  }
  best.catBitset = bits;
  best.missingLeft = (bits[MISSING_BIN >>> 5] & (1 << (MISSING_BIN & 31))) !== 0;
  return best;
}

/** Whether bin code b goes left under a categorical bitset. */
export function inBitset(bits: Uint32Array, offset: number, b: number): boolean {
  return (bits[offset + (b >>> 5)] & (1 << (b & 31))) !== 0;
}
