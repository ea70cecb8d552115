// One language's notice wording: subject and body with the placeholders listed, saved or returned
// to the built-in wording. Values go in as plain text, so the editor needs no escaping rules.
import { NOTICE_PLACEHOLDERS, type NoticeSettings } from '@rollcall/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useUpdateNoticeSettings } from '../data/guardians.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t, translator, tx } from '../core/i18n.ts';

type Template = NoticeSettings['templates'][number];

export function TemplateEditor({ template }: { template: Template }) {
  const update = useUpdateNoticeSettings();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const { language } = template;

  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ templates: [{ language, subject, body }] });
  };
  const reset = () =>
    update.mutate(
      { reset: [language] },
      {
        onSuccess: (s) => {
          const built = s.templates.find((tpl) => tpl.language === language);
          setSubject(built?.subject ?? '');
          setBody(built?.body ?? '');
        },
      },
    );

  return (
    <form className="card" onSubmit={save} aria-label={t({ id: 'notices.template.label', defaultMessage: 'Notice wording in {language}' }, { language })}>
      <h4>
        {language}{' '}
        {template.custom ? (
          <span className="pill">{t({ id: 'notices.template.custom', defaultMessage: "the school's wording" })}</span>
        ) : (
          <span className="pill">{t({ id: 'notices.template.builtIn', defaultMessage: 'built in' })}</span>
        )}
      </h4>
      <label>
        {t({ id: 'notices.template.subject', defaultMessage: 'Subject' })}
        <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={300} />
      </label>
      <label>
        {t({ id: 'notices.template.message', defaultMessage: 'Message' })}
        <textarea value={body} onChange={(e) => setBody(e.target.value)} required maxLength={5000} rows={8} />
      </label>
      <p className="hint">
        {t(
          { id: 'notices.template.placeholders', defaultMessage: 'Placeholders: {placeholders}. The message is sent as plain text.' },
          {
            placeholders: translator().intl.formatList(
              NOTICE_PLACEHOLDERS.map((p) => `{${p}}`),
              { type: 'unit', style: 'short' },
            ),
          },
        )}
      </p>
      <ErrorAlert error={update.error} />
      {update.isSuccess && <p role="status">{t({ id: 'notices.saved', defaultMessage: 'Saved.' })}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={update.isPending}>
          {tx(
            { id: 'notices.template.save', defaultMessage: 'Save wording<sr> in {language}</sr>' },
            {
              language,
              sr: (chunks: ReactNode[]) => (
                <span key="sr" className="sr-only">
                  {chunks}
                </span>
              ),
            },
          )}
        </button>
        {template.custom && (
          <button type="button" onClick={reset} disabled={update.isPending}>
            {tx(
              { id: 'notices.template.reset', defaultMessage: 'Use the built-in wording<sr> in {language}</sr>' },
              {
                language,
                sr: (chunks: ReactNode[]) => (
                  <span key="sr" className="sr-only">
                    {chunks}
                  </span>
                ),
              },
            )}
          </button>
        )}
      </div>
    </form>
  );
}
