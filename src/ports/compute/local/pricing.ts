/** Local work costs nothing by default; workers.local_rate_usd_per_hour can charge for it. */
export const LOCAL_PRICING = {
  priced_at: '2026-11-01',
  default_rate_usd_per_hour: 0,
} as const;
