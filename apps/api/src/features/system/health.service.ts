// /api/health and /health: is the database reachable and migrated. Anyone learns "ok" or
// "degraded"; only an admin learns the version, dialect and migration level, which would tell an
// attacker which known flaw to try.
import { sql } from 'kysely';
import type { Health, HealthDetails } from '@rollcall/contracts';
import { LATEST_MIGRATION, migrationLevel } from '../../db/migrator.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';

export const VERSION = '0.1.0';

export function healthService(ctx: ServiceContext) {
  async function details(): Promise<HealthDetails> {
    try {
      await sql`select 1`.execute(ctx.db);
      const level = await migrationLevel(ctx.db);
      const ok = level.pending === 0 && level.current === LATEST_MIGRATION;
      return {
        status: ok ? 'ok' : 'degraded',
        version: VERSION,
        database: { dialect: ctx.dialect, reachable: true, migration: level.current, pending: level.pending },
        time: toIso(ctx.now()),
      };
    } catch {
      return {
        status: 'degraded',
        version: VERSION,
        database: { dialect: ctx.dialect, reachable: false, migration: null, pending: 0 },
        time: toIso(ctx.now()),
      };
    }
  }
  return {
    /** The details for an admin; for anyone else (null: an anonymous health probe) the status alone. */
    async check(actor: Actor | null): Promise<Health> {
      const health = await details();
      return actor?.kind === 'user' && actor.role === 'admin' ? health : { status: health.status };
    },
  };
}
