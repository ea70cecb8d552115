// SQL for API tokens: classroom devices (with the classes they serve) and personal tokens.
import type { Executor } from '../../shared/context.ts';
import { groupUnder } from '../../shared/group-under.ts';
import type { ApiTokensTable } from '../../db/schema.ts';

export type TokenKind = 'device' | 'personal';

/** Device rows with the name of the account that registered each (null once that account is gone). */
export async function deviceRows(db: Executor, ids?: readonly string[]): Promise<(ApiTokensTable & { created_by_name: string | null })[]> {
  if (ids?.length === 0) return [];
  let q = db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .selectAll('api_tokens')
    .select('users.name as created_by_name')
    .where('api_tokens.kind', '=', 'device');
  if (ids) q = q.where('api_tokens.id', 'in', ids);
  return q.orderBy('api_tokens.name').execute();
}

export async function activePersonalTokens(db: Executor, userId: string): Promise<ApiTokensTable[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('kind', '=', 'personal')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** A new token row: a device's (with its classes) or a person's. */
export async function insertToken(
  db: Executor,
  t: { id: string; kind: TokenKind; tokenHash: string; name: string; userId: string | null; createdBy: string; at: number; classIds?: readonly string[] },
) {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      kind: t.kind,
      token_hash: t.tokenHash,
      name: t.name,
      user_id: t.userId,
      created_by: t.createdBy,
      created_at: t.at,
      last_used_at: null,
      revoked_at: null,
      scope_revision: 0,
    })
    .execute();
  if (t.classIds?.length)
    await db
      .insertInto('device_classes')
      .values(t.classIds.map((class_id) => ({ token_id: t.id, class_id })))
      .execute();
}

/** Locks a device's row (MySQL) so edits and a revocation of it apply one after the other; undefined when there is none. */
export async function lockDevice(db: Executor, dialect: 'mysql' | 'sqlite', id: string) {
  let q = db.selectFrom('api_tokens').select(['id', 'name', 'revoked_at']).where('id', '=', id).where('kind', '=', 'device');
  if (dialect === 'mysql') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function renameToken(db: Executor, id: string, name: string) {
  await db.updateTable('api_tokens').set({ name }).where('id', '=', id).execute();
}

/** Replaces the classes a device serves; returns those given or taken away. */
export async function replaceDeviceClasses(db: Executor, tokenId: string, classIds: readonly string[]): Promise<string[]> {
  const before = (await deviceClassIds(db, [tokenId])).get(tokenId) ?? [];
  await db.deleteFrom('device_classes').where('token_id', '=', tokenId).execute();
  if (classIds.length)
    await db
      .insertInto('device_classes')
      .values(classIds.map((class_id) => ({ token_id: tokenId, class_id })))
      .execute();
  const [was, now] = [new Set(before), new Set(classIds)];
  return [...before.filter((c) => !now.has(c)), ...classIds.filter((c) => !was.has(c))];
}

/** Marks the revision at which this device's classes changed: a pull from before it starts again from a whole set. */
export async function setDeviceScopeRevision(db: Executor, tokenId: string, revision: number) {
  await db.updateTable('api_tokens').set({ scope_revision: revision }).where('id', '=', tokenId).execute();
}

/** Revokes a token that is still active; `owner` limits it to one person's tokens. Returns whether one was revoked. */
export async function revokeToken(db: Executor, id: string, at: number, owner?: { userId: string; kind: TokenKind }): Promise<boolean> {
  let q = db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null);
  if (owner) q = q.where('user_id', '=', owner.userId).where('kind', '=', owner.kind);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** A laptop's one-time pairing code: only its hash, and the device token sealed with the code. */
export async function insertPairing(db: Executor, p: { codeHash: string; tokenId: string; sealedToken: string; expiresAt: number }) {
  await db.insertInto('device_pairings').values({ code_hash: p.codeHash, token_id: p.tokenId, sealed_token: p.sealedToken, expires_at: p.expiresAt }).execute();
}

export async function findPairing(db: Executor, codeHash: string) {
  return db
    .selectFrom('device_pairings')
    .innerJoin('api_tokens', 'api_tokens.id', 'device_pairings.token_id')
    .select(['device_pairings.token_id', 'device_pairings.sealed_token', 'device_pairings.expires_at', 'api_tokens.revoked_at'])
    .where('device_pairings.code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** Codes past their time go, sealed token and all: a stale row is only something to attack. */
export async function deleteExpiredPairings(db: Executor, now: number) {
  await db.deleteFrom('device_pairings').where('expires_at', '<=', now).execute();
}

export async function deletePairing(db: Executor, codeHash: string) {
  await db.deleteFrom('device_pairings').where('code_hash', '=', codeHash).execute();
}

/** A revoked laptop's codes go with it. */
export async function deletePairingsOf(db: Executor, tokenId: string) {
  await db.deleteFrom('device_pairings').where('token_id', '=', tokenId).execute();
}

export async function deviceClassIds(db: Executor, tokenIds: string[]): Promise<Map<string, string[]>> {
  const rows = tokenIds.length
    ? await db.selectFrom('device_classes').select(['token_id', 'class_id']).where('token_id', 'in', tokenIds).orderBy('class_id').execute()
    : [];
  return groupUnder(tokenIds, rows, 'token_id', (r) => r.class_id);
}

export async function touchToken(db: Executor, id: string, at: number) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Revokes the account's personal tokens; with `devices`, also the classroom devices it registered (those act for it). */
export async function revokeTokensOf(db: Executor, userId: string, at: number, opts: { devices: boolean }) {
  let q = db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (!opts.devices) q = q.where('kind', '=', 'personal');
  await q.execute();
}
