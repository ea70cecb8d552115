// How many register entries each attendance code got over some registers: the figures an office
// copies into its authority's return. Only final registers count, as in every other statistic.
import { codeFor, finalStatus, sessionPhase, type AttendanceCode, type CodeSet, type Register } from '@rollcall/contracts';

export interface CodeTotal {
  code: AttendanceCode;
  count: number;
}

/** Every code of the set in its order, with its count (0 included, so the table reads like the return). */
export function codeTotals(registers: readonly Register[], codes: Pick<CodeSet, 'codes' | 'reasons'>, now: number): CodeTotal[] {
  const counts = new Map<string, number>();
  for (const reg of registers) {
    if (sessionPhase(reg.session, now) !== 'ended') continue;
    for (const r of reg.rows) {
      if (!r.onRoster) continue;
      const code = codeFor(codes, finalStatus(r.status), r.reason);
      if (code) counts.set(code.code, (counts.get(code.code) ?? 0) + 1);
    }
  }
  return codes.codes.map((code) => ({ code, count: counts.get(code.code) ?? 0 }));
}
