/**
 * AWS list prices used when no live price is available. Dated: prices change, and estimates
 * say which date they are based on. On-demand and typical spot $/hour per instance type for
 * us-east-1 and eu-west-1 (spot varies by hour; the range shown to users covers that).
 */
export const AWS_PRICING = {
  priced_at: '2026-11-01',
  ec2: {
    'us-east-1': {
      'c6i.large': { vcpu: 2, memory_gb: 4, gpu: null, on_demand: 0.085, spot: 0.034 },
      'c6i.xlarge': { vcpu: 4, memory_gb: 8, gpu: null, on_demand: 0.17, spot: 0.068 },
      'c6i.2xlarge': { vcpu: 8, memory_gb: 16, gpu: null, on_demand: 0.34, spot: 0.136 },
      'c6i.4xlarge': { vcpu: 16, memory_gb: 32, gpu: null, on_demand: 0.68, spot: 0.27 },
      'm6i.xlarge': { vcpu: 4, memory_gb: 16, gpu: null, on_demand: 0.192, spot: 0.077 },
      'r6i.xlarge': { vcpu: 4, memory_gb: 32, gpu: null, on_demand: 0.252, spot: 0.1 },
      'g4dn.xlarge': { vcpu: 4, memory_gb: 16, gpu: 'T4', on_demand: 0.526, spot: 0.21 },
      'g5.xlarge': { vcpu: 4, memory_gb: 16, gpu: 'A10G', on_demand: 1.006, spot: 0.4 },
    },
    'eu-west-1': {
      'c6i.large': { vcpu: 2, memory_gb: 4, gpu: null, on_demand: 0.092, spot: 0.037 },
      'c6i.xlarge': { vcpu: 4, memory_gb: 8, gpu: null, on_demand: 0.184, spot: 0.074 },
      'c6i.2xlarge': { vcpu: 8, memory_gb: 16, gpu: null, on_demand: 0.368, spot: 0.147 },
      'm6i.xlarge': { vcpu: 4, memory_gb: 16, gpu: null, on_demand: 0.214, spot: 0.086 },
      'g4dn.xlarge': { vcpu: 4, memory_gb: 16, gpu: 'T4', on_demand: 0.587, spot: 0.235 },
    },
  },
  lambda: { usd_per_gb_second: 0.0000166667, usd_per_million_requests: 0.2 },
  s3: { usd_per_gb_month: 0.023, glacier_usd_per_gb_month: 0.0036, usd_per_1000_put: 0.005, usd_per_1000_get: 0.0004 },
} as const;
