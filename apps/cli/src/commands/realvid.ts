// `rollcall realvid [dir] [--fps F] [--seconds T] [--clip NAME]... [--save FILE | --load FILE] [--json]`:
// real footage (../shared/realvid: live people, screen replays, crowds) through the real face
// engine and the real RecognitionLoop, as the Take attendance page runs them: every person
// enrolled into one gallery through the enrolment gates, then each clip on its own session.
// Reports marks, reviews and liveness verdicts per clip and APCER/BPCER over the set; --load
// judges a saved run again without the engine, with curves over the liveness limits.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FaceEngine } from '@rollcall/face';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { Gallery } from '@rollcall/matcher';
import { DEFAULT_LIVENESS, toFrameObservation, type FrameObservation, type LivenessParams } from '@rollcall/recognition';
import { resolveUserPath, UsageError } from '../paths.ts';
import { cropFolders, enrolledHow, LabelsError, planEnrolment, readClips, type Clip } from '../realvid/clips.ts';
import { decodeClip, haveFfmpeg, pingPong, VideoError } from '../realvid/decode.ts';
import { enrolPeople } from '../realvid/enrol.ts';
import { pct, printClips, printCurves, printEnrolment, printRates, type ClipRow } from '../realvid/print.ts';
import { curves, setRates } from '../realvid/report.ts';
import { runClip, type ClipResult } from '../realvid/run.ts';
import { loadRealvid, saveRealvid, type SavedClip, type SavedRealvid } from '../realvid/saved.ts';
import { SavedRunError } from '../saved-run.ts';

const USAGE =
  'usage: rollcall realvid [dir] [--fps F] [--seconds T] [--clip NAME]... [--unsure review|flag] [--save FILE | --load FILE] [--json]  (dir: clips and labels.csv; default ../shared/realvid)';

/** About what the page achieves on wasm on a 2-core laptop. */
const DEFAULT_FPS = 5;
const DEFAULT_SECONDS = 20;

type Log = (s: string) => void;
type Run = Omit<SavedRealvid, 'version' | 'rates'> & { measured: SavedRealvid['rates'] | null };

