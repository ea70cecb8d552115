// SQL for the school's settings (key -> JSON value) and their audit. A key with no row means the
// default, which the caller knows.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';

export const SETTING = {
  consentRequired: 'consent.required',
  retentionDays: 'marks.retentionDays',
  noticePolicy: 'notices.policy',
  schoolLanguage: 'school.language',
} as const;
export type SettingKey = (typeof SETTING)[keyof typeof SETTING];

/** The stored JSON text of each key that has a value. */
export async function readSettings(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('school_settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function readSetting(db: Executor, key: SettingKey): Promise<string | undefined> {
  return (await db.selectFrom('school_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Executor, key: SettingKey, value: string, at: number): Promise<void> {
  const updated = await db.updateTable('school_settings').set({ value, updated_at: at }).where('key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('school_settings').values({ key, value, updated_at: at }).execute();
}

export async function appendSettingsAudit(
  db: Executor,
  e: { key: SettingKey; before: string | null; after: string | null; userId: string | null; userName: string },
  at: number,
): Promise<void> {
  await db
    .insertInto('settings_audit')
    .values({ id: randomUUID(), key: e.key, before_value: e.before, after_value: e.after, user_id: e.userId, user_name: e.userName, at })
    .execute();
}

export async function settingsHistory(db: Executor, limit: number) {
  const rows = await db.selectFrom('settings_audit').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ key: r.key, before: r.before_value, after: r.after_value, by: { id: r.user_id, name: r.user_name }, at: toIso(Number(r.at)) }));
}
