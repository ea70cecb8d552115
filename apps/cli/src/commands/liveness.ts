// `rollcall liveness [faces-dir] [--seed X] [--attacks N] [--genuine N] [--face MIN-MAX] [--glare] [--save FILE | --load FILE] [--json]`: generates
// presentation attacks (a photo on a printed sheet or a phone, held by a hand or on a stand) and
// genuine tracks from a photo folder, runs the real face engine on every frame and scores track
// liveness at the shipped limits: APCER, BPCER, a curve over the main limit, antispoof ranges.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { DEFAULT_LIVENESS } from '@rollcall/recognition';
import { photoSets, readPhotos } from '../eval/dataset.ts';
import { measureTrackFrames, type MeasuredTrack } from '../liveness/measure.ts';
import { loadRun, saveRun, SavedRunError } from '../liveness/saved.ts';
import { bySize, curve, everyKth, outcome, quantiles, rates, type TrackOutcome } from '../liveness/report.ts';
import { resolveUserPath, UsageError } from '../paths.ts';
import { DEFAULT_SCENE, planTracks, type SceneOptions, type TrackSpec } from '../scenes/tracks.ts';

const USAGE =
  'usage: rollcall liveness [faces-dir] [--seed X] [--attacks N] [--genuine N] [--face MIN-MAX] [--glare] [--save FILE | --load FILE] [--json]  (faces-dir: <set>/<identity>/<photo> or <identity>/<photo>; default ../shared/faces)';

const NON_PLANAR_SWEEP = [0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.06, 0.08];
// Up to nonPlanarLimit (0.04): no pair between the two limits, the rule before planarLimit existed.
const PLANAR_SWEEP = [0.015, 0.02, 0.025, 0.03, 0.035, 0.04];
const NOISE_WIDTH_SWEEP = [0, 80, 100, 120, 140, 160];
const MOTION_NOISE_SWEEP = [0, 0.02, 0.03, 0.04, 0.05, 0.08];
// 2: off (1 - a correlation never exceeds it).
const TEXTURE_SWEEP = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 2];
/** The classroom's rate on wasm: its pairs span five frames of the 10 fps clips. */
const CLASSROOM_FPS = 2;

