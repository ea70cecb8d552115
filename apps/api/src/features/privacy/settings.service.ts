// The school's privacy settings, changed by an admin in the app and audited: the consent policy
// (on unless an admin switches it off) and mark retention (MARK_RETENTION_DAYS until an admin
// sets a value). Switching the policy re-sends the students it moves in or out of camera-free;
// switching it on deletes the faces of students never asked.
import type { PrivacySettings, UpdatePrivacySettingsBody } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import type { EmbeddingsService } from '../embeddings/embeddings.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import type { ChangesService } from '../sync/changes.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { flushDeleted } from './erasure.ts';
import { appendSettingsAudit, readSettings, SETTING, settingsHistory, writeSetting, type SettingKey } from './settings.repository.ts';

export interface PrivacySettingsDeps {
  changes: ChangesService;
  embeddings: EmbeddingsService;
  studentRows: StudentRowsService;
  users: UsersService;
}

export function privacySettingsService(
  ctx: ServiceContext,
  retentionDefaultDays: number | null,
  { changes, embeddings, studentRows, users }: PrivacySettingsDeps,
) {
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
        const by = { userId: actor.id, userName: (await users.nameOf(trx, actor.id)) ?? 'unknown user' };
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
            const ids = await studentRows.notAsked(trx);
            // Consent required again: faces of pupils never asked have no basis to be kept, so they go
            // now, as on a withdrawal, rather than waiting unserved for the policy to flip back.
            const erased = body.consentRequired ? await embeddings.deleteOfNotAsked(trx) : [];
            erasedAny = erased.length > 0;
            if (ids.length) {
              await changes.publish(
                trx,
                [
                  ...erased.map((e) => ({ entity: 'embedding' as const, entityId: e.id, op: 'delete' as const, classIds: e.classIds })),
                  ...ids.map((id) => ({ entity: 'student' as const, entityId: id, op: 'upsert' as const })),
                ],
                { studentIds: ids },
                at,
              );
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
