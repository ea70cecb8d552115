// A student's guardians on their page: who they are, how to reach them, in which language, and
// whether the school may contact them; edited as one list and saved at once. Below, the absence
// notices sent to them.
import { useEffect, useState, type FormEvent } from 'react';
import { useGuardians, useSetGuardians } from '../data/guardians.ts';
import { emptyDraft, fromDraft, toDraft, type GuardianDraft } from './guardian-draft.ts';
import { NoticesList } from './NoticesList.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t, tx } from '../core/i18n.ts';

export function GuardiansPanel({ studentId, name }: { studentId: string; name: string }) {
  const guardians = useGuardians(studentId);
  const save = useSetGuardians(studentId);
  const [drafts, setDrafts] = useState<GuardianDraft[] | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (guardians.data && drafts === null) setDrafts(guardians.data.items.map(toDraft));
  }, [guardians.data, drafts]);

  const change = (key: string, patch: Partial<GuardianDraft>) => {
    setSaved(false);
    setDrafts((ds) => ds!.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ guardians: drafts!.map(fromDraft) }, { onSuccess: (r) => (setDrafts(r.items.map(toDraft)), setSaved(true)) });
  };

  return (
    <section className="card" aria-labelledby="guardians-title">
      <h3 id="guardians-title">{t({ id: 'students.guardians.title', defaultMessage: 'Guardians' })}</h3>
      <ErrorAlert error={guardians.error} />
      {drafts === null ? (
        !guardians.error && <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : (
        // noValidate: the server says which guardian and field is wrong, in the same words as a roster import.
        <form onSubmit={submit} aria-label={t({ id: 'students.guardians.of', defaultMessage: 'Guardians of {name}' }, { name })} noValidate>
          {drafts.length === 0 && (
            <p className="hint">
              {t({ id: 'students.guardians.none', defaultMessage: 'No guardian is recorded for {name}: no absence notice can be sent.' }, { name })}
            </p>
          )}
          {drafts.map((d, i) => (
            <fieldset key={d.key} className="guardian">
              <legend>{t({ id: 'students.guardians.number', defaultMessage: 'Guardian {number}' }, { number: i + 1 })}</legend>
              <div className="grid-3">
                <label>
                  {t({ id: 'students.guardians.name', defaultMessage: 'Name' })}
                  <input value={d.name} onChange={(e) => change(d.key, { name: e.target.value })} required maxLength={200} />
                </label>
                <label>
                  {t({ id: 'students.guardians.relation', defaultMessage: 'Relation' })}
                  <input
                    value={d.relation}
                    onChange={(e) => change(d.key, { relation: e.target.value })}
                    maxLength={100}
                    placeholder={t({ id: 'students.guardians.relationExample', defaultMessage: 'e.g. mother' })}
                  />
                </label>
                <label>
                  {t({ id: 'students.guardians.email', defaultMessage: 'Email' })}
                  <input type="email" value={d.email} onChange={(e) => change(d.key, { email: e.target.value })} maxLength={320} />
                </label>
                <label>
                  {t({ id: 'students.guardians.phone', defaultMessage: 'Phone' })}
                  <input type="tel" value={d.phone} onChange={(e) => change(d.key, { phone: e.target.value })} maxLength={32} />
                </label>
                <label>
                  {t({ id: 'students.guardians.language', defaultMessage: 'Language' })}
                  <input
                    value={d.language}
                    onChange={(e) => change(d.key, { language: e.target.value })}
                    maxLength={16}
                    placeholder={t({ id: 'students.guardians.languageExample', defaultMessage: 'e.g. en, de' })}
                  />
                </label>
                <label className="inline">
                  <input type="checkbox" checked={d.mayContact} onChange={(e) => change(d.key, { mayContact: e.target.checked })} />{' '}
                  {t({ id: 'students.guardians.mayContact', defaultMessage: 'The school may contact them' })}
                </label>
              </div>
              <button type="button" onClick={() => setDrafts(drafts.filter((x) => x.key !== d.key))}>
                {tx(
                  { id: 'students.guardians.remove', defaultMessage: 'Remove<hidden> guardian {who}</hidden>' },
                  { who: d.name || i + 1, hidden: (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span> },
                )}
              </button>
            </fieldset>
          ))}
          <ErrorAlert error={save.error} />
          {saved && <p role="status">{t({ id: 'students.guardians.saved', defaultMessage: 'Guardians saved.' })}</p>}
          <div className="row">
            <button type="button" onClick={() => setDrafts([...drafts, emptyDraft()])}>
              {t({ id: 'students.guardians.add', defaultMessage: 'Add a guardian' })}
            </button>
            <button type="submit" className="primary" disabled={save.isPending}>
              {t({ id: 'students.guardians.save', defaultMessage: 'Save guardians' })}
            </button>
          </div>
        </form>
      )}
      <NoticesList studentId={studentId} />
    </section>
  );
}
