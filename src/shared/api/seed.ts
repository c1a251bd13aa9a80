import { z } from 'zod';

/** `POST /admin/seed-demo` (admins): fills an empty company with a believable demo one. */
export const seedDemoBodySchema = z.strictObject({
  users: z.number().int().min(10).max(5000).default(200),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
});
export const seedDemoResultSchema = z.object({
  departments: z.number().int(),
  users: z.number().int(),
});
export type SeedDemoResult = z.infer<typeof seedDemoResultSchema>;
