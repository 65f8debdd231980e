/** Parameters of the `auto` model (kept apart from models/auto.ts so the registry can import them without a cycle). */
import { z } from 'zod';

export const autoParamsSchema = z.strictObject({
  time_budget_s: z.number().positive().max(86_400).default(60).describe('Time for the whole search (the final refit on all rows comes after).'),
  folds: z.number().int().min(2).max(10).default(3).describe('Cross-validation folds per candidate.'),
  max_search_rows: z.number().int().min(100).default(20_000).describe('Rows sampled for the search on large data (the winner is refit on every row).'),
  models: z.array(z.string()).nullable().default(null).describe('Model types to consider; null = every registered type for the task.'),
});
export type AutoParams = z.output<typeof autoParamsSchema>;
