// Offline sync: a device asks "what changed since revision N" and applies the answer to its cache.
import { z } from 'zod';
import { Instant, StudentId, Uuid } from './common.ts';
import { Embedding } from './embeddings.ts';
import { Student } from './students.ts';
import { MODEL_IDS } from './models.ts';

export const SyncQuery = z.strictObject({
  since: z.coerce.number().int().min(0).default(0),
  /** Only embeddings of this model (a device runs one model). */
  modelId: z.enum(MODEL_IDS).optional(),
  /** Rows per page (a student or an embedding each); when `more` is true, ask again with since=revision and the answer's cursor. */
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
  /** The next page of a whole set (since=0), as the previous page's answer gave it. */
  cursor: z.string().min(1).max(512).optional(),
});

export const SyncResponse = z.object({
  since: z.number().int(),
  revision: z.number().int(),
  more: z.boolean(),
  /**
   * Set while a whole set has pages left: ask with since=0 and this cursor. Its pages read the
   * current rows, and `revision` stays 0 until the last page, which gives the revision where the
   * whole set began: the delta from there brings what changed while the pages were read.
   */
  cursor: z.string().nullable(),
  /** The device asked for a revision this server never reached (e.g. after a restore): drop the cache and apply this as the whole set. */
  reset: z.boolean(),
  /**
   * The caller sees only some classes (a teacher, or a classroom device): its cache must hold only
   * students on its cached classes' rosters, so after the last page it drops any other, with their
   * embeddings (a student taken off its rosters, or whose class was deleted). False for an admin,
   * who keeps every student.
   */
  scoped: z.boolean(),
  students: z.object({ upserted: z.array(Student), deleted: z.array(StudentId) }),
  embeddings: z.object({ upserted: z.array(Embedding.required({ vector: true })), deleted: z.array(Uuid) }),
  classes: z.object({
    upserted: z.array(z.object({ id: Uuid, name: z.string(), studentIds: z.array(StudentId) })),
    deleted: z.array(Uuid),
  }),
  serverTime: Instant,
});
export type SyncResponse = z.infer<typeof SyncResponse>;

/** What anyone may know: whether the server and its database work; `draining` while an instance shuts down. */
export const HealthStatus = z.object({ status: z.enum(['ok', 'degraded', 'draining']) });
/** What an admin also sees; versions and migration levels would only help an attacker choose an exploit. */
export const HealthDetails = HealthStatus.extend({
  version: z.string(),
  database: z.object({ dialect: z.enum(['mysql', 'sqlite']), reachable: z.boolean(), migration: z.string().nullable(), pending: z.number().int() }),
  time: Instant,
});
export type HealthDetails = z.infer<typeof HealthDetails>;
export const Health = z.union([HealthDetails, HealthStatus]);
export type Health = z.infer<typeof Health>;
