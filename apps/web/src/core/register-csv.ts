// The register CSV a school office keeps: one row per roster student per session, absent
// included. Times are wall-clock times Excel reads as times ("2026-11-29 09:05"), in this
// browser's zone, with that zone's UTC offset in a column of its own. A student still not seen
// when the session ended is absent, as in the statistics. With the school's attendance codes, each
// row also carries its code and the code's statutory meaning, for the authority's returns.
// Similarity and device only in the technical columns, when asked for.
import { codeFor, finalStatus, sessionPhase, zoneOffset, type CodeSet, type Register } from '@rollcall/contracts';
import { howMarked, STATUS_TEXT } from '../ui/status-text.ts';
import { offsetText, wallClock, type Separator } from './csv-format.ts';
import { toCsv } from './export-csv.ts';

export const REGISTER_HEADER = [
  'Class',
  'Date',
  'Start',
  'Time zone',
  'Student ID',
  'Student',
  'Status',
  'Marked at',
  'How marked',
  'Marked by',
  'Reason',
] as const;
export const TECHNICAL_HEADER = ['Similarity', 'Device'] as const;
export const CODE_HEADER = ['Code', 'Code meaning'] as const;

type Codes = Pick<CodeSet, 'codes' | 'reasons'>;

export function registersToCsv(
  registers: readonly Register[],
  opts: { technical?: boolean; separator?: Separator; now?: number; codes?: Codes | undefined } = {},
): string {
  const now = opts.now ?? Date.now();
  const codes = opts.codes;
  const fields: string[] = [...REGISTER_HEADER];
  if (codes) fields.splice(fields.indexOf('Status') + 1, 0, ...CODE_HEADER);
  if (opts.technical) fields.push(...TECHNICAL_HEADER);
  const data = registers.flatMap((reg) => {
    // One offset per session, the one at its start: its marks are written at that offset too, so
    // the offset column is right for every time in the row.
    const offset = zoneOffset(Date.parse(reg.session.startsAt));
    const start = wallClock(reg.session.startsAt, offset);
    const ended = sessionPhase(reg.session, now) === 'ended';
    return reg.rows.map((r) => {
      const missed = ended && r.status === 'not-seen';
      const status = ended ? finalStatus(r.status) : r.status;
      // A student not seen in a running session has no code yet: the register is not final.
      const code = codes && status !== 'not-seen' ? codeFor(codes, status, r.reason) : undefined;
      const cells: (string | number | null)[] = [
        reg.className,
        start.slice(0, 10),
        start.slice(11),
        offsetText(offset),
        r.studentId,
        r.name,
        STATUS_TEXT[status],
        ...(codes ? [code?.code ?? '', code?.meaning ?? ''] : []),
        r.markedAt ? wallClock(r.markedAt, offset, 'seconds') : '',
        missed ? 'Not seen before the end' : r.method ? howMarked({ method: r.method, similarity: r.similarity, reason: r.reason }) : '',
        r.markedBy ?? '',
        r.reason ?? '',
      ];
      if (opts.technical) cells.push(r.similarity === null ? '' : r.similarity.toFixed(3), r.deviceId ?? '');
      return cells;
    });
  });
  return toCsv(fields, data, opts.separator);
}

export const registerFileName = (className: string, from: string, to: string): string =>
  `register-${className.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'class'}-${from}${to !== from ? `-${to}` : ''}.csv`;
