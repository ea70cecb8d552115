// An admin's editor for the school's attendance codes and absence reasons: start from an example
// set (plain, or England's DfE codes) and change any row. The contract's own schema checks the set
// before it is sent, so a duplicate code or a status without its default is named before saving.
import { useState, type FormEvent } from 'react';
import { CODE_PRESETS, CodeSetBody, MarkStatus, type AbsenceReason, type AttendanceCode } from '@rollcall/contracts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { errorText } from '../ui/messages.ts';
import { useSetAttendanceCodes } from '../data/absences.ts';

const blankCode: AttendanceCode = { code: '', meaning: '', status: 'absent', isDefault: false };

export function CodeSetEditor({ initial, onDone }: { initial: CodeSetBody; onDone: () => void }) {
  const [codes, setCodes] = useState<AttendanceCode[]>(initial.codes);
  const [reasons, setReasons] = useState<AbsenceReason[]>(initial.reasons);
  const [problems, setProblems] = useState<string[]>([]);
  const save = useSetAttendanceCodes();

  const setCode = (i: number, patch: Partial<AttendanceCode>) => setCodes(codes.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const setReason = (i: number, patch: Partial<AbsenceReason>) => setReasons(reasons.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const startFrom = (name: string) => {
    const preset = CODE_PRESETS.find((p) => p.name === name);
    if (!preset) return;
    setCodes(preset.set.codes);
    setReasons(preset.set.reasons);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CodeSetBody.safeParse({ codes, reasons });
    if (!parsed.success) return setProblems([...new Set(parsed.error.issues.map((i) => i.message))]);
    setProblems([]);
    save.mutate(parsed.data, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} aria-label="Change the attendance codes">
      <label className="inline">
        Start from an example
        <select value="" onChange={(e) => startFrom(e.target.value)}>
          <option value="">Keep the rows below</option>
          {CODE_PRESETS.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <table className="list" aria-label="Codes to save">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Meaning</th>
            <th scope="col">Counts as</th>
            <th scope="col">Default for its status</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {codes.map((c, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Code ${i + 1}`} value={c.code} maxLength={4} size={4} onChange={(e) => setCode(i, { code: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Meaning of code ${i + 1}`} value={c.meaning} maxLength={200} onChange={(e) => setCode(i, { meaning: e.target.value })} />
              </td>
              <td>
                <select aria-label={`Code ${i + 1} counts as`} value={c.status} onChange={(e) => setCode(i, { status: MarkStatus.parse(e.target.value) })}>
                  {MarkStatus.options.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_TEXT[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Code ${i + 1} is the default`}
                  checked={c.isDefault}
                  onChange={(e) => setCode(i, { isDefault: e.target.checked })}
                />
              </td>
              <td>
                <button type="button" onClick={() => setCodes(codes.filter((_, j) => j !== i))}>
                  Remove<span className="sr-only"> code {i + 1}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setCodes([...codes, blankCode])}>
        Add a code
      </button>
      <h4>Reasons</h4>
      <ul className="plain">
        {reasons.map((r, i) => (
          <li key={i} className="row">
            <input aria-label={`Reason ${i + 1}`} value={r.label} maxLength={100} onChange={(e) => setReason(i, { label: e.target.value })} />
            <input aria-label={`Code of reason ${i + 1}`} value={r.code} maxLength={4} size={4} onChange={(e) => setReason(i, { code: e.target.value })} />
            <button type="button" onClick={() => setReasons(reasons.filter((_, j) => j !== i))}>
              Remove<span className="sr-only"> reason {i + 1}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setReasons([...reasons, { label: '', code: '' }])}>
        Add a reason
      </button>
      {(problems.length > 0 || save.error) && (
        <div role="alert" className="error">
          {problems.length > 0 ? (
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            errorText(save.error)
          )}
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save codes
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
