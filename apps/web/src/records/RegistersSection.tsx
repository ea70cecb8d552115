// Records: the registers of the chosen class's sessions (roster x status, the absent named), with
// the register CSV export (technical columns on request).
import { useState } from 'react';
import type { Register } from '@rollcall/contracts';
import { MarkReason } from '../register/MarkReason.tsx';
import { STATUS_TEXT } from '../register/status-text.ts';
import { errorText } from '../ui/messages.ts';
import { downloadText } from './download.ts';
import { formatWhen } from './format.ts';
import { registerFileName, registersToCsv } from './register-csv.ts';
import { useRegisters } from './useRegisters.ts';

function RegisterCard({ reg }: { reg: Register }) {
  const absent = reg.rows.filter((r) => r.status === 'absent').map((r) => r.name);
  const notSeen = reg.rows.filter((r) => r.status === 'not-seen').map((r) => r.name);
  return (
    <details className="card register-card">
      <summary>
        <strong>{formatWhen(reg.session.startsAt, 'minutes')}</strong> · {reg.counts.here} of {reg.counts.total} here
        {absent.length > 0 && <> · absent: {absent.join(', ')}</>}
        {notSeen.length > 0 && (
          <>
            {' '}
            · not seen{reg.session.active ? ' yet' : ''}: {notSeen.join(', ')}
          </>
        )}
      </summary>
      <ul className="stacked-list">
        {reg.rows.map((r) => (
          <li key={r.studentId}>
            <span>{r.name}</span> <span className={`status status-${r.status}`}>{STATUS_TEXT[r.status]}</span>
            {r.reason && ' '}
            <MarkReason row={r} />
            {r.markedBy && <span className="hint"> · {r.markedBy}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RegistersSection({ classId, className, from, to }: { classId: string; className: string; from: string; to: string }) {
  const registers = useRegisters(classId, from, to, !!from && !!to);
  const [technical, setTechnical] = useState(false);
  if (!classId) return <p className="hint">Choose a class to see its registers.</p>;
  if (registers.error)
    return (
      <p role="alert" className="error">
        {errorText(registers.error)}
      </p>
    );
  if (!registers.data) return <p>Loading…</p>;
  const items = registers.data.items;
  return (
    <div>
      <div className="row">
        <button
          type="button"
          disabled={items.length === 0}
          onClick={() => downloadText(registerFileName(className, from, to), registersToCsv(items, { technical }))}
        >
          Export register CSV
        </button>
        <label className="inline">
          <input type="checkbox" checked={technical} onChange={(e) => setTechnical(e.target.checked)} /> Include technical columns (similarity, device)
        </label>
      </div>
      {items.length === 0 ? (
        <p className="hint">No sessions of {className} in these days.</p>
      ) : (
        items.map((reg) => <RegisterCard key={reg.session.id} reg={reg} />)
      )}
    </div>
  );
}
