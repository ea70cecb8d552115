// Admins choose when guardians are told of an unexplained absence (after the first one of a day,
// after the day, or only past a number in the term), how long a notice waits for a reason, the
// default language, and the wording per language.
import type { NoticeSettings, NoticeTrigger } from '@rollcall/contracts';
import { useState, type FormEvent } from 'react';
import { useNoticeSettings, useUpdateNoticeSettings } from '../data/guardians.ts';
import { errorText } from '../ui/messages.ts';
import { TemplateEditor } from './TemplateEditor.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { t, translator } from '../core/i18n.ts';

const TRIGGERS: readonly NoticeTrigger[] = ['first-period', 'day', 'term-threshold'];

function triggerText(trigger: NoticeTrigger): string {
  switch (trigger) {
    case 'first-period':
      return t({ id: 'notices.trigger.firstPeriod', defaultMessage: 'After the first unexplained absence of a day (when its session ends)' });
    case 'day':
      return t({ id: 'notices.trigger.day', defaultMessage: 'Once after the day, at the time below' });
    case 'term-threshold':
      return t({ id: 'notices.trigger.termThreshold', defaultMessage: 'Only once a student has this many unexplained absences in the term' });
  }
}

function PolicyForm({ settings }: { settings: NoticeSettings }) {
  const update = useUpdateNoticeSettings();
  const [draft, setDraft] = useState({
    trigger: settings.trigger,
    threshold: settings.threshold,
    delayMinutes: settings.delayMinutes,
    dayEndsAt: settings.dayEndsAt,
    defaultLanguage: settings.defaultLanguage,
  });
  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(draft);
  };
  return (
    <form className="card" onSubmit={save} aria-label={t({ id: 'notices.policy.label', defaultMessage: 'When notices go' })}>
      <fieldset>
        <legend>{t({ id: 'notices.policy.legend', defaultMessage: 'When guardians are told' })}</legend>
        {TRIGGERS.map((trigger) => (
          <label key={trigger} className="inline">
            <input type="radio" name="trigger" checked={draft.trigger === trigger} onChange={() => setDraft({ ...draft, trigger })} /> {triggerText(trigger)}
          </label>
        ))}
      </fieldset>
      <div className="grid-3">
        <label>
          {t({ id: 'notices.policy.threshold', defaultMessage: 'Unexplained absences in a term' })}
          <input type="number" min={1} max={200} value={draft.threshold} onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })} />
        </label>
        <label>
          {t({ id: 'notices.policy.delay', defaultMessage: 'Minutes to wait for a reason' })}
          <input type="number" min={0} max={1440} value={draft.delayMinutes} onChange={(e) => setDraft({ ...draft, delayMinutes: Number(e.target.value) })} />
        </label>
        <label>
          {t({ id: 'notices.policy.dayEndsAt', defaultMessage: 'The school day ends at' })}
          <input type="time" value={draft.dayEndsAt} onChange={(e) => setDraft({ ...draft, dayEndsAt: e.target.value })} />
        </label>
        <label>
          {t({ id: 'notices.policy.defaultLanguage', defaultMessage: 'Default language' })}
          <select value={draft.defaultLanguage} onChange={(e) => setDraft({ ...draft, defaultLanguage: e.target.value })}>
            {settings.templates.map((tpl) => (
              <option key={tpl.language} value={tpl.language}>
                {tpl.language}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        {t({ id: 'notices.policy.hint', defaultMessage: 'One notice per student, guardian and day at most; a reason recorded before it goes cancels it.' })}
      </p>
      <ErrorAlert error={update.error} />
      {update.isSuccess && <p role="status">{t({ id: 'notices.saved', defaultMessage: 'Saved.' })}</p>}
      <button type="submit" className="primary" disabled={update.isPending}>
        {t({ id: 'common.save', defaultMessage: 'Save' })}
      </button>
    </form>
  );
}

export function NoticeSettingsPage() {
  const settings = useNoticeSettings();
  const [language, setLanguage] = useState('');
  if (settings.error) return <Alert>{errorText(settings.error)}</Alert>;
  if (!settings.data) return <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>;
  const s = settings.data;
  const newLanguage = language.trim();
  const templates =
    newLanguage && !s.templates.some((tpl) => tpl.language === newLanguage)
      ? [...s.templates, { ...s.templates[0]!, language: newLanguage, custom: false }]
      : s.templates;
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">{t({ id: 'notices.title', defaultMessage: 'Absence notices' })}</h2>
      <p role="status">
        {s.channels.length === 0
          ? t({
              id: 'notices.noChannel',
              defaultMessage: 'No notice is sent: the server has no mail server (SMTP_HOST) or SMS gateway (NOTICE_SMS_WEBHOOK_URL) configured.',
            })
          : t(
              { id: 'notices.channels', defaultMessage: 'Notices go by {channels}.' },
              {
                channels: translator().intl.formatList(
                  s.channels.map((c) =>
                    c === 'email' ? t({ id: 'notices.channel.email', defaultMessage: 'email' }) : t({ id: 'notices.channel.sms', defaultMessage: 'SMS' }),
                  ),
                  { type: 'conjunction' },
                ),
              },
            )}
      </p>
      <PolicyForm settings={s} />
      <h3>{t({ id: 'notices.wording', defaultMessage: 'Wording' })}</h3>
      <label>
        {t({ id: 'notices.addLanguage', defaultMessage: 'Add a language (a tag such as fr or pt-BR)' })}
        <input value={language} onChange={(e) => setLanguage(e.target.value)} maxLength={16} />
      </label>
      {templates.map((tpl) => (
        <TemplateEditor key={tpl.language} template={tpl} />
      ))}
    </section>
  );
}
