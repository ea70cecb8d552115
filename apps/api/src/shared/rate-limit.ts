// A fixed-window request limit per authenticated caller (a device or a user), counted in the
// database so every API instance shares it. Keyed on the actor, never on header text: re-spelling
// "Bearer" or re-encoding a cookie is the same caller, and anonymous requests (refused before
// they get here) add nothing to count.
import { ApiError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { withRetry } from './db-errors.ts';
import { countHit, counterKey } from './counters.repository.ts';

export function actorRateLimit(ctx: ServiceContext, name: string, limit: number, windowMs: number) {
  return async function hit(actor: Actor): Promise<void> {
    const key = counterKey('limit', name, actor.kind, actor.id);
    const retryAfterMs = await withRetry(3, () => countHit(ctx.db, ctx.dialect, key, ctx.now(), limit, windowMs));
    if (retryAfterMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new ApiError('rate-limited', `Too many requests; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  };
}