export async function livenessCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: '1' },
      attacks: { type: 'string', default: '6' },
      genuine: { type: 'string', default: '6' },
      // Face widths in the clips, px: the default is a face near the camera; 50-130 also judges the small faces at the back.
      face: { type: 'string', default: `${DEFAULT_SCENE.face.min}-${DEFAULT_SCENE.face.max}` },
      // Glossy attacks: a highlight drifts over the picture as the hand moves it.
      glare: { type: 'boolean', default: false },
      // The engine's measurements of every frame, to judge a changed rule on the same clips without the engine.
      save: { type: 'string' },
      load: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s);
  };
  if (values.save && values.load) throw new UsageError(`--save and --load do not go together\n${USAGE}`);
  const { folder, seed, scene, tracks } = values.load ? loaded(values.load, positionals[0]) : await measured(values, positionals[0], log);
  if (values.save) saveRun(resolveUserPath(values.save), { seed, scene, tracks });

  const p = DEFAULT_LIVENESS;
  const outcomes = tracks.map((t) => outcome(t, p));
  const byLabel = new Map<string, TrackOutcome[]>();
  for (const o of outcomes) byLabel.set(o.label, [...(byLabel.get(o.label) ?? []), o]);
  const liveSeconds = outcomes.filter((o) => o.kind === 'genuine' && o.liveAt !== null).map((o) => o.liveAt! / 1000);
  const t0 = performance.now();
  let calls = 0;
  for (const t of tracks) {
    outcome(t, p);
    calls += t.samples.length;
  }
  // Timed here, before the curves below judge every track again once per swept value.
  const livenessMsPerCall = (performance.now() - t0) / Math.max(1, calls);
  const slow = tracks.map((t) => everyKth(t, Math.round(scene.fps / CLASSROOM_FPS), 1000 / scene.fps));
  const report = {
    settings: p,
    seed,
    face: scene.face,
    glare: scene.glare,
    tracks: { attacks: outcomes.filter((o) => o.kind === 'attack').length, genuine: outcomes.filter((o) => o.kind === 'genuine').length },
    ...rates(outcomes),
    byKind: Object.fromEntries(
      [...byLabel].map(([label, os]) => [label, { tracks: os.length, live: os.filter((o) => o.liveAt !== null).length, finals: os.map((o) => o.final.kind) }]),
    ),
    bySize: bySize(outcomes),
    genuineSecondsToLive: quantiles(liveSeconds),
    finalReasons: Object.fromEntries(['attack', 'genuine'].map((k) => [k, countReasons(outcomes.filter((o) => o.kind === k))])),
    curve: curve(tracks, p, 'nonPlanarLimit', NON_PLANAR_SWEEP),
    planarCurve: curve(tracks, p, 'planarLimit', PLANAR_SWEEP),
    noiseWidthCurve: curve(tracks, p, 'noiseWidthPx', NOISE_WIDTH_SWEEP),
    motionNoiseCurve: curve(tracks, p, 'motionNoise', MOTION_NOISE_SWEEP),
    textureCurve: curve(tracks, p, 'textureLimit', TEXTURE_SWEEP),
    atClassroomFps: { fps: CLASSROOM_FPS, ...rates(slow.map((t) => outcome(t, p))), textureCurve: curve(slow, p, 'textureLimit', TEXTURE_SWEEP) },
    antispoof: {
      attack: quantiles(outcomes.filter((o) => o.kind === 'attack').map((o) => o.antispoof)),
      genuine: quantiles(outcomes.filter((o) => o.kind === 'genuine').map((o) => o.antispoof)),
    },
    faceFound: { frames: tracks.reduce((s, t) => s + t.frames, 0), withFace: tracks.reduce((s, t) => s + t.samples.length, 0) },
    engineMsPerFrame: tracks.reduce((s, t) => s + t.msPerFrame, 0) / tracks.length,
    livenessMsPerCall,
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
  const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
  console.log(
    `track liveness on ${folder} (seed ${seed}): ${report.tracks.attacks} attack and ${report.tracks.genuine} genuine tracks, ${DEFAULT_LIVENESS.windowMs / 1000} s window`,
  );
  console.log(`APCER ${pct(report.apcer)} (attacks judged live at any frame), BPCER ${pct(report.bpcer)} (genuine tracks never judged live)`);
  console.log(
    `at ${CLASSROOM_FPS} fps (the same clips, every ${Math.round(scene.fps / CLASSROOM_FPS)}th frame): APCER ${pct(report.atClassroomFps.apcer)}, BPCER ${pct(report.atClassroomFps.bpcer)}`,
  );
  for (const [label, k] of Object.entries(report.byKind)) console.log(`  ${label}: ${k.live}/${k.tracks} live; last verdicts ${k.finals.join(', ')}`);
  console.log('by face width (median over the track):');
  for (const b of report.bySize) console.log(`  ${b.band.padEnd(11)} attacks live ${b.attacksLive}/${b.attacks}, genuine live ${b.genuineLive}/${b.genuine}`);
  const g = report.genuineSecondsToLive;
  console.log(`genuine tracks live after ${f2(g.median)} s (median), ${f2(g.max)} s (slowest)`);
  const curves: [string, typeof report.curve][] = [
    ['nonPlanarLimit', report.curve],
    ['planarLimit (a pair counts as a flat picture only at or under it)', report.planarCurve],
    ['noiseWidthPx (motion limits grow as noiseWidthPx / width below it; 0: off)', report.noiseWidthCurve],
    ["motionNoise (residual limits grow by it times the pair's motion; 0: off)", report.motionNoiseCurve],
    ['textureLimit (a pair whose pixels changed more is another view of a head; 2: off)', report.textureCurve],
    [`textureLimit at ${CLASSROOM_FPS} fps (every ${Math.round(scene.fps / CLASSROOM_FPS)}th frame)`, report.atClassroomFps.textureCurve],
  ];
  for (const [title, points] of curves) {
    console.log(`curve over ${title}:`);
    for (const c of points) console.log(`  ${String(c.value).padEnd(6)} APCER ${pct(c.apcer).padStart(6)}  BPCER ${pct(c.bpcer).padStart(6)}`);
  }
  const a = report.antispoof;
  console.log(
    `antispoof (median per track): attacks ${f2(a.attack.min)}..${f2(a.attack.max)} (median ${f2(a.attack.median)}), genuine ${f2(a.genuine.min)}..${f2(a.genuine.max)} (median ${f2(a.genuine.median)})`,
  );
  console.log(
    `faces found in ${report.faceFound.withFace}/${report.faceFound.frames} frames; engine ${report.engineMsPerFrame.toFixed(0)} ms/frame, liveness ${report.livenessMsPerCall.toFixed(2)} ms/call`,
  );
}

