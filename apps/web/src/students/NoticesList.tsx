// The absence notices sent to a student's guardians: to whom, when, and what the mail server (or
// the SMS gateway) answered, or why a notice was cancelled or is still waiting.
import type { Notice } from '@rollcall/contracts';
import { useStudentNotices } from '../data/guardians.ts';
import { errorText } from '../ui/messages.ts';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';
import { formatDay, formatWhen } from '../ui/format.ts';

const stateText = (state: Notice['state']) =>
  t({ id: 'students.notices.state', defaultMessage: '{state, select, pending {Waiting to send} sent {Sent} cancelled {Cancelled} other {Failed}}' }, { state });

const when = (iso: string) => formatWhen(iso, 'minutes');

export function NoticesList({ studentId }: { studentId: string }) {
  const notices = useStudentNotices(studentId);
  if (notices.error) return <Alert>{errorText(notices.error)}</Alert>;
  if (!notices.data) return null;
  const col = {
    day: t({ id: 'students.notices.day', defaultMessage: 'Absence on' }),
    to: t({ id: 'students.notices.to', defaultMessage: 'To' }),
    state: t({ id: 'students.notices.stateColumn', defaultMessage: 'State' }),
    when: t({ id: 'students.notices.when', defaultMessage: 'When' }),
    answer: t({ id: 'students.notices.answer', defaultMessage: 'Answer' }),
  };
  if (notices.data.items.length === 0)
    return <p className="hint">{t({ id: 'students.notices.none', defaultMessage: 'No absence notice has been sent to these guardians.' })}</p>;
  return (
    <>
      <h4>{t({ id: 'students.notices.title', defaultMessage: 'Absence notices' })}</h4>
      <table className="list stack" aria-label={t({ id: 'students.notices.title', defaultMessage: 'Absence notices' })}>
        <thead>
          <tr>
            <th scope="col">{col.day}</th>
            <th scope="col">{col.to}</th>
            <th scope="col">{col.state}</th>
            <th scope="col">{col.when}</th>
            <th scope="col">{col.answer}</th>
          </tr>
        </thead>
        <tbody>
          {notices.data.items.map((n) => (
            <tr key={n.id}>
              <td data-label={col.day}>{formatDay(n.day)}</td>
              <td data-label={col.to}>
                {n.recipient}{' '}
                <span className="hint">
                  {t({ id: 'students.notices.channel', defaultMessage: '({channel, select, email {email} other {SMS}})' }, { channel: n.channel })}
                </span>
              </td>
              <td data-label={col.state}>
                {stateText(n.state)}
                {n.attempts > 1 && (
                  <span className="hint"> {t({ id: 'students.notices.attempts', defaultMessage: 'after {attempts} attempts' }, { attempts: n.attempts })}</span>
                )}
              </td>
              <td data-label={col.when}>
                {n.sentAt
                  ? when(n.sentAt)
                  : n.state === 'pending'
                    ? t({ id: 'students.notices.notBefore', defaultMessage: 'not before {when}' }, { when: when(n.sendAfter) })
                    : ''}
              </td>
              <td data-label={col.answer}>{n.result ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
