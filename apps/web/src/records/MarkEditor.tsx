// Correcting one mark: a new status with an optional reason, and the mark's changes: who first
// marked the student and who changed what since.
import { useState, type FormEvent } from 'react';
import { MarkStatus, type Mark } from '@rollcall/contracts';
import { errorText } from '../ui/messages.ts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { auditSentence, firstMarker } from './audit-text.ts';
import { useChangeStatus, useMarkAudit } from './useRecords.ts';
import { ErrorAlert } from '../ui/Alert.tsx';

function AuditTrail({ mark }: { mark: Mark }) {
  const audit = useMarkAudit(mark.id);
  if (audit.isPending) return <p>Loading the changes…</p>;
  if (audit.error) return <p className="error">{errorText(audit.error)}</p>;
  const first = firstMarker(audit.data.items) ?? mark.markedBy;
  return (
    <section aria-label="Audit trail">
      <h4>Changes</h4>
      {first && <p className="hint">First marked by {first}.</p>}
      {audit.data.items.length === 0 ? (
        <p className="hint">No changes: this mark is as it was recorded.</p>
      ) : (
        <ol className="audit">
          {audit.data.items.map((a) => (
            <li key={a.id}>{auditSentence(a)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function MarkEditor({ mark, canEdit, onClose }: { mark: Mark; canEdit: boolean; onClose: () => void }) {
  const change = useChangeStatus();
  const [status, setStatus] = useState<MarkStatus>(mark.status);
  const [reason, setReason] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ markId: mark.id, status, reason }, { onSuccess: () => setReason('') });
  };

  return (
    <div className="mark-editor">
      {canEdit && (
        <form className="row" onSubmit={submit} aria-label={`Change status of ${mark.studentId}`}>
          <label>
            New status
            <select value={status} onChange={(e) => setStatus(MarkStatus.parse(e.target.value))}>
              {MarkStatus.options.map((s) => (
                <option key={s} value={s}>
                  {STATUS_TEXT[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason (optional)
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="Doctor's note" />
          </label>
          <button type="submit" className="primary" disabled={change.isPending || status === mark.status}>
            Save status
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <ErrorAlert error={change.error} />
        </form>
      )}
      <AuditTrail mark={mark} />
    </div>
  );
}