function countReasons(os: readonly TrackOutcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of os) for (const r of o.final.reasons) out[r] = (out[r] ?? 0) + 1;
  return out;
}

interface Run {
  folder: string;
  seed: number;
  scene: SceneOptions;
  tracks: MeasuredTrack[];
}

function loaded(file: string, folderArg: string | undefined): Run {
  if (folderArg) throw new UsageError(`--load judges the saved clips: give no faces-dir\n${USAGE}`);
  const path = resolveUserPath(file);
  if (!existsSync(path)) throw new UsageError(`no saved run at ${path}\n${USAGE}`);
  let run;
  try {
    run = loadRun(path);
  } catch (e) {
    // A damaged or outdated file is the caller's input, reported as such (exit 2), not a crash.
    if (e instanceof SavedRunError) throw new UsageError(`error [${e.code}]: ${e.message}`);
    throw e;
  }
  return { folder: path, seed: run.seed, scene: run.scene, tracks: run.tracks };
}

async function measured(
  values: { seed: string; attacks: string; genuine: string; face: string; glare: boolean },
  folderArg: string | undefined,
  log: (s: string) => void,
): Promise<Run> {
  const folder = resolveUserPath(folderArg ?? process.env.FACES_DIR ?? '../shared/faces');
  const seed = Number(values.seed);
  const attacks = Number(values.attacks);
  const genuine = Number(values.genuine);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number\n${USAGE}`);
  if (!Number.isInteger(attacks) || attacks < 0 || !Number.isInteger(genuine) || genuine < 0)
    throw new UsageError(`--attacks and --genuine must be whole numbers >= 0\n${USAGE}`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`no photo folder at ${folder}\n${USAGE}`);
  const face = /^(\d+)-(\d+)$/.exec(values.face);
  if (!face || Number(face[1]) < 16 || Number(face[2]) < Number(face[1]) || Number(face[2]) > 400)
    throw new UsageError(`--face must be MIN-MAX in px, 16 <= MIN <= MAX <= 400 (got ${values.face})\n${USAGE}`);
  const scene: SceneOptions = { ...DEFAULT_SCENE, face: { min: Number(face[1]), max: Number(face[2]) }, glare: values.glare };

  const plans: { folder: string; spec: TrackSpec }[] = [];
  for (const set of photoSets(folder)) for (const spec of planTracks(readPhotos(set), { attacks, genuine }, seed, scene)) plans.push({ folder: set, spec });
  if (plans.length === 0) throw new UsageError(`no identity with 3 or more photos under ${folder}`);

  const engine = await createNodeFaceEngine();
  const tracks: MeasuredTrack[] = [];
  for (const [i, { folder: set, spec }] of plans.entries()) {
    tracks.push(await measureTrackFrames(engine, set, spec, scene));
    log(`\r  ${i + 1}/${plans.length} tracks`);
  }
  log('\n');

  return { folder, seed, scene, tracks };
}
