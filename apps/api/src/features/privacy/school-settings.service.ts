// The school's settings as other features read and write them (the consent policy, retention, the
// notice policy), below every feature that needs them; privacy/settings.service.ts holds the rules
// of an admin changing them.
import type { Executor } from '../../shared/context.ts';
import * as repo from './settings.repository.ts';

export { SETTING, type SettingKey } from './settings.repository.ts';

async function isConsentRequired(db: Executor): Promise<boolean> {
  return (await repo.readSettings(db)).get(repo.SETTING.consentRequired) !== 'false';
}

/** The retention in days an admin set (null: keep for ever), or the server's default when none was set. */
async function effectiveRetentionDays(db: Executor, fallback: number | null): Promise<number | null> {
  const stored = (await repo.readSettings(db)).get(repo.SETTING.retentionDays);
  return stored === undefined ? fallback : (JSON.parse(stored) as number | null);
}

export function schoolSettingsService() {
  return {
    /** A setting's stored JSON text, undefined when it has none (the caller knows the default). */
    read: (db: Executor, key: repo.SettingKey) => repo.readSetting(db, key),
    write: (trx: Executor, key: repo.SettingKey, value: string, at: number) => repo.writeSetting(trx, key, value, at),
    /** Whether face data needs recorded consent (on unless an admin switched it off). */
    consentRequired: (db: Executor) => isConsentRequired(db),
    retentionDays: (db: Executor, fallback: number | null) => effectiveRetentionDays(db, fallback),
  };
}
export type SchoolSettingsService = ReturnType<typeof schoolSettingsService>;
