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

export function devicesService(ctx: ServiceContext) {
  const load = async (ids: string[]): Promise<Device[]> => {
    if (ids.length === 0) return [];
    const rows = await ctx.db.selectFrom('api_tokens').selectAll().where('id', 'in', ids).where('kind', '=', 'device').orderBy('name').execute();
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
      const ids = (await ctx.db.selectFrom('api_tokens').select('id').where('kind', '=', 'device').execute()).map((r) => r.id);
      return { items: (await load(ids)).filter((d) => visible(scope, d)) };
    },

    async create(actor: Actor, scope: Scope, body: { name: string; classIds: string[] }) {
      const classIds = [...new Set(body.classIds)];
      const found = await ctx.db.selectFrom('classes').select('id').where('id', 'in', classIds).execute();
      const missing = classIds.filter((c) => !found.some((f) => f.id === c));
      if (missing.length) throw new ApiError('class-not-found', `Unknown class id: ${missing.join(', ')}.`, { missing });
      for (const c of classIds) assertClassInScope(scope, c);
      const id = randomUUID();
      const token = newToken('device');
      await writeTransaction(ctx, async (trx) => {
        await trx.insertInto('api_tokens').values({ id, kind: 'device', token_hash: sha256(token), name: body.name, user_id: null, created_by: actor.id, created_at: ctx.now(), last_used_at: null, revoked_at: null }).execute();
        await trx.insertInto('device_classes').values(classIds.map((class_id) => ({ token_id: id, class_id }))).execute();
      });
      return { token, device: (await load([id]))[0]! };
    },

    async revoke(scope: Scope, id: string) {
      const [device] = await load([id]);
      if (!device) throw new ApiError('device-not-found', `No device with id ${id}.`);
      if (!visible(scope, device)) throw new ApiError('forbidden', 'This device belongs to classes that are not yours.');
      await ctx.db.updateTable('api_tokens').set({ revoked_at: ctx.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
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
      const rows = await ctx.db.selectFrom('api_tokens').selectAll().where('kind', '=', 'personal').where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at').execute();
      return { items: rows.map(info) };
    },
    async create(userId: string, name: string) {
      const id = randomUUID();
      const token = newToken('personal');
      const now = ctx.now();
      await ctx.db.insertInto('api_tokens').values({ id, kind: 'personal', token_hash: sha256(token), name, user_id: userId, created_by: userId, created_at: now, last_used_at: null, revoked_at: null }).execute();
      return { token, info: info({ id, name, created_at: now, last_used_at: null }) };
    },
    async revoke(userId: string, id: string) {
      const r = await ctx.db.updateTable('api_tokens').set({ revoked_at: ctx.now() }).where('id', '=', id).where('user_id', '=', userId).where('kind', '=', 'personal').where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new ApiError('token-not-found', `You have no active token with id ${id}.`);
      return { ok: true as const };
    },
  };
}
