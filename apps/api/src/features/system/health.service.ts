// /api/health: is the database reachable, at which migration level, which version is running.
import { sql } from 'kysely';
import type { Health } from '@rollcall/contracts';
import { LATEST_MIGRATION, migrationLevel } from '../../db/migrator.ts';
import type { ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';

export const VERSION = '0.1.0';

export function healthService(ctx: ServiceContext) {
  return {
    async check(): Promise<Health> {
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
    },
  };
}
