/**
 * RunPod prices used when the catalog API (/v2/catalog/gpus) does not answer. Dated. Pods bill
 * per second; community cloud is cheaper than secure cloud. Serverless bills per second of
 * worker time (flex); network volumes per GB-month.
 */
export const RUNPOD_PRICING = {
  priced_at: '2026-11-01',
  gpus: {
    'NVIDIA GeForce RTX 3090': { memory_gb: 24, community: 0.22, secure: 0.43 },
    'NVIDIA GeForce RTX 4090': { memory_gb: 24, community: 0.34, secure: 0.69 },
    'NVIDIA RTX A5000': { memory_gb: 24, community: 0.16, secure: 0.27 },
    'NVIDIA L4': { memory_gb: 24, community: 0.28, secure: 0.43 },
    'NVIDIA A40': { memory_gb: 48, community: 0.35, secure: 0.44 },
    'NVIDIA L40S': { memory_gb: 48, community: 0.79, secure: 0.86 },
    'NVIDIA A100 80GB PCIe': { memory_gb: 80, community: 1.19, secure: 1.64 },
    'NVIDIA H100 80GB HBM3': { memory_gb: 80, community: 2.39, secure: 2.99 },
  },
  cpu_pod_usd_per_vcpu_hour: 0.03,
  serverless_flex_usd_per_second: { 'NVIDIA RTX A5000': 0.00019, 'NVIDIA L4': 0.00019, 'NVIDIA A40': 0.00034, 'NVIDIA A100 80GB PCIe': 0.00076 },
  network_volume_usd_per_gb_month: 0.07,
} as const;
