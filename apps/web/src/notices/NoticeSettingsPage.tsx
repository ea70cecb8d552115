// Admins choose when guardians are told of an unexplained absence (after the first one of a day,
// after the day, or only past a number in the term), how long a notice waits for a reason, the
// default language, and the wording per language.
import type { NoticeSettings, NoticeTrigger } from '@rollcall/contracts';
import { useState, type FormEvent } from 'react';
import { useNoticeSettings, useUpdateNoticeSettings } from '../data/guardians.ts';
import { errorText } from '../ui/messages.ts';
import { TemplateEditor } from './TemplateEditor.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';

const TRIGGER_TEXT: Record<NoticeTrigger, string> = {
  'first-period': 'After the first unexplained absence of a day (when its session ends)',
  day: 'Once after the day, at the time below',
  'term-threshold': 'Only once a student has this many unexplained absences in the term',
};

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
    <form className="card" onSubmit={save} aria-label="When notices go">
      <fieldset>
        <legend>When guardians are told</legend>
        {(Object.keys(TRIGGER_TEXT) as NoticeTrigger[]).map((t) => (
          <label key={t} className="inline">
            <input type="radio" name="trigger" checked={draft.trigger === t} onChange={() => setDraft({ ...draft, trigger: t })} /> {TRIGGER_TEXT[t]}
          </label>
        ))}
      </fieldset>
      <div className="grid-3">
        <label>
          Unexplained absences in a term
          <input type="number" min={1} max={200} value={draft.threshold} onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })} />
        </label>
        <label>
          Minutes to wait for a reason
          <input type="number" min={0} max={1440} value={draft.delayMinutes} onChange={(e) => setDraft({ ...draft, delayMinutes: Number(e.target.value) })} />
        </label>
        <label>
          The school day ends at
          <input type="time" value={draft.dayEndsAt} onChange={(e) => setDraft({ ...draft, dayEndsAt: e.target.value })} />
        </label>
        <label>
          Default language
          <select value={draft.defaultLanguage} onChange={(e) => setDraft({ ...draft, defaultLanguage: e.target.value })}>
            {settings.templates.map((t) => (
              <option key={t.language} value={t.language}>
                {t.language}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">One notice per student, guardian and day at most; a reason recorded before it goes cancels it.</p>
      <ErrorAlert error={update.error} />
      {update.isSuccess && <p role="status">Saved.</p>}
      <button type="submit" className="primary" disabled={update.isPending}>
        Save
      </button>
    </form>
  );
}

export function NoticeSettingsPage() {
  const settings = useNoticeSettings();
  const [language, setLanguage] = useState('');
  if (settings.error) return <Alert>{errorText(settings.error)}</Alert>;
  if (!settings.data) return <p>Loading…</p>;
  const s = settings.data;
  const newLanguage = language.trim();
  const templates =
    newLanguage && !s.templates.some((t) => t.language === newLanguage)
      ? [...s.templates, { ...s.templates[0]!, language: newLanguage, custom: false }]
      : s.templates;
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">Absence notices</h2>
      <p role="status">
        {s.channels.length === 0
          ? 'No notice is sent: the server has no mail server (SMTP_HOST) or SMS gateway (NOTICE_SMS_WEBHOOK_URL) configured.'
          : `Notices go by ${s.channels.map((c) => (c === 'email' ? 'email' : 'SMS')).join(' and ')}.`}
      </p>
      <PolicyForm settings={s} />
      <h3>Wording</h3>
      <label>
        Add a language (a tag such as fr or pt-BR)
        <input value={language} onChange={(e) => setLanguage(e.target.value)} maxLength={16} />
      </label>
      {templates.map((t) => (
        <TemplateEditor key={t.language} template={t} />
      ))}
    </section>
  );
}
