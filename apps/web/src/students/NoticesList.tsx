// The absence notices sent to a student's guardians: to whom, when, and what the mail server (or
// the SMS gateway) answered, or why a notice was cancelled or is still waiting.
import type { Notice } from '@rollcall/contracts';
import { useStudentNotices } from '../data/guardians.ts';
import { errorText } from '../ui/messages.ts';
import { Alert } from '../ui/Alert.tsx';

const STATE_TEXT: Record<Notice['state'], string> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export function NoticesList({ studentId }: { studentId: string }) {
  const notices = useStudentNotices(studentId);
  if (notices.error) return <Alert>{errorText(notices.error)}</Alert>;
  if (!notices.data) return null;
  if (notices.data.items.length === 0) return <p className="hint">No absence notice has been sent to these guardians.</p>;
  return (
    <>
      <h4>Absence notices</h4>
      <table className="list stack" aria-label="Absence notices">
        <thead>
          <tr>
            <th scope="col">Absence on</th>
            <th scope="col">To</th>
            <th scope="col">State</th>
            <th scope="col">When</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {notices.data.items.map((n) => (
            <tr key={n.id}>
              <td data-label="Absence on">{n.day}</td>
              <td data-label="To">
                {n.recipient} <span className="hint">({n.channel === 'email' ? 'email' : 'SMS'})</span>
              </td>
              <td data-label="State">
                {STATE_TEXT[n.state]}
                {n.attempts > 1 && <span className="hint"> after {n.attempts} attempts</span>}
              </td>
              <td data-label="When">{n.sentAt ? when(n.sentAt) : n.state === 'pending' ? `not before ${when(n.sendAfter)}` : ''}</td>
              <td data-label="Answer">{n.result ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
