// The school's notice policy as stored (one JSON setting), with its defaults: notices after the
// first unexplained absence of a day, as soon as the session ends (a school that wants time for
// reasons to arrive sets a delay), in English.
import { Language, NoticeTrigger, WallTime } from '@rollcall/contracts';
import { z } from 'zod';
import type { Executor } from '../../shared/context.ts';
import { SETTING, type SchoolSettingsService } from '../privacy/school-settings.service.ts';

export const NoticePolicy = z.object({
  trigger: NoticeTrigger,
  threshold: z.number().int().min(1),
  delayMinutes: z.number().int().min(0),
  dayEndsAt: WallTime,
  defaultLanguage: Language,
});
export type NoticePolicy = z.infer<typeof NoticePolicy>;

export const DEFAULT_POLICY: NoticePolicy = { trigger: 'first-period', threshold: 3, delayMinutes: 0, dayEndsAt: '16:00', defaultLanguage: 'en' };

/** The stored policy over the defaults; a value that no longer parses counts as unset rather than stopping every notice. */
export async function readPolicy(db: Executor, settings: SchoolSettingsService): Promise<NoticePolicy> {
  const raw = await settings.read(db, SETTING.noticePolicy);
  if (raw === undefined) return DEFAULT_POLICY;
  const parsed = NoticePolicy.partial().safeParse(JSON.parse(raw));
  return parsed.success ? { ...DEFAULT_POLICY, ...parsed.data } : DEFAULT_POLICY;
}
