// The school's attendance codes: each register status and each listed absence reason maps to a
// code with a statutory meaning, so the office reports in the codes its authority asks for. One
// pure lookup (codeFor) serves the register CSV and the statistics alike.
import { z } from 'zod';
import { check, FIXED_CHECK_TEXT } from './checks.ts';
import { DisplayName } from './common.ts';
import { MarkStatus } from './attendance.ts';

/** Letters, digits or a register symbol (England's / and \), as authorities print them. */
export const CodeText = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}/\\#*+-]{1,4}$/u, FIXED_CHECK_TEXT['code-text-format']);

export const AttendanceCode = z.strictObject({
  code: CodeText,
  /** The statutory meaning, as the authority words it. */
  meaning: DisplayName(200),
  /** The register status the code counts as in Rollcall's own figures. */
  status: MarkStatus,
  /** The code a mark of this status gets when no listed reason names another: one per status. */
  isDefault: z.boolean(),
});
export type AttendanceCode = z.infer<typeof AttendanceCode>;

/** A reason an office picks when it explains an absence ("Illness"), and the code it gives. */
export const AbsenceReason = z.strictObject({ label: DisplayName(100), code: CodeText });
export type AbsenceReason = z.infer<typeof AbsenceReason>;

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export const CodeSetBody = z
  .strictObject({ codes: z.array(AttendanceCode).min(1).max(60), reasons: z.array(AbsenceReason).max(60) })
  .superRefine((set, ctx) => {
    set.codes.forEach((c, i) => {
      if (set.codes.findIndex((o) => same(o.code, c.code)) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['codes', i, 'code'],
          message: `The code ${c.code} is listed twice: each code may appear once.`,
          params: check('code-listed-twice', { code: c.code }),
        });
    });
    for (const status of MarkStatus.options) {
      const defaults = set.codes.filter((c) => c.status === status && c.isDefault).length;
      if (defaults !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['codes'],
          message: `Mark exactly one code as the default for ${status} (found ${defaults}).`,
          params: check('default-code-count', { status, found: defaults }),
        });
    }
    set.reasons.forEach((r, i) => {
      if (set.reasons.findIndex((o) => same(o.label, r.label)) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['reasons', i, 'label'],
          message: `The reason "${r.label}" is listed twice.`,
          params: check('reason-listed-twice', { label: r.label }),
        });
      if (!set.codes.some((c) => same(c.code, r.code)))
        ctx.addIssue({
          code: 'custom',
          path: ['reasons', i, 'code'],
          message: `The reason "${r.label}" names the code ${r.code}, which is not in the list.`,
          params: check('reason-code-unknown', { label: r.label, code: r.code }),
        });
    });
  });
export type CodeSetBody = z.infer<typeof CodeSetBody>;

export const CodeSet = z.object({
  codes: z.array(AttendanceCode),
  reasons: z.array(AbsenceReason),
  /** false: the school never chose, and this is the plain default set. */
  chosen: z.boolean(),
  updatedBy: z.string().nullable(),
});
export type CodeSet = z.infer<typeof CodeSet>;

/**
 * The code of a mark: a listed reason's code when the mark's reason is that reason and its code
 * counts as the mark's status (an excused "Illness" is I; an absent one keeps the absent code);
 * otherwise the status's default code.
 */
export function codeFor(set: Pick<CodeSet, 'codes' | 'reasons'>, status: MarkStatus, reason: string | null): AttendanceCode | undefined {
  const listed = reason === null ? undefined : set.reasons.find((r) => same(r.label, reason.trim()));
  const byReason = listed && set.codes.find((c) => same(c.code, listed.code) && c.status === status);
  return byReason ?? set.codes.find((c) => c.status === status && c.isDefault);
}

/** The reasons an office may pick to explain an absence: those whose code excuses or records it. */
export const explainingReasons = (set: Pick<CodeSet, 'codes' | 'reasons'>): AbsenceReason[] =>
  set.reasons.filter((r) => set.codes.some((c) => same(c.code, r.code) && (c.status === 'excused' || c.status === 'absent')));

/** The status a mark explained with this reason takes: its code's, or excused for free text. */
export function explainedStatus(set: Pick<CodeSet, 'codes' | 'reasons'>, reason: string): 'excused' | 'absent' {
  const listed = explainingReasons(set).find((r) => same(r.label, reason.trim()));
  const code = listed && set.codes.find((c) => same(c.code, listed.code));
  return code?.status === 'absent' ? 'absent' : 'excused';
}

/** What Rollcall uses until a school chooses: one letter per status, and everyday reasons. */
export const PLAIN_CODES: CodeSetBody = {
  codes: [
    { code: 'P', meaning: 'Present', status: 'present', isDefault: true },
    { code: 'L', meaning: 'Late', status: 'late', isDefault: true },
    { code: 'E', meaning: 'Excused absence', status: 'excused', isDefault: true },
    { code: 'A', meaning: 'Absent', status: 'absent', isDefault: true },
  ],
  reasons: [
    { label: 'Illness', code: 'E' },
    { label: 'Medical appointment', code: 'E' },
    { label: 'Family reasons', code: 'E' },
    { label: 'School trip or activity', code: 'E' },
  ],
};

/** England's DfE attendance codes (school attendance guidance), the ones a classroom register meets. */
export const DFE_CODES: CodeSetBody = {
  codes: [
    { code: '/', meaning: 'Present (AM)', status: 'present', isDefault: true },
    { code: '\\', meaning: 'Present (PM)', status: 'present', isDefault: false },
    { code: 'L', meaning: 'Late, arrived before the register closed', status: 'late', isDefault: true },
    { code: 'U', meaning: 'Late, arrived after the register closed', status: 'late', isDefault: false },
    { code: 'C', meaning: 'Authorised absence: other exceptional circumstances', status: 'excused', isDefault: true },
    { code: 'I', meaning: 'Authorised absence: illness (not medical or dental appointments)', status: 'excused', isDefault: false },
    { code: 'M', meaning: 'Authorised absence: medical or dental appointment', status: 'excused', isDefault: false },
    { code: 'R', meaning: 'Authorised absence: religious observance', status: 'excused', isDefault: false },
    { code: 'B', meaning: 'Attending an approved educational activity off site', status: 'excused', isDefault: false },
    { code: 'N', meaning: 'Absent: reason not yet provided', status: 'absent', isDefault: true },
    { code: 'O', meaning: 'Unauthorised absence not covered by any other code', status: 'absent', isDefault: false },
    { code: 'G', meaning: 'Unauthorised absence: holiday not agreed by the school', status: 'absent', isDefault: false },
  ],
  reasons: [
    { label: 'Illness', code: 'I' },
    { label: 'Medical or dental appointment', code: 'M' },
    { label: 'Religious observance', code: 'R' },
    { label: 'Off-site educational activity', code: 'B' },
    { label: 'Arrived after the register closed', code: 'U' },
    { label: 'Exceptional circumstances agreed by the school', code: 'C' },
    { label: 'Holiday not agreed by the school', code: 'G' },
    { label: 'No acceptable reason', code: 'O' },
  ],
};

/** The example sets a school may start from, by the name the settings page shows. */
export const CODE_PRESETS = [
  { name: 'Plain (P, L, E, A)', set: PLAIN_CODES },
  { name: 'England (DfE attendance codes)', set: DFE_CODES },
] as const;
