// Rules for absence notices as people see them: the school's policy and wording (admins), the
// notices of one student (staff of the student's classes), and the hook that queues notices when
// a session ends, on the channels this server is configured for.
import type { NoticeChannel, NoticeSettings, UpdateNoticeSettingsBody } from '@rollcall/contracts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { SETTING } from '../privacy/school-settings.service.ts';
import { BUILT_IN_TEMPLATES } from './notice-templates.ts';
import { readPolicy } from './notice-policy.ts';
import { queueSessionNotices } from './notice-queue.ts';
import * as repo from './notices.repository.ts';
import type { NoticesDeps } from './notices-deps.ts';

export function noticesService(ctx: ServiceContext, channels: readonly NoticeChannel[], deps: NoticesDeps) {
  async function settings(db: Executor = ctx.db): Promise<NoticeSettings> {
    const [policy, stored] = await Promise.all([readPolicy(db, deps.settings), repo.readTemplates(db)]);
    const custom = new Map(stored.map((t) => [t.language, t]));
    const languages = [...new Set([...Object.keys(BUILT_IN_TEMPLATES), ...custom.keys()])].sort();
    const templates = languages.map((language) => {
      const own = custom.get(language);
      return { ...(own ?? BUILT_IN_TEMPLATES[language]!), custom: own !== undefined };
    });
    return { ...policy, templates, channels: [...channels] };
  }

  return {
    settings: () => settings(),

    async updateSettings(body: UpdateNoticeSettingsBody): Promise<NoticeSettings> {
      return writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        const { templates, reset, ...policyChange } = body;
        if (Object.values(policyChange).some((v) => v !== undefined)) {
          await deps.settings.write(trx, SETTING.noticePolicy, JSON.stringify({ ...(await readPolicy(trx, deps.settings)), ...policyChange }), at);
        }
        await repo.deleteTemplates(trx, reset ?? []);
        for (const t of templates ?? []) await repo.upsertTemplate(trx, t, at);
        return settings(trx);
      });
    },

    listForStudent: (studentId: string) => repo.listForStudent(ctx.db, studentId),

    /** Deletes notices older than `before` (they name the pupil and the guardian's address), in the caller's transaction. */
    purgeBefore: (trx: Executor, before: number) => repo.purgeNoticesBefore(trx, before),

    /** For the register: queues this ended session's notices in the caller's transaction. */
    queueForSession: (trx: Executor, sessionId: string) => queueSessionNotices(trx, sessionId, channels, ctx.now(), deps),
  };
}
export type NoticesService = ReturnType<typeof noticesService>;
