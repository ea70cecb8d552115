// Schemas reused across resources: ids, times, paging.
import { z } from 'zod';

/** A school's own student id ("S001"): URL-safe so it can sit in a path and a folder name. */
export const StudentId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only, starting with a letter or digit');

export const Uuid = z.uuid();

/** An instant with its zone, e.g. 2026-11-24T08:59:03.120+01:00 (a device's local time keeps its offset). */
export const Instant = z.iso.datetime({ offset: true });

/** A calendar day, YYYY-MM-DD. */
export const Day = z.iso.date();

export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
};

export const IdParams = z.strictObject({ id: Uuid });

export const Ok = z.object({ ok: z.literal(true) });
