// The school's privacy settings, changed by an admin in the app and audited: the consent policy
// (on unless an admin switches it off) and mark retention (MARK_RETENTION_DAYS until an admin
// sets a value). Switching the policy re-sends the students it moves in or out of camera-free;
// switching it on deletes the faces of students never asked.
import type { PrivacySettings, UpdatePrivacySettingsBody } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { deleteEmbeddingsOfNotAsked } from '../embeddings/embeddings.repository.ts';
import { notAskedIds } from '../students/students.repository.ts';
import { userNameOf } from '../users/users.repository.ts';
import { appendEvents } from '../events/events.repository.ts';
import { recordChanges } from '../sync/changes.repository.ts';
import { flushDeleted } from './erasure.ts';
import { appendSettingsAudit, readSettings, SETTING, settingsHistory, writeSetting, type SettingKey } from './settings.repository.ts';

export async function isConsentRequired(db: Executor): Promise<boolean> {
  return (await readSettings(db)).get(SETTING.consentRequired) !== 'false';
}

/** The retention in days an admin set (null: keep for ever), or the server's default when none was set. */
export async function effectiveRetentionDays(db: Executor, fallback: number | null): Promise<number | null> {
  const stored = (await readSettings(db)).get(SETTING.retentionDays);
  return stored === undefined ? fallback : (JSON.parse(stored) as number | null);
}

export function privacySettingsService(ctx: ServiceContext, retentionDefaultDays: number | null) {
  const get = async (): Promise<PrivacySettings> => {
    const stored = await readSettings(ctx.db);
    const retention = stored.get(SETTING.retentionDays);
    return {
      consentRequired: stored.get(SETTING.consentRequired) !== 'false',
      retentionDays: retention === undefined ? retentionDefaultDays : (JSON.parse(retention) as number | null),
      retentionDefaultDays,
      retentionFromDefault: retention === undefined,
      history: await settingsHistory(ctx.db, 20),
    };
  };

  return {
    get,

    async update(body: UpdatePrivacySettingsBody, actor: Actor): Promise<PrivacySettings> {
      if (actor.kind !== 'user') throw new ApiError('forbidden', 'Only an admin may change privacy settings.');
      let erasedAny = false;
      await writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        const stored = await readSettings(trx);
        const by = { userId: actor.id, userName: (await userNameOf(trx, actor.id)) ?? 'unknown user' };
        // `before` is the value in force, stored or default, so the audit reads as what changed.
        const change = async (key: SettingKey, value: string, inForce: string) => {
          const before = stored.get(key) ?? inForce;
          if (before === value) return false;
          await writeSetting(trx, key, value, at);
          await appendSettingsAudit(trx, { key, before, after: value, ...by }, at);
          return true;
        };
        if (body.consentRequired !== undefined) {
          if (await change(SETTING.consentRequired, JSON.stringify(body.consentRequired), 'true')) {
            // Only students not asked change between camera-free and not: devices must hear of each.
            const ids = await notAskedIds(trx);
            // Consent required again: faces of pupils never asked have no basis to be kept, so they go
            // now, as on a withdrawal, rather than waiting unserved for the policy to flip back.
            const erased = body.consentRequired ? await deleteEmbeddingsOfNotAsked(trx) : [];
            erasedAny = erased.length > 0;
            if (ids.length) {
              const revision = await recordChanges(
                trx,
                [
                  ...erased.map((e) => ({ entity: 'embedding' as const, entityId: e.id, op: 'delete' as const, classIds: e.classIds })),
                  ...ids.map((id) => ({ entity: 'student' as const, entityId: id, op: 'upsert' as const })),
                ],
                at,
              );
              await appendEvents(trx, [{ type: 'roster.changed', revision, studentIds: ids, classIds: [] }], at);
            }
          }
        }
        if (body.retentionDays !== undefined) await change(SETTING.retentionDays, JSON.stringify(body.retentionDays), JSON.stringify(retentionDefaultDays));
      });
      if (erasedAny) await flushDeleted(ctx);
      return get();
    },
  };
}
