// Midnight's scope changes. A teacher's scope is their classes and today's covers, so a cover set up
// on an earlier day gives them the class when its day begins, and takes it back when it ends, with
// no write to log either: their laptop would go on pulling deltas and never get the covered class's
// students. The first request an instance serves on a new server-local day logs those changes, once
// for the district, before the caller's scope is read, so even the day's first pull starts again.
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import type { UsersService } from '../users/users.service.ts';
import { lockCoversRolledTo, setCoversRolledTo } from './cover-days.repository.ts';
import { coversBetween } from './timetable.repository.ts';

/** Returns what a request awaits before reading its caller: at once, once this instance has rolled today. */
export function coverDays(ctx: ServiceContext, users: UsersService, today: () => string): () => Promise<void> {
  // Per instance: the day this instance knows is rolled, so every later request that day pays
  // nothing, and the roll in flight, so a burst of requests at midnight waits on one transaction.
  let rolledTo: string | null = null;
  let rolling: { day: string; done: Promise<void> } | null = null;

  /** In one transaction under the marker's lock: of instances racing, the first logs the changes and the others find the day rolled. */
  const roll = (day: string) =>
    writeTransaction(ctx, async (trx) => {
      const from = await lockCoversRolledTo(trx);
      // A day already rolled (by another instance, or one whose clock runs ahead) is left alone.
      if (from !== null && from >= day) return;
      // Never rolled (a new or upgraded database): start here; covers from now on are rolled as days pass.
      if (from !== null) {
        // Covers on the last day rolled ended at the midnight after it; those on each day since began
        // (and, before today, ended) after it: a server that was off for days logs the whole gap at once.
        const covers = await coversBetween(trx, from, day);
        const userIds = [...new Set(covers.map((c) => c.userId))];
        await users.scopesChanged(trx, userIds, [...new Set(covers.map((c) => c.classId))], ctx.now());
      }
      await setCoversRolledTo(trx, day);
    });

  return () => {
    const day = today();
    if (rolledTo === day) return Promise.resolve();
    if (rolling?.day !== day) {
      const done: Promise<void> = roll(day).then(
        () => {
          rolledTo = day;
        },
        (err: unknown) => {
          // Not rolled: the next request tries again.
          if (rolling?.done === done) rolling = null;
          throw err;
        },
      );
      rolling = { day, done };
    }
    return rolling.done;
  };
}
