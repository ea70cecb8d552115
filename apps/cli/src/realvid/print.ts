// The readable report of `rollcall realvid`: how each person was enrolled, a row per clip with its
// marks, reviews and liveness verdicts second by second, the set's rates and the curves.
import type { PersonEnrolment } from './enrol.ts';
import { BPCER_WITHIN_S, reviewSummary, timelineRuns, type curves, type SetRates } from './report.ts';
import type { ClipResult, MarkRecord } from './run.ts';

export interface ClipRow extends ClipResult {
  enrolled: string;
}

export const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const secs = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} s`);
const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');
const LETTER: Record<string, string> = { live: 'L', presentation: 'P', undecided: 'U', 'no-face': '.' };
/** The main track's state: pending, marked, already marked, unknown, in review; '.' with no face. */
const STATE: Record<string, string> = { pending: 'p', marked: 'M', already: 'a', unknown: 'u', review: 'r', '': '.' };
/** Verdict runs printed per clip; --json has them all. */
const MAX_RUNS = 8;

function markText(m: MarkRecord, kind: ClipResult['kind']): string {
  const what = !m.right ? 'WRONG PERSON' : kind === 'attack' ? 'REPLAY ACCEPTED' : 'ok';
  return `${m.student} ${m.at.toFixed(1)} s ${what}${m.doubt ? ` (flagged: ${m.doubt})` : ''}`;
}

export function printEnrolment(people: readonly PersonEnrolment[], embeddings: number, out: (s: string) => void): void {
  out(`enrolment: one gallery for the whole run, ${people.length} people, ${embeddings} embeddings (real engine, enrolment gates)`);
  for (const p of people) {
    const [from, prefix] =
      p.source.from === 'clip' ? [`frames of ${p.source.clip}`, `${p.source.clip} `] : [`crops in ${p.source.folder}`, `${p.source.folder}/`];
    out(`  ${p.person.padEnd(12)} ${p.used.length} ${from}: ${list(p.used.map((u) => (u.startsWith(prefix) ? u.slice(prefix.length) : u)))}`);
    for (const r of p.refused) out(`  ${''.padEnd(12)}   refused ${r.photo}: ${r.reasons.join(', ')}`);
  }
}

export function printClips(rows: readonly ClipRow[], out: (s: string) => void): void {
  const w = Math.max(...rows.map((r) => r.clip.length), 4);
  out('each second: liveness verdict L live, P presentation, U undecided, . no face; main track p pending, M marked, a already marked, u unknown, r in review');
  out(`${'clip'.padEnd(w)}  ${'kind'.padEnd(7)}  ${'person'.padEnd(11)}  faces    first mark  marks; reviews`);
  for (const r of rows) {
    const rv = reviewSummary(r);
    const reviews = rv.items
      ? `reviews ${rv.items} on ${rv.tracks} track${rv.tracks === 1 ? '' : 's'} (${Object.entries(rv.byWhy)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')})`
      : 'no reviews';
    const marks = r.marks.length ? r.marks.map((m) => markText(m, r.kind)).join(', ') : 'no marks';
    out(
      `${r.clip.padEnd(w)}  ${r.kind.padEnd(7)}  ${(r.person ?? '-').padEnd(11)}  ${`${r.framesWithFace}/${r.frames}`.padEnd(7)}  ${secs(r.firstMarkAt).padEnd(10)}  ${marks}; ${reviews}`,
    );
    const extra = [`enrolled: ${r.enrolled}`];
    if (r.pad !== null) extra.push(`pad median ${r.pad.toFixed(2)}`);
    if (r.unanalysed) extra.push(`${r.unanalysed} faces wanted but not analysed`);
    out(`    ${extra.join('; ')}`);
    const runs = timelineRuns(r).map(
      (x) => `${x.from === x.to ? x.from : `${x.from}-${x.to}`} s ${x.kind}${x.reason ? `: ${x.reason}` : ''}${x.state ? ` [${x.state}]` : ''}`,
    );
    out(
      `    each second: liveness ${r.timeline.map((v) => LETTER[v.kind]).join('')}, track ${r.timeline.map((v) => STATE[v.state.split(' ')[0]!] ?? '?').join('')}`,
    );
    out(`      ${runs.slice(0, MAX_RUNS).join('; ')}${runs.length > MAX_RUNS ? `; ... (${runs.length - MAX_RUNS} more)` : ''}`);
  }
}

export function printRates(r: SetRates, seconds: number, out: (s: string) => void): void {
  out(`APCER ${pct(r.apcer)} (${r.attacksAccepted.length}/${r.attackClips} attack clips in which anyone was marked: ${list(r.attacksAccepted)})`);
  out(`BPCER ${pct(r.bpcer)} (${r.genuineLate.length}/${r.genuineClips} genuine clips not marked within ${BPCER_WITHIN_S} s: ${list(r.genuineLate)})`);
  out(`genuine clips never marked in ${seconds} s: ${list(r.genuineNeverMarked)}`);
  out(`time to mark a genuine person: p50 ${secs(r.secondsToMarkP50)}, p90 ${secs(r.secondsToMarkP90)}`);
  out(`marks in crowd clips (${r.crowdClips}, nobody enrolled): ${r.crowdMarks}; wrong-person marks anywhere: ${r.wrongMarks}`);
}

/**
 * `unanalysed`: faces the session wanted analysed at the limits the run was measured at (the crop
 * pass lost them). A point with more wanted faces the measured run had only located (decided, on
 * the light path): there the curve is a guess, as the engine would have looked at them.
 */
export function printCurves(cs: Awaited<ReturnType<typeof curves>>, unanalysed: number, out: (s: string) => void): void {
  for (const c of cs) {
    out(`curve over ${c.key}, now ${c.base} (${c.what}):`);
    for (const p of c.points) {
      const blind = p.unanalysed - unanalysed;
      out(
        `  ${String(p.value).padEnd(6)} APCER ${pct(p.apcer).padStart(6)}  BPCER ${pct(p.bpcer).padStart(6)}${blind > 0 ? `  (${blind} more faces wanted in full that were only located when measured)` : ''}`,
      );
    }
  }
}
