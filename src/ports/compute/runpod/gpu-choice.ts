/**
 * Which GPU types to try, best first: from the live catalog (availability ≠ NONE, cheapest
 * first) when the API answers, else from the dated pricing file (cheapest first, availability
 * unknown). createPod places one specific GPU and never falls back, so the provider tries these
 * candidates in order.
 */
import type { Cloud, GpuType } from './types.ts';
import { RUNPOD_PRICING } from './pricing.ts';

export interface GpuCandidate {
  readonly id: string;
  /** $/hour for one GPU in the chosen cloud. */
  readonly price: number;
  readonly source: 'catalog' | 'pricing-file';
  readonly availability?: string;
}

const RANK: Record<string, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

export function candidatesFromCatalog(gpus: readonly GpuType[], cloud: Cloud, wanted?: string): GpuCandidate[] {
  const key = cloud === 'SECURE' ? 'secure' : 'community';
  return gpus
    .filter((g) => g[key] && (wanted === undefined || g.id === wanted))
    .filter((g) => g.availability === undefined || g.availability !== 'NONE')
    .map((g) => ({ id: g.id, price: g.price[key], source: 'catalog' as const, availability: g.availability }))
    .filter((c) => c.price > 0)
    .sort((a, b) => a.price - b.price || (RANK[a.availability ?? 'LOW'] ?? 3) - (RANK[b.availability ?? 'LOW'] ?? 3));
}

export function candidatesFromPricingFile(cloud: Cloud, wanted?: string): GpuCandidate[] {
  const key = cloud === 'SECURE' ? 'secure' : 'community';
  return Object.entries(RUNPOD_PRICING.gpus as Record<string, { community: number; secure: number }>)
    .filter(([id]) => wanted === undefined || id === wanted)
    .map(([id, price]) => ({ id, price: price[key], source: 'pricing-file' as const }))
    .sort((a, b) => a.price - b.price);
}
