// `rollcall classroom <folder> --students N --present P --strangers S --seconds T --seed X
// [--photos-per-student K] [--one-sitting] [--keep-refused] [--fps F] [--tiles N] [--no-liveness | --texture] [--days D [--learn]] [--json]`: a class enrolled
// from a photo folder through the real enrolment path, then a simulated 1280x720 camera showing
// the present students and never-enrolled strangers, run through the real face engine and the
// real recognition core. Reports marks, wrong marks, strangers marked, review items and speed;
// with --days, one row per simulated school day, learning from sightings between days with --learn.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { DEFAULT_LEARN, DEFAULT_LIVENESS, DEFAULT_RECOGNITION } from '@rollcall/recognition';
import { simulateDays } from '../classroom/days.ts';
import { readPhotos } from '../eval/dataset.ts';
import { enrolClass } from '../classroom/enrol.ts';
import { afterEnrolment, planClass } from '../classroom/plan.ts';
import type { DayResult } from '../classroom/simulate.ts';
import { resolveUserPath, UsageError } from '../paths.ts';

const USAGE =
  'usage: rollcall classroom <folder> --students N --present P --strangers S --seconds T --seed X [--photos-per-student K] [--one-sitting] [--keep-refused] [--fps F] [--tiles N] [--no-liveness | --texture] [--days D [--learn]] [--json]';

function whole(name: string, raw: string | undefined, min: number): number {
  const v = Number(raw);
  if (raw === undefined || !Number.isInteger(v) || v < min) throw new UsageError(`--${name} must be a whole number >= ${min}\n${USAGE}`);
  return v;
}

export type ClassroomReport = Omit<DayResult, 'marks' | 'reviews'> & {
  enrolledPhotos: number;
  rejectedPhotos: number;
  replacedPhotos: number;
  notEnrolled: string[];
};

export async function classroomCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      students: { type: 'string' },
      present: { type: 'string' },
      strangers: { type: 'string', default: '0' },
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      'photos-per-student': { type: 'string', default: '3' },
      'one-sitting': { type: 'boolean', default: false },
      // As before the sixth round: a photo the gates refuse is not replaced by another.
      'keep-refused': { type: 'boolean', default: false },
      fps: { type: 'string', default: '2' },
      'no-liveness': { type: 'boolean', default: false },
      // The shipped liveness with the texture model: photos pasted into a frame read as pictures (see SIMULATED_LIVENESS).
      texture: { type: 'boolean', default: false },
      tiles: { type: 'string' },
      days: { type: 'string', default: '1' },
      learn: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!positionals[0]) throw new UsageError(USAGE);
  const folder = resolveUserPath(positionals[0]);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`no photo folder at ${folder}\n${USAGE}`);
  const students = whole('students', values.students, 1);
  const present = whole('present', values.present ?? String(students), 0);
  const strangers = whole('strangers', values.strangers, 0);
  const seconds = whole('seconds', values.seconds, 1);
  const seed = whole('seed', values.seed, 0);
  const k = whole('photos-per-student', values['photos-per-student'], 1);
  const days = whole('days', values.days, 1);
  const tiles = values.tiles === undefined ? undefined : whole('tiles', values.tiles, 0);
  const fps = Number(values.fps);
  if (!(fps > 0 && fps <= 30)) throw new UsageError(`--fps must be a number in (0, 30]\n${USAGE}`);

  const plan = planClass(readPhotos(folder), { students, present, strangers, photosPerStudent: k, oneSitting: values['one-sitting'], seed });
  const engine = await createNodeFaceEngine();
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s);
  };
  log(`enrolling ${students} students from ${k} photo(s) each (${values['one-sitting'] ? 'one sitting' : 'varied'})...\n`);
  const enrolment = await enrolClass(engine, folder, plan, { replaceRefused: !values['keep-refused'] });
  log(`simulating ${seconds} s at ${fps} fps: ${present} present, ${strangers} strangers...\n`);
  const params = { ...DEFAULT_RECOGNITION, requireLiveness: !values['no-liveness'] };
  const rows = await simulateDays(engine, folder, afterEnrolment(plan, enrolment), enrolment.entries, {
    seconds,
    fps,
    seed,
    params,
    days,
    learn: values.learn ? DEFAULT_LEARN : null,
    ...(values.texture && { liveness: DEFAULT_LIVENESS }),
    ...(tiles !== undefined && { tiles }),
  });
  const enrolled = {
    enrolledPhotos: enrolment.entries.length,
    rejectedPhotos: enrolment.rejected.length,
    replacedPhotos: enrolment.replaced,
    notEnrolled: enrolment.notEnrolled,
  };
  if (days > 1) {
    if (values.json) process.stdout.write(JSON.stringify({ ...enrolled, learn: values.learn, days: rows }) + '\n');
    else
      for (const r of rows)
        console.log(
          `day ${r.day}: marked ${r.marked}/${r.present}, wrong ${r.wrongMarks}, strangers ${r.strangersMarked}, reviews ${r.reviewItems} (wrong names ${r.wrongSuggestions}), p50 ${r.secondsToMarkP50 ?? '-'} s, p90 ${r.secondsToMarkP90 ?? '-'} s; learned ${r.learned} (${r.learnedConfirmed} from confirmed reviews, ${r.learnedWrong} from wrong marks), gallery ${r.galleryEmbeddings}; strangers' best score ${r.strangerBestScore?.toFixed(3) ?? '-'}`,
        );
    return;
  }
  const { day: _day, learned: _l, learnedWrong: _w, learnedConfirmed: _c, galleryEmbeddings: _g, ...day } = rows[0]!;
  const report: ClassroomReport = { ...day, ...enrolled };
  if (values.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const s = (x: number | null) => (x === null ? 'not reached' : `${x} s`);
  console.log(
    `class of ${report.students} (${report.enrolledPhotos} photos enrolled, ${report.rejectedPhotos} refused by the gates, ${report.replacedPhotos} of them replaced${report.notEnrolled.length ? `; not enrolled: ${report.notEnrolled.join(', ')}` : ''})`,
  );
  console.log(
    `present ${report.present}: marked ${report.marked}, wrong marks ${report.wrongMarks}, strangers marked ${report.strangersMarked} of ${strangers}`,
  );
  console.log(
    `review items ${report.reviewItems} (${
      Object.entries(report.reviewsByWhy)
        .map(([w, n]) => `${w} ${n}`)
        .join(', ') || 'none'
    }), suggesting the wrong person ${report.wrongSuggestions}`,
  );
  for (const m of report.missed) console.log(`  not marked: ${m.identity} (face ${m.face} px${m.blur ? ', blurred' : ''}): ${m.lastState}`);
  console.log(`strangers' best score against an enrolled student: ${report.strangerBestScore?.toFixed(3) ?? 'none scored'}`);
  console.log(`time to mark: median ${s(report.secondsToMarkP50)}, p90 ${s(report.secondsToMarkP90)}; engine ${report.msPerFrame} ms per frame`);
}
