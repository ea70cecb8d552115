// Which language Rollcall speaks to people: a person's own choice (a column of their account) and
// the school's default (a school setting), both null until chosen. The web app picks among them,
// the device's choice and the browser's (core/language-choice.ts).
import type { Language } from '@rollcall/contracts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import { SETTING, type SchoolSettingsService } from '../privacy/school-settings.service.ts';
import * as repo from './users.repository.ts';

export function languageService(ctx: ServiceContext, { settings }: { settings: SchoolSettingsService }) {
  const school = async (): Promise<Language | null> => {
    const stored = await settings.read(ctx.db, SETTING.schoolLanguage);
    return stored === undefined ? null : (JSON.parse(stored) as Language | null);
  };
  return {
    /** The school's default language; null: none chosen (English, unless the browser asks for another). */
    school,
    async setSchool(language: Language | null): Promise<{ language: Language | null }> {
      await writeTransaction(ctx, (trx) => settings.write(trx, SETTING.schoolLanguage, JSON.stringify(language), ctx.now()));
      return { language: await school() };
    },
    /** A signed-in person's own language; null follows their device, their browser and the school. */
    async setMine(userId: string, language: Language | null): Promise<void> {
      await repo.updateUser(ctx.db, userId, { language }, ctx.now());
    },
  };
}
export type LanguageService = ReturnType<typeof languageService>;
