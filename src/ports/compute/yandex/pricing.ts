/**
 * Yandex Cloud Functions prices (converted to USD at the catalog date): per GB-hour of memory
 * time and per million invocations; Object Storage per GB-month. Dated.
 */
export const YANDEX_PRICING = {
  priced_at: '2026-11-01',
  functions: { usd_per_gb_hour: 0.0357, usd_per_million_invocations: 0.13, free_gb_hours_per_month: 10 },
  object_storage: { usd_per_gb_month: 0.0206 },
} as const;
