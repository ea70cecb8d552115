// The register CSV a school office keeps: one row per roster student per session, absent
// included. Times are wall-clock times Excel reads as times ("2026-11-29 09:05"), in this
// browser's zone, with that zone's UTC offset in a column of its own. A student still not seen
// when the session ended is absent, as in the statistics. With the school's attendance codes, each
// row also carries its code and the code's statutory meaning, for the authority's returns.
// Similarity and device only in the technical columns, when asked for. Headers and words are in the
// app's language; times, zones, ids, codes and scores are the same in every language.
import { codeFor, finalStatus, sessionPhase, zoneOffset, type CodeSet, type Register } from '@rollcall/contracts';
import { howMarked, reasonText, STATUS_TEXT } from '../ui/status-text.ts';
import { offsetText, wallClock, type Separator } from './csv-format.ts';
import { toCsv } from './export-csv.ts';
import { t } from './i18n.ts';

/** The column names, in the app's language; with codes, the code and its meaning follow the status. */
export function registerHeader(opts: { codes?: boolean; technical?: boolean } = {}): string[] {
  return [
    t({ id: 'core.csv.class', defaultMessage: 'Class' }),
    t({ id: 'core.csv.date', defaultMessage: 'Date' }),
    t({ id: 'core.csv.start', defaultMessage: 'Start' }),
    t({ id: 'core.csv.timeZone', defaultMessage: 'Time zone' }),
    t({ id: 'core.csv.studentId', defaultMessage: 'Student ID' }),
    t({ id: 'core.csv.student', defaultMessage: 'Student' }),
    t({ id: 'core.csv.status', defaultMessage: 'Status' }),
    ...(opts.codes ? [t({ id: 'core.csv.code', defaultMessage: 'Code' }), t({ id: 'core.csv.codeMeaning', defaultMessage: 'Code meaning' })] : []),
    t({ id: 'core.csv.markedAt', defaultMessage: 'Marked at' }),
    t({ id: 'core.csv.howMarked', defaultMessage: 'How marked' }),
    t({ id: 'core.csv.markedBy', defaultMessage: 'Marked by' }),
    t({ id: 'core.csv.reason', defaultMessage: 'Reason' }),
    ...(opts.technical ? [t({ id: 'core.csv.similarity', defaultMessage: 'Similarity' }), t({ id: 'core.csv.device', defaultMessage: 'Device' })] : []),
  ];
}

type Codes = Pick<CodeSet, 'codes' | 'reasons'>;

export function registersToCsv(
  registers: readonly Register[],
  opts: { technical?: boolean; separator?: Separator; now?: number; codes?: Codes | undefined } = {},
): string {
  const now = opts.now ?? Date.now();
  const codes = opts.codes;
  const fields = registerHeader({ codes: !!codes, ...(opts.technical !== undefined && { technical: opts.technical }) });
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
        missed
          ? t({ id: 'core.csv.notSeenBeforeEnd', defaultMessage: 'Not seen before the end' })
          : r.method
            ? howMarked({ method: r.method, similarity: r.similarity, reason: r.reason })
            : '',
        r.markedBy ?? '',
        reasonText({ method: r.method, reason: r.reason }),
      ];
      if (opts.technical) cells.push(r.similarity === null ? '' : r.similarity.toFixed(3), r.deviceId ?? '');
      return cells;
    });
  });
  return toCsv(fields, data, opts.separator);
}

export const registerFileName = (className: string, from: string, to: string): string =>
  `register-${className.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'class'}-${from}${to !== from ? `-${to}` : ''}.csv`;
