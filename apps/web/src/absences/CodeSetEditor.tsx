// An admin's editor for the school's attendance codes and absence reasons: start from an example
// set (plain, or England's DfE codes) and change any row. The contract's own schema checks the set
// before it is sent, so a duplicate code or a status without its default is named before saving.
import { useState, type FormEvent, type ReactNode } from 'react';
import { CODE_PRESETS, CodeSetBody, MarkStatus, type AbsenceReason, type AttendanceCode } from '@rollcall/contracts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { errorText, issueText } from '../ui/messages.ts';
import { useSetAttendanceCodes } from '../data/absences.ts';
import { t, tx } from '../core/i18n.ts';

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
    if (!parsed.success) return setProblems([...new Set(parsed.error.issues.map(issueText))]);
    setProblems([]);
    save.mutate(parsed.data, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} aria-label={t({ id: 'absences.codeSet.label', defaultMessage: 'Change the attendance codes' })}>
      <label className="inline">
        {t({ id: 'absences.codeSet.startFrom', defaultMessage: 'Start from an example' })}
        <select value="" onChange={(e) => startFrom(e.target.value)}>
          <option value="">{t({ id: 'absences.codeSet.keepRows', defaultMessage: 'Keep the rows below' })}</option>
          {CODE_PRESETS.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <table className="list" aria-label={t({ id: 'absences.codeSet.table', defaultMessage: 'Codes to save' })}>
        <thead>
          <tr>
            <th scope="col">{t({ id: 'absences.codes.column.code', defaultMessage: 'Code' })}</th>
            <th scope="col">{t({ id: 'absences.codes.column.meaning', defaultMessage: 'Meaning' })}</th>
            <th scope="col">{t({ id: 'absences.codes.column.countsAs', defaultMessage: 'Counts as' })}</th>
            <th scope="col">{t({ id: 'absences.codeSet.column.default', defaultMessage: 'Default for its status' })}</th>
            <th scope="col">
              <span className="sr-only">{t({ id: 'common.remove', defaultMessage: 'Remove' })}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {codes.map((c, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={t({ id: 'absences.codeSet.code', defaultMessage: 'Code {n}' }, { n: i + 1 })}
                  value={c.code}
                  maxLength={4}
                  size={4}
                  onChange={(e) => setCode(i, { code: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t({ id: 'absences.codeSet.meaning', defaultMessage: 'Meaning of code {n}' }, { n: i + 1 })}
                  value={c.meaning}
                  maxLength={200}
                  onChange={(e) => setCode(i, { meaning: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={t({ id: 'absences.codeSet.countsAs', defaultMessage: 'Code {n} counts as' }, { n: i + 1 })}
                  value={c.status}
                  onChange={(e) => setCode(i, { status: MarkStatus.parse(e.target.value) })}
                >
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
                  aria-label={t({ id: 'absences.codeSet.isDefault', defaultMessage: 'Code {n} is the default' }, { n: i + 1 })}
                  checked={c.isDefault}
                  onChange={(e) => setCode(i, { isDefault: e.target.checked })}
                />
              </td>
              <td>
                <button type="button" onClick={() => setCodes(codes.filter((_, j) => j !== i))}>
                  {tx(
                    { id: 'absences.codeSet.removeCode', defaultMessage: 'Remove<sr> code {n}</sr>' },
                    {
                      n: i + 1,
                      sr: (chunks: ReactNode[]) => (
                        <span key="sr" className="sr-only">
                          {chunks}
                        </span>
                      ),
                    },
                  )}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setCodes([...codes, blankCode])}>
        {t({ id: 'absences.codeSet.addCode', defaultMessage: 'Add a code' })}
      </button>
      <h4>{t({ id: 'absences.codeSet.reasons', defaultMessage: 'Reasons' })}</h4>
      <ul className="plain">
        {reasons.map((r, i) => (
          <li key={i} className="row">
            <input
              aria-label={t({ id: 'absences.codeSet.reason', defaultMessage: 'Reason {n}' }, { n: i + 1 })}
              value={r.label}
              maxLength={100}
              onChange={(e) => setReason(i, { label: e.target.value })}
            />
            <input
              aria-label={t({ id: 'absences.codeSet.reasonCode', defaultMessage: 'Code of reason {n}' }, { n: i + 1 })}
              value={r.code}
              maxLength={4}
              size={4}
              onChange={(e) => setReason(i, { code: e.target.value })}
            />
            <button type="button" onClick={() => setReasons(reasons.filter((_, j) => j !== i))}>
              {tx(
                { id: 'absences.codeSet.removeReason', defaultMessage: 'Remove<sr> reason {n}</sr>' },
                {
                  n: i + 1,
                  sr: (chunks: ReactNode[]) => (
                    <span key="sr" className="sr-only">
                      {chunks}
                    </span>
                  ),
                },
              )}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setReasons([...reasons, { label: '', code: '' }])}>
        {t({ id: 'absences.codeSet.addReason', defaultMessage: 'Add a reason' })}
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
          {t({ id: 'absences.codeSet.save', defaultMessage: 'Save codes' })}
        </button>
        <button type="button" onClick={onDone}>
          {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
        </button>
      </div>
    </form>
  );
}
