// Classroom devices and personal API tokens. A device token may read the rosters and embeddings
// of its classes and post marks for them; revoking it takes effect on the next request, since
// every request looks the token up.
import { randomUUID } from 'node:crypto';
import type { Device } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, type Actor, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import { deviceClassIds } from '../auth/auth.repository.ts';
import { newToken, sha256 } from '../auth/tokens.ts';
import { assertClassesExist } from '../classes/classes-exist.ts';
import * as repo from './devices.repository.ts';

export function devicesService(ctx: ServiceContext) {
  const load = async (ids?: string[]): Promise<Device[]> => {
    const rows = await repo.deviceRows(ctx.db, ids);
    const classes = await deviceClassIds(ctx.db, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      classIds: classes.get(r.id) ?? [],
      createdAt: toIso(Number(r.created_at)),
      lastSeenAt: r.last_used_at === null ? null : toIso(Number(r.last_used_at)),
      revoked: r.revoked_at !== null,
    }));
  };
  const visible = (scope: Scope, d: Device) => scope.all || d.classIds.some((c) => scope.classIds.has(c));

  return {
    async list(scope: Scope) {
      return { items: (await load()).filter((d) => visible(scope, d)) };
    },

    async create(actor: Actor, scope: Scope, body: { name: string; classIds: string[] }) {
      const classIds = [...new Set(body.classIds)];
      await assertClassesExist(ctx.db, classIds);
      for (const c of classIds) assertClassInScope(scope, c);
      const id = randomUUID();
      const token = newToken('device');
      await writeTransaction(ctx, (trx) => repo.insertToken(trx, { id, kind: 'device', tokenHash: sha256(token), name: body.name, userId: null, createdBy: actor.id, at: ctx.now(), classIds }));
      return { token, device: (await load([id]))[0]! };
    },

    async revoke(scope: Scope, id: string) {
      const [device] = await load([id]);
      if (!device) throw new ApiError('device-not-found', `No device with id ${id}.`);
      if (!visible(scope, device)) throw new ApiError('forbidden', 'This device belongs to classes that are not yours.');
      await repo.revokeToken(ctx.db, id, ctx.now());
      return { ok: true as const };
    },
  };
}

export function tokensService(ctx: ServiceContext) {
  const info = (r: { id: string; name: string; created_at: number; last_used_at: number | null }) => ({
    id: r.id, name: r.name, createdAt: toIso(Number(r.created_at)), lastUsedAt: r.last_used_at === null ? null : toIso(Number(r.last_used_at)),
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
      if (!(await repo.revokeToken(ctx.db, id, ctx.now(), { userId, kind: 'personal' }))) throw new ApiError('token-not-found', `You have no active token with id ${id}.`);
      return { ok: true as const };
    },
  };
}
