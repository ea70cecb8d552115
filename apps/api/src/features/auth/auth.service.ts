// Sign-in, first-run setup and recognising the caller from a session cookie or a bearer token.
// Sign-in attempts are throttled in the database (see ThrottleLimits), so the limit holds across
// several API instances.
import { randomUUID } from 'node:crypto';
import type { User } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ApiTokensTable } from '../../db/schema.ts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import { localDay, serverOffset, toIso } from '../../shared/time.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import type { DevicesService, TokensService } from '../devices/devices.service.ts';
import type { ChangesService } from '../sync/changes.service.ts';
import type { TimetableService } from '../timetable/timetable.service.ts';
import type { UsersService } from '../users/users.service.ts';
import * as repo from './auth.repository.ts';
import { newSecret, sha256, tokenKind } from './tokens.ts';
import { counterKey, deleteCounters, ensureCounters, lockCounters, saveCounters, sweepCounters, uncount } from '../../shared/counters.repository.ts';

export const SESSION_MS = 14 * 24 * 3_600_000;

/** The account an API token acts for, as read with the token. */
type TokenAccount = NonNullable<Awaited<ReturnType<typeof repo.tokenCaller>>>['account'];

/** What a request presents: a bearer token, a browser session cookie, a paired laptop's device cookie. */
export interface Credentials {
  bearer?: string | undefined;
  session?: string | undefined;
  device?: string | undefined;
}

/**
 * Sign-in throttling. Every attempt is counted before its password is checked (so parallel tries
 * cannot slip past the limit), per (account, address) pair, per account and per address. Past its
 * free attempts a counter demands a growing wait (base, 2x, 4x, ... up to max) since its last
 * attempt: no hard lock. A pair that signed in before ("known") answers only to its own counter,
 * so strangers guessing an admin's password, or a busy school NAT, never lock out the right
 * person from the laptop they use.
 */
export interface ThrottleLimits {
  windowMs: number;
  perPair: number;
  perAccount: number;
  perAddress: number;
  baseDelayMs: number;
  maxDelayMs: number;
}
export const DEFAULT_THROTTLE: ThrottleLimits = {
  windowMs: 15 * 60_000,
  perPair: 5,
  perAccount: 20,
  perAddress: 50,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
};
const KNOWN_MS = 90 * 24 * 3_600_000;

/** How long after its last attempt a counter at `count` attempts lets the next one in. */
export function throttleDelay(count: number, free: number, l: Pick<ThrottleLimits, 'baseDelayMs' | 'maxDelayMs'>): number {
  return count < free ? 0 : Math.min(l.maxDelayMs, l.baseDelayMs * 2 ** Math.min(30, count - free));
}

export interface AuthDeps {
  changes: ChangesService;
  devices: DevicesService;
  timetable: TimetableService;
  tokens: TokensService;
  users: UsersService;
}