export async function realvidCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fps: { type: 'string' },
      seconds: { type: 'string' },
      clip: { type: 'string', multiple: true },
      save: { type: 'string' },
      load: { type: 'string' },
      json: { type: 'boolean', default: false },
      // What a face with an unclear texture does (the school's choice in Settings): rates for each.
      unsure: { type: 'string', default: DEFAULT_LIVENESS.unsureTexture },
    },
  });
  if (values.unsure !== 'review' && values.unsure !== 'flag') throw new UsageError(`--unsure is review or flag\n${USAGE}`);
  const shipped: LivenessParams = { ...DEFAULT_LIVENESS, unsureTexture: values.unsure };
  const log: Log = (s) => {
    if (!values.json) process.stderr.write(s);
  };
  if (values.save && values.load) throw new UsageError(`--save and --load do not go together\n${USAGE}`);
  const only = values.clip ?? [];
  const t0 = performance.now();
  const { run, results } = values.load
    ? await loaded(values.load, positionals[0], values, only, shipped)
    : await measured(values, positionals[0], only, log, shipped);
  const engineSeconds = values.load ? null : (performance.now() - t0) / 1000;
  if (values.save) {
    saveRealvid(resolveUserPath(values.save), { ...run, rates: setRates(results) });
    log(`saved ${resolveUserPath(values.save)}\n`);
  }

  const used = new Map(run.people.map((p) => [p.person, p.used.length]));
  const rows: ClipRow[] = results.map((r) => ({ ...r, enrolled: enrolledHow(run.clips.find((c) => c.clip.name === r.clip)!.clip, run.people, used) }));
  const rates = setRates(results);
  const t1 = performance.now();
  const curveRows = values.load ? await curves((p) => judgeAll(run, p, only), shipped) : null;
  const curveSeconds = (performance.now() - t1) / 1000;
  // The sessions again at the limits the run was measured at: they should give its figures, and the
  // faces they wanted but the crop pass lost are the measured run's own; beyond these, a curve's
  // point is blind where the engine was not asked to look.
  const asMeasured = values.load ? await judgeAll(run, { ...DEFAULT_LIVENESS, ...run.liveness }, only) : null;
  // Over the clips judged (--clip may pick some of a saved run's).
  const judged = run.clips.filter((c) => results.some((r) => r.clip === c.clip.name));
  const frames = judged.reduce((n, c) => n + c.frames.length, 0);
  const engineMs = judged.reduce((n, c) => n + c.engineMs, 0);
  const { clips: _clips, entries: _entries, ...settings } = run;

  if (values.json) {
    process.stdout.write(
      JSON.stringify({ ...settings, clips: rows, rates, curves: curveRows, engine: { frames, msPerFrame: engineMs / frames, seconds: engineSeconds } }) + '\n',
    );
    return;
  }
  const out = (s: string) => console.log(s);
  const { fps, seconds } = run.settings;
  out(
    `rollcall realvid: ${rows.length} clips from ${run.settings.dir} at ${fps} fps for ${seconds} s each (a shorter clip plays forward and back), real face engine and RecognitionSession`,
  );
  printEnrolment(run.people, run.entries.length, out);
  printClips(rows, out);
  printRates(rates, seconds, out);
  if (values.load) {
    const changed = (Object.keys(shipped) as (keyof LivenessParams)[]).filter((k) => run.liveness[k] !== shipped[k]);
    const again = setRates(asMeasured!);
    out(
      `measured ${frames} frames (engine ${(engineMs / frames).toFixed(0)} ms a frame), when APCER was ${pct(run.measured!.apcer)} and BPCER ${pct(run.measured!.bpcer)} over all its clips; judged again at its limits: APCER ${pct(again.apcer)}, BPCER ${pct(again.bpcer)}`,
    );
    if (changed.length)
      out(
        `liveness limits changed since it was measured (the figures above use today's): ${changed.map((k) => `${k} ${String(run.liveness[k])} -> ${String(DEFAULT_LIVENESS[k])}`).join(', ')}`,
      );
    printCurves(
      curveRows!,
      asMeasured!.reduce((n, r) => n + r.unanalysed, 0),
      out,
    );
    out(`curves: ${curveRows!.reduce((n, c) => n + c.points.length, 0)} settings judged in ${curveSeconds.toFixed(0)} s, without the engine`);
  } else
    out(
      `engine: ${frames} frames in ${(engineMs / 1000).toFixed(0)} s (${(engineMs / frames).toFixed(0)} ms a frame); whole run ${engineSeconds!.toFixed(0)} s`,
    );
}

function positive(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!(v > 0 && v <= max)) throw new UsageError(`--${name} must be a number in (0, ${max}]\n${USAGE}`);
  return v;
}

function selected<T extends { name: string }>(clips: readonly T[], only: readonly string[]): T[] {
  const unknown = only.filter((n) => !clips.some((c) => c.name === n));
  if (unknown.length) throw new UsageError(`no clip named ${unknown.join(', ')}; the set has ${clips.map((c) => c.name).join(', ')}`);
  return only.length ? clips.filter((c) => only.includes(c.name)) : [...clips];
}

/** Every selected clip's session again on its saved frames, at liveness limits `p`. */
async function judgeAll(run: Run, p: LivenessParams, only: readonly string[]): Promise<ClipResult[]> {
  const gallery = await Gallery.create({ modelId: run.modelId }, run.entries);
  const out: ClipResult[] = [];
  for (const c of selected(
    run.clips.map((x) => ({ ...x, name: x.clip.name })),
    only,
  ))
    out.push(await runClip(c.clip, { fps: run.settings.fps, frames: c.frames.length, gallery, liveness: p }, async (i) => c.frames[i]!));
  return out;
}

