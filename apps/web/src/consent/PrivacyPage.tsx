// Privacy, for admins: the consent policy, how long marks are kept, how many students have
// consent (school and per class), each class's printable consent list, and the change history.
import { useState, type ReactNode } from 'react';
import type { ConsentCounts } from '@rollcall/contracts';
import { useConsentReport, usePrivacySettings, useUpdatePrivacySettings } from '../data/remote.ts';
import { errorText } from '../ui/messages.ts';
import { CONSENT_TEXT } from '../core/camera-free.ts';
import { ClassConsentList } from './ClassConsentList.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { t, tx } from '../core/i18n.ts';
import { formatWhen } from '../ui/format.ts';

const defaultWord = () => t({ id: 'consent.history.default', defaultMessage: 'default' });

function Counts({ counts }: { counts: ConsentCounts }) {
  return (
    <span className="counts">
      {(Object.keys(CONSENT_TEXT) as (keyof ConsentCounts)[]).map((k) => (
        <span key={k}>
          {tx(
            { id: 'consent.count', defaultMessage: '{status}: <b>{count}</b>' },
            { status: CONSENT_TEXT[k], count: counts[k], b: (chunks: ReactNode[]) => <strong key="b">{chunks}</strong> },
          )}
        </span>
      ))}
    </span>
  );
}

function Settings() {
  const settings = usePrivacySettings();
  const update = useUpdatePrivacySettings();
  const [days, setDays] = useState<string | null>(null);
  if (settings.isPending) return <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>;
  if (settings.error) return <Alert>{errorText(settings.error)}</Alert>;
  const s = settings.data;
  const dayText = days ?? (s.retentionDays === null ? '' : String(s.retentionDays));
  const saveRetention = () => update.mutate({ body: { retentionDays: dayText.trim() === '' ? null : Number(dayText) } }, { onSuccess: () => setDays(null) });
  return (
    <div className="card no-print">
      <h3>{t({ id: 'consent.policy.title', defaultMessage: 'Consent policy' })}</h3>
      <label className="inline">
        <input
          type="checkbox"
          checked={s.consentRequired}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ body: { consentRequired: e.target.checked } })}
        />{' '}
        {t({ id: 'consent.policy.require', defaultMessage: "Require recorded consent before a student's face is used" })}
      </label>
      <p className="hint">
        {s.consentRequired
          ? t({
              id: 'consent.policy.on',
              defaultMessage: 'On: only students with consent granted are enrolled and recognised; everyone else is registered by hand.',
            })
          : t({
              id: 'consent.policy.off',
              defaultMessage: 'Off: the school relies on another lawful basis. Students whose consent was refused or withdrawn are still never enrolled.',
            })}
      </p>
      <h3>{t({ id: 'consent.retention.title', defaultMessage: 'Keeping attendance marks' })}</h3>
      <div className="row">
        <label>
          {t({ id: 'consent.retention.days', defaultMessage: 'Delete marks older than (days; empty keeps them)' })}
          <input type="number" min={1} max={36500} value={dayText} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="button" onClick={saveRetention} disabled={update.isPending}>
          {t({ id: 'common.save', defaultMessage: 'Save' })}
        </button>
      </div>
      <p className="hint">
        {s.retentionDefaultDays !== null
          ? t(
              {
                id: 'consent.retention.source',
                defaultMessage:
                  '{source, select, default {Using the server default} other {Set here}} (server default: {days, plural, one {# day} other {# days}}).',
              },
              { source: s.retentionFromDefault ? 'default' : 'here', days: s.retentionDefaultDays },
            )
          : t(
              {
                id: 'consent.retention.sourceNoDefault',
                defaultMessage: '{source, select, default {Using the server default} other {Set here}} (no server default: keep).',
              },
              { source: s.retentionFromDefault ? 'default' : 'here' },
            )}
      </p>
      <ErrorAlert error={update.error} />
      {s.history.length > 0 && (
        <>
          <h4>{t({ id: 'consent.history.title', defaultMessage: 'Changes' })}</h4>
          <ul className="consent-history" aria-label={t({ id: 'consent.history.label', defaultMessage: 'Privacy setting changes' })}>
            {s.history.map((h, i) => (
              <li key={i}>
                {t(
                  {
                    id: 'consent.history.change',
                    defaultMessage: '{at}: {setting, select, consent {consent policy} other {mark retention (days)}} {before} → {after}, by {name}',
                  },
                  {
                    at: formatWhen(h.at),
                    setting: h.key === 'consent.required' ? 'consent' : 'retention',
                    before: h.before ?? defaultWord(),
                    after: h.after ?? defaultWord(),
                    name: h.by.name,
                  },
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function PrivacyPage() {
  const report = useConsentReport(null);
  const [classId, setClassId] = useState<string>('');
  const chosen = report.data?.classes.find((c) => c.id === classId);
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title" className="no-print">
        {t({ id: 'consent.privacy.title', defaultMessage: 'Privacy' })}
      </h2>
      <Settings />
      <div className="card no-print">
        <h3>{t({ id: 'consent.sofar.title', defaultMessage: 'Consent so far' })}</h3>
        {report.data ? (
          <>
            <p>
              {tx({ id: 'consent.sofar.school', defaultMessage: 'Whole school: {counts}' }, { counts: <Counts key="counts" counts={report.data.counts} /> })}
            </p>
            <table className="list" aria-label={t({ id: 'consent.sofar.perClass', defaultMessage: 'Consent per class' })}>
              <thead>
                <tr>
                  <th scope="col">{t({ id: 'consent.sofar.column.class', defaultMessage: 'Class' })}</th>
                  <th scope="col">{t({ id: 'consent.sofar.column.consent', defaultMessage: 'Consent' })}</th>
                  <th scope="col">
                    <span className="sr-only">{t({ id: 'consent.sofar.column.actions', defaultMessage: 'Actions' })}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.data.classes.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>
                      <Counts counts={c.counts} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => setClassId(c.id)}
                        aria-label={t({ id: 'consent.sofar.listFor', defaultMessage: 'Consent list for {className}' }, { className: c.name })}
                      >
                        {t({ id: 'consent.sofar.list', defaultMessage: 'Consent list' })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : report.error ? (
          <Alert>{errorText(report.error)}</Alert>
        ) : (
          <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
        )}
      </div>
      {chosen && <ClassConsentList key={chosen.id} classId={chosen.id} className={chosen.name} />}
    </section>
  );
}