export function authService(ctx: ServiceContext, { changes, devices, timetable, tokens, users }: AuthDeps, limits: ThrottleLimits = DEFAULT_THROTTLE) {
  const withClasses = (row: Parameters<UsersService['toUser']>[1]): Promise<User> => users.toUser(ctx.db, row);

  async function startSession(userId: string) {
    const secret = newSecret();
    const now = ctx.now();
    await repo.insertSession(ctx.db, sha256(secret), userId, now, now + SESSION_MS);
    // Expired sessions are swept on sign-in: cheap, and nothing else has to run on a timer.
    await repo.deleteExpiredSessions(ctx.db, now);
    return { secret, expiresAt: toIso(now + SESSION_MS) };
  }

  /** A person's classes for their scope; an admin's scope is every class (scopeOf), so theirs are not looked up on each request. */
  const classIdsOf = (user: { id: string; role: string }): Promise<string[]> => (user.role === 'admin' ? Promise.resolve([]) : classesOfUser(user.id));

  /** A teacher's own classes, and today's covers: a cover teacher sees the class on that day only. */
  const classesOfUser = async (userId: string): Promise<string[]> => {
    const own = (await users.classIdsOfUsers(ctx.db, [userId])).get(userId) ?? [];
    const covered = await timetable.coveredClassIds(ctx.db, userId, localDay(ctx.now(), serverOffset(ctx.now())));
    return [...new Set([...own, ...covered])];
  };

  /**
   * A device a teacher registered acts for that teacher (its user_id): it reaches only those of
   * its classes the teacher still has, and stops with the teacher's account.
   */
  const deviceActor = async (token: ApiTokensTable, teacher: TokenAccount | null): Promise<Actor | null> => {
    // Both scope revisions (the device's own and its teacher's, read with its token) are read
    // before any of the classes they cover: a change committed in between has a later revision
    // than either, so a pull with these classes claims nothing from it (see sync.service).
    if (token.user_id !== null && (!teacher || teacher.disabled_at !== null)) return null;
    const scopeRevision = Math.max(Number(token.scope_revision), Number(teacher?.scope_revision ?? 0));
    // Its own classes change when an admin edits them; what it reaches changes with its teacher's too.
    const classIds = (await devices.deviceClassIds(ctx.db, [token.id])).get(token.id) ?? [];
    const actor: Actor = { kind: 'device', id: token.id, name: token.name, classIds, scopeRevision };
    if (!teacher || teacher.role === 'admin') return actor;
    const theirs = new Set(await classesOfUser(teacher.id));
    return { ...actor, classIds: classIds.filter((id) => theirs.has(id)) };
  };

  return {
    async setupStatus() {
      return { needsAdmin: (await users.countAdmins(ctx.db)) === 0 };
    },

    /** Creates the first admin; refused once any admin exists (the sync_state row serialises racing setups). */
    async setup(body: { email: string; name: string; password: string }) {
      const passwordHash = await hashPassword(body.password);
      const id = randomUUID();
      await writeTransaction(ctx, async (trx) => {
        await changes.lockSyncState(trx);
        if ((await users.countAdmins(trx)) > 0) throw new ApiError('forbidden', 'Rollcall already has an admin: sign in instead.');
        await users.insertUser(trx, { id, email: body.email, name: body.name, role: 'admin', passwordHash, at: ctx.now() });
      });
      const session = await startSession(id);
      return { user: await withClasses((await users.findRow(ctx.db, 'id', id))!), ...session };
    },

    async signIn(email: string, password: string, address: string) {
      const now = ctx.now();
      const pair = counterKey('sign-in-pair', email, address);
      const known = await repo.isKnownPair(ctx.db, pair, now - KNOWN_MS);
      const free = new Map([[pair, limits.perPair]]);
      if (!known) free.set(counterKey('sign-in-account', email), limits.perAccount).set(counterKey('sign-in-address', address), limits.perAddress);
      await ensureCounters(ctx.db, ctx.dialect, [...free.keys()], now);
      const waitMs = await writeTransaction(ctx, async (trx) => {
        const counters = [...(await lockCounters(trx, ctx.dialect, [...free.keys()], now, limits.windowMs)).values()];
        const wait = Math.max(...counters.map((c) => throttleDelay(c.count, free.get(c.key)!, limits) - (now - c.lastAt)));
        if (wait > 0) return wait;
        await saveCounters(
          trx,
          counters.map((c) => ({ ...c, count: c.count + 1, lastAt: now })),
        );
        return 0;
      });
      if (waitMs > 0) {
        const retryAfterSeconds = Math.ceil(waitMs / 1000);
        throw new ApiError('rate-limited', `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
      }
      const row = await users.findRow(ctx.db, 'email', email);
      const ok = row ? await verifyPassword(password, row.password_hash) : (await burnPasswordCheck(password), false);
      if (!row || !ok || row.disabled_at !== null) throw new ApiError('unauthenticated', 'Wrong email or password.', { reason: 'wrong-credentials' });
      // The right password: this pair starts afresh and is known from now on; the wider counters take the attempt back.
      await deleteCounters(ctx.db, [pair]);
      await uncount(
        ctx.db,
        [...free.keys()].filter((k) => k !== pair),
      );
      await repo.rememberPair(ctx.db, pair, now);
      await sweepCounters(ctx.db, now - Math.max(limits.windowMs, limits.maxDelayMs) * 2);
      const session = await startSession(row.id);
      return { user: await withClasses(row), ...session };
    },

    async signOut(secret: string | undefined) {
      if (secret) await repo.deleteSession(ctx.db, sha256(secret));
      return { ok: true as const };
    },

    /**
     * The caller behind a bearer token, a session cookie or a paired laptop's device cookie; null
     * when there is none or it is no longer valid. The device cookie carries a device token only:
     * a personal token planted there would turn a laptop into someone's account.
     */
    async authenticate(c: Credentials): Promise<Actor | null> {
      const now = ctx.now();
      // Before any scope revision or class is read: the first request of a day logs the scope
      // changes its midnight made (covers beginning and ending), so the caller's pull sees them.
      if (c.bearer || c.session || c.device) await timetable.rollCoversToToday();
      const secret = c.bearer ?? (c.session ? undefined : c.device);
      if (secret) {
        const kind = tokenKind(secret);
        if (!c.bearer && kind !== 'device') return null;
        // The token and the account it acts for in one statement; a revoked token or disabled account is refused at once.
        const found = kind ? await repo.tokenCaller(ctx.db, sha256(secret)) : undefined;
        if (!found || found.token.kind !== kind) return null;
        const { token, account } = found;
        // Written at most once a minute: a busy device must not turn every request into a write.
        if (token.last_used_at === null || now - Number(token.last_used_at) > 60_000) {
          await tokens.touch(ctx.db, token.id, now);
        }
        if (token.kind === 'device') return deviceActor(token, account);
        const user = account;
        if (!user || user.disabled_at !== null) return null;
        return {
          kind: 'user',
          id: user.id,
          name: user.name,
          role: user.role as 'admin' | 'teacher',
          classIds: await classIdsOf(user),
          language: user.language,
          scopeRevision: Number(user.scope_revision),
        };
      }
      if (c.session) {
        const user = await repo.sessionUser(ctx.db, sha256(c.session), now);
        if (!user) return null;
        return {
          kind: 'user',
          id: user.id,
          name: user.name,
          role: user.role as 'admin' | 'teacher',
          classIds: await classIdsOf(user),
          language: user.language,
          scopeRevision: Number(user.scope_revision),
        };
      }
      return null;
    },

    async me(actor: Actor) {
      if (actor.kind === 'device') return { actor: { kind: 'device' as const, device: { id: actor.id, name: actor.name, classIds: actor.classIds } } };
      return { actor: { kind: 'user' as const, user: await withClasses((await users.findRow(ctx.db, 'id', actor.id))!) } };
    },
  };
}
