// The register CSV a school office keeps: one row per roster student per session, absent
// included, with times in this browser's zone and offset (2026-11-29T09:05:00+01:00), as the
// screen shows them. Similarity and device only in the technical columns, when asked for.
import type { Register } from '@rollcall/contracts';
import { localIso } from '../attendance/marking.ts';
import { METHOD_TEXT, STATUS_TEXT } from '../register/status-text.ts';
import { toCsv } from './export-csv.ts';

export const REGISTER_HEADER = [
  'class',
  'session_date',
  'session_start',
  'student_id',
  'student_name',
  'status',
  'marked_at',
  'method',
  'marked_by',
  'reason',
] as const;
export const TECHNICAL_HEADER = ['similarity', 'device'] as const;

/** An instant in this browser's zone, to the second, with its offset. */
export const localSeconds = (iso: string): string => localIso(new Date(iso)).replace(/\.\d{3}(?=[+-])/, '');

export function registersToCsv(registers: readonly Register[], opts: { technical?: boolean } = {}): string {
  const fields = opts.technical ? [...REGISTER_HEADER, ...TECHNICAL_HEADER] : [...REGISTER_HEADER];
  const data = registers.flatMap((reg) => {
    const start = localSeconds(reg.session.startsAt);
    return reg.rows.map((r) => {
      const cells: (string | number | null)[] = [
        reg.className,
        start.slice(0, 10),
        start,
        r.studentId,
        r.name,
        STATUS_TEXT[r.status],
        r.markedAt ? localSeconds(r.markedAt) : '',
        r.method ? METHOD_TEXT[r.method] : '',
        r.markedBy ?? '',
        r.reason ?? '',
      ];
      if (opts.technical) cells.push(r.similarity === null ? '' : r.similarity.toFixed(3), r.deviceId ?? '');
      return cells;
    });
  });
  return toCsv(fields, data);
}

export const registerFileName = (className: string, from: string, to: string): string =>
  `register-${className.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'class'}-${from}${to !== from ? `-${to}` : ''}.csv`;