async function loaded(file: string, dirArg: string | undefined, values: { fps?: string; seconds?: string }, only: readonly string[], shipped: LivenessParams) {
  if (dirArg) throw new UsageError(`--load judges the saved clips: give no dir\n${USAGE}`);
  if (values.fps !== undefined || values.seconds !== undefined) throw new UsageError(`--load keeps the saved run's --fps and --seconds\n${USAGE}`);
  const path = resolveUserPath(file);
  if (!existsSync(path)) throw new UsageError(`no saved run at ${path}\n${USAGE}`);
  let saved: SavedRealvid;
  try {
    saved = loadRealvid(path);
  } catch (e) {
    // A damaged or outdated file is the caller's input, reported as such (exit 2), not a crash.
    if (e instanceof SavedRunError) throw new UsageError(`error [${e.code}]: ${e.message}`);
    throw e;
  }
  const { version: _v, rates, ...rest } = saved;
  const run: Run = { ...rest, measured: rates };
  return { run, results: await judgeAll(run, shipped, only) };
}

async function measured(values: { fps?: string; seconds?: string }, dirArg: string | undefined, only: readonly string[], log: Log, shipped: LivenessParams) {
  const fps = positive('fps', values.fps, DEFAULT_FPS, 30);
  const seconds = positive('seconds', values.seconds, DEFAULT_SECONDS, 600);
  const dir = resolveUserPath(dirArg ?? '../shared/realvid');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no footage folder at ${dir}\n${USAGE}`);
  if (!(await haveFfmpeg())) throw new UsageError('rollcall realvid decodes the clips with ffmpeg and ffprobe: install them (apt-get install ffmpeg)');
  try {
    const all = readClips(dir);
    const clips = selected(all, only);
    const engine = await createNodeFaceEngine();
    // One gallery for the whole run, every person of the set in it, whichever clips are judged.
    log(`enrolling everyone in ${dir}...\n`);
    const plans = planEnrolment(all, cropFolders(dir));
    const { entries, people } = await enrolPeople(engine, dir, plans, log);
    const gallery = await Gallery.create({ modelId: engine.modelId }, entries);
    const saved: SavedClip[] = [];
    const results: ClipResult[] = [];
    for (const clip of clips) {
      const r = await measureClip(engine, gallery, join(dir, clip.name), clip, fps, seconds, shipped);
      saved.push(r.saved);
      results.push(r.result);
      log(
        `  ${clip.name}: ${r.saved.frames.length} frames (${r.saved.decoded} decoded), ${(r.saved.engineMs / 1000).toFixed(0)} s engine, marks ${r.result.marks.length}\n`,
      );
    }
    const run: Run = { settings: { dir, fps, seconds }, modelId: engine.modelId, liveness: shipped, entries, people, clips: saved, measured: null };
    return { run, results };
  } catch (e) {
    if (e instanceof LabelsError || e instanceof VideoError) throw new UsageError(`error [${e.code}]: ${e.message}`);
    throw e;
  }
}

/** One clip through the engine on the page's light path and the session, keeping every frame as pushed. */
async function measureClip(
  engine: FaceEngine,
  gallery: Gallery,
  file: string,
  clip: Clip,
  fps: number,
  seconds: number,
  shipped: LivenessParams,
): Promise<{ saved: SavedClip; result: ClipResult }> {
  const { frames: images } = await decodeClip(file, { fps, seconds });
  const count = Math.round(seconds * fps);
  const order = pingPong(images.length, count);
  const pushed: FrameObservation[] = [];
  let engineMs = 0;
  const result = await runClip(clip, { fps, frames: count, gallery, liveness: shipped }, async (i, at, skip, tiles) => {
    const image = images[order[i]!]!;
    const t0 = performance.now();
    const r = await engine.analyzeFrame(image, skip, { tiles });
    engineMs += performance.now() - t0;
    const frame = toFrameObservation(r, { at, width: image.width, height: image.height });
    pushed.push(frame);
    return frame;
  });
  return { saved: { clip, decoded: images.length, engineMs, frames: pushed }, result };
}
