// Classroom devices and personal API tokens. A device token may read the rosters and embeddings
// of its classes and post marks for them; revoking it takes effect on the next request, since
// every request looks the token up. A device a teacher registers acts for that teacher (its
// user_id): what it reaches is worked out with the teacher's classes when the token is checked.
// An admin may rename a device or change its classes; the laptop follows on its next pull.
import { randomUUID } from 'node:crypto';
import type { Device } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, type Actor, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import { newToken, sha256 } from '../auth/tokens.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { ChangesService } from '../sync/changes.service.ts';
import * as repo from './devices.repository.ts';
import { counterKey, ensureCounters, lockCounters, saveCounters } from '../../shared/counters.repository.ts';
import { displayCode, newPairingCode, openToken, PAIRING_ATTEMPTS, PAIRING_TTL_MS, pairingHash, pairingKey, sealToken } from './pairing.ts';
import { idsOf } from '../../shared/ids.ts';

export function devicesService(ctx: ServiceContext, { changes, classes }: { changes: ChangesService; classes: ClassesService }) {
  const load = async (ids?: string[]): Promise<Device[]> => {
    const rows = await repo.deviceRows(ctx.db, ids);
    const classes = await repo.deviceClassIds(ctx.db, idsOf(rows));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      classIds: classes.get(r.id) ?? [],
      createdAt: toIso(Number(r.created_at)),
      lastSeenAt: r.last_used_at === null ? null : toIso(Number(r.last_used_at)),
      revoked: r.revoked_at !== null,
      createdBy: r.created_by && r.created_by_name !== null ? { id: r.created_by, name: r.created_by_name } : null,
    }));
  };
  const visible = (scope: Scope, d: Device) => scope.all || d.classIds.some((c) => scope.classIds.has(c));
  /** A teacher may remove a laptop they registered, or one that serves only their own classes. */
  const removable = (actor: Actor, scope: Scope, d: Device) => scope.all || d.createdBy?.id === actor.id || d.classIds.every((c) => scope.classIds.has(c));

  return {
    async list(scope: Scope) {
      return { items: (await load()).filter((d) => visible(scope, d)) };
    },

    async create(actor: Actor, scope: Scope, body: { name: string; classIds: string[] }) {
      const classIds = [...new Set(body.classIds)];
      await classes.assertExist(ctx.db, classIds);
      for (const c of classIds) assertClassInScope(scope, c);
      const id = randomUUID();
      const token = newToken('device');
      const code = newPairingCode();
      const key = await pairingKey(code);
      const now = ctx.now();
      // A teacher's device acts for the teacher: it loses a class with them and stops with their account.
      const userId = actor.kind === 'user' && actor.role === 'teacher' ? actor.id : null;
      await writeTransaction(ctx, async (trx) => {
        await repo.insertToken(trx, { id, kind: 'device', tokenHash: sha256(token), name: body.name, userId, createdBy: actor.id, at: now, classIds });
        await repo.insertPairing(trx, { codeHash: pairingHash(key), tokenId: id, sealedToken: sealToken(token, key), expiresAt: now + PAIRING_TTL_MS });
      });
      // After the commit, on its own: inside the transaction this scan of the whole table and
      // another instance's registration waited on each other's new rows (MySQL: a deadlock, a 500).
      await repo.deleteExpiredPairings(ctx.db, now);
      return { token, pairing: { code: displayCode(code), expiresAt: toIso(now + PAIRING_TTL_MS) }, device: (await load([id]))[0]! };
    },

    /**
     * A laptop trades a pairing code for its device token (then kept in an HttpOnly cookie by the
     * handler). The code works once; unknown, used, expired and revoked all answer the same. Wrong
     * codes are counted per address, and past the limit answered "too many"; a right code always
     * pairs, so nobody sharing the school's address can lock the real laptop out.
     */
    async pair(code: string, address: string) {
      const key = await pairingKey(code);
      const hash = pairingHash(key);
      const now = ctx.now();
      const counterId = counterKey('pairing', address);
      await ensureCounters(ctx.db, ctx.dialect, [counterId], now);
      const found: { token: string; id: string } | { waitMs: number } = await writeTransaction(ctx, async (trx) => {
        const counter = (await lockCounters(trx, ctx.dialect, [counterId], now, PAIRING_ATTEMPTS.windowMs)).get(counterId);
        await repo.deleteExpiredPairings(trx, now);
        const row = await repo.findPairing(trx, hash);
        // Used once: the row goes whatever the outcome, so a code cannot be replayed.
        if (row) await repo.deletePairing(trx, hash);
        const token = row && row.revoked_at === null ? openToken(row.sealed_token, key) : null;
        if (row && token) return { token, id: row.token_id };
        if (counter) await saveCounters(trx, [{ ...counter, count: counter.count + 1, lastAt: now }]);
        const tooMany = counter !== undefined && counter.count >= PAIRING_ATTEMPTS.perWindow;
        return { waitMs: tooMany ? counter.windowStart + PAIRING_ATTEMPTS.windowMs - now : 0 };
      });
      if ('waitMs' in found) {
        if (found.waitMs > 0) {
          const retryAfterSeconds = Math.max(1, Math.ceil(found.waitMs / 1000));
          throw new ApiError('rate-limited', `Too many wrong pairing codes. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
        }
        throw new ApiError('pairing-code-invalid', 'This pairing code is unknown, used or expired. Ask an admin to register the laptop again.');
      }
      const device = (await load([found.id]))[0]!;
      return { token: found.token, device: { id: device.id, name: device.name, classIds: device.classIds } };
    },

    /**
     * An admin renames a laptop or changes its classes (a timetable change) without pairing it again.
     * Classes given or taken away are logged as a change of the device's scope, in the same
     * transaction, so its next pull is a whole set of its new classes, as a teacher's is.
     */
    async update(id: string, body: { name?: string | undefined; classIds?: string[] | undefined }) {
      const classIds = body.classIds && [...new Set(body.classIds)];
      await writeTransaction(ctx, async (trx) => {
        const row = await repo.lockDevice(trx, ctx.dialect, id);
        if (!row) throw new ApiError('device-not-found', `No device with id ${id}.`);
        if (row.revoked_at !== null)
          throw new ApiError('device-revoked', `${row.name} was revoked and cannot be changed: register and pair a new laptop instead.`);
        if (body.name !== undefined) await repo.renameToken(trx, id, body.name);
        if (!classIds) return;
        await classes.assertExist(trx, classIds);
        const moved = await repo.replaceDeviceClasses(trx, id, classIds);
        if (moved.length === 0) return;
        const revision = await changes.publish(trx, changes.scopesChanged([id]), { classIds: moved }, ctx.now());
        await repo.setDeviceScopeRevision(trx, id, revision);
      });
      return (await load([id]))[0]!;
    },

    async revoke(actor: Actor, scope: Scope, id: string) {
      const [device] = await load([id]);
      if (!device) throw new ApiError('device-not-found', `No device with id ${id}.`);
      if (!visible(scope, device)) throw new ApiError('forbidden', 'This device belongs to classes that are not yours.');
      if (!removable(actor, scope, device)) throw new ApiError('forbidden', 'This laptop also serves classes that are not yours: ask an admin to remove it.');
      await writeTransaction(ctx, async (trx) => {
        await repo.revokeToken(trx, id, ctx.now());
        await repo.deletePairingsOf(trx, id);
      });
      return { ok: true as const };
    },

    // For other features, in the executor they pass.
    /** The classes each of these device tokens serves. */
    deviceClassIds: (db: Executor, tokenIds: string[]) => repo.deviceClassIds(db, tokenIds),
  };
}

export function tokensService(ctx: ServiceContext) {
  const info = (r: { id: string; name: string; created_at: number; last_used_at: number | null }) => ({
    id: r.id,
    name: r.name,
    createdAt: toIso(Number(r.created_at)),
    lastUsedAt: r.last_used_at === null ? null : toIso(Number(r.last_used_at)),
  });
  return {
    async list(userId: string) {
      return { items: (await repo.activePersonalTokens(ctx.db, userId)).map(info) };
    },
    async create(userId: string, name: string) {
      const id = randomUUID();
      const token = newToken('personal');
      const now = ctx.now();
      await repo.insertToken(ctx.db, { id, kind: 'personal', tokenHash: sha256(token), name, userId, createdBy: userId, at: now });
      return { token, info: info({ id, name, created_at: now, last_used_at: null }) };
    },
    async revoke(userId: string, id: string) {
      if (!(await repo.revokeToken(ctx.db, id, ctx.now(), { userId, kind: 'personal' })))
        throw new ApiError('token-not-found', `You have no active token with id ${id}.`);
      return { ok: true as const };
    },

    // For other features, in the executor they pass.
    touch: (db: Executor, id: string, at: number) => repo.touchToken(db, id, at),
    /** Revokes the account's personal tokens, and the devices it registered too when asked. */
    revokeAllOf: (trx: Executor, userId: string, at: number, opts: { devices: boolean }) => repo.revokeTokensOf(trx, userId, at, opts),
  };
}
export type DevicesService = ReturnType<typeof devicesService>;
export type TokensService = ReturnType<typeof tokensService>;
