// Correcting one mark: a new status with an optional reason, and the mark's changes: who first
// marked the student and who changed what since.
import { useState, type FormEvent } from 'react';
import { MarkStatus, type Mark } from '@rollcall/contracts';
import { errorText } from '../ui/messages.ts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { auditSentence, firstMarker } from './audit-text.ts';
import { useChangeStatus, useMarkAudit } from './useRecords.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

function AuditTrail({ mark }: { mark: Mark }) {
  const audit = useMarkAudit(mark.id);
  if (audit.isPending) return <p>{t({ id: 'records.audit.loading', defaultMessage: 'Loading the changes…' })}</p>;
  if (audit.error) return <p className="error">{errorText(audit.error)}</p>;
  const first = firstMarker(audit.data.items) ?? mark.markedBy;
  return (
    <section aria-label={t({ id: 'records.audit.label', defaultMessage: 'Audit trail' })}>
      <h4>{t({ id: 'records.audit.title', defaultMessage: 'Changes' })}</h4>
      {first && <p className="hint">{t({ id: 'records.audit.firstMarked', defaultMessage: 'First marked by {name}.' }, { name: first })}</p>}
      {audit.data.items.length === 0 ? (
        <p className="hint">{t({ id: 'records.audit.none', defaultMessage: 'No changes: this mark is as it was recorded.' })}</p>
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
        <form
          className="row"
          onSubmit={submit}
          aria-label={t({ id: 'records.editor.label', defaultMessage: 'Change status of {studentId}' }, { studentId: mark.studentId })}
        >
          <label>
            {t({ id: 'records.editor.newStatus', defaultMessage: 'New status' })}
            <select value={status} onChange={(e) => setStatus(MarkStatus.parse(e.target.value))}>
              {MarkStatus.options.map((s) => (
                <option key={s} value={s}>
                  {STATUS_TEXT[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t({ id: 'records.editor.reason', defaultMessage: 'Reason (optional)' })}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={t({ id: 'records.editor.reasonExample', defaultMessage: "Doctor's note" })}
            />
          </label>
          <button type="submit" className="primary" disabled={change.isPending || status === mark.status}>
            {t({ id: 'records.editor.save', defaultMessage: 'Save status' })}
          </button>
          <button type="button" onClick={onClose}>
            {t({ id: 'records.editor.close', defaultMessage: 'Close' })}
          </button>
          <ErrorAlert error={change.error} />
        </form>
      )}
      <AuditTrail mark={mark} />
    </div>
  );
}
