// One language's notice wording: subject and body with the placeholders listed, saved or returned
// to the built-in wording. Values go in as plain text, so the editor needs no escaping rules.
import { NOTICE_PLACEHOLDERS, type NoticeSettings } from '@rollcall/contracts';
import { useState, type FormEvent } from 'react';
import { useUpdateNoticeSettings } from '../data/guardians.ts';
import { ErrorAlert } from '../ui/Alert.tsx';

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
          const built = s.templates.find((t) => t.language === language);
          setSubject(built?.subject ?? '');
          setBody(built?.body ?? '');
        },
      },
    );

  return (
    <form className="card" onSubmit={save} aria-label={`Notice wording in ${language}`}>
      <h4>
        {language} {template.custom ? <span className="pill">the school&apos;s wording</span> : <span className="pill">built in</span>}
      </h4>
      <label>
        Subject
        <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={300} />
      </label>
      <label>
        Message
        <textarea value={body} onChange={(e) => setBody(e.target.value)} required maxLength={5000} rows={8} />
      </label>
      <p className="hint">Placeholders: {NOTICE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}. The message is sent as plain text.</p>
      <ErrorAlert error={update.error} />
      {update.isSuccess && <p role="status">Saved.</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={update.isPending}>
          Save wording<span className="sr-only"> in {language}</span>
        </button>
        {template.custom && (
          <button type="button" onClick={reset} disabled={update.isPending}>
            Use the built-in wording<span className="sr-only"> in {language}</span>
          </button>
        )}
      </div>
    </form>
  );
}
