// `rollcall eval <folder> [--enrol K] [--pad F] [--json]`: accuracy of the face pipeline on a
// labelled folder, scored with the shipped threshold and margin (see docs/accuracy.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dot, isModelId, type ModelId } from '@rollcall/contracts';
import { DEFAULT_PIPELINE, MATCH_DEFAULTS, isFaceError, type FaceAnalysis } from '@rollcall/face';
import { createNodeFaceEngine, decodeImageFile } from '@rollcall/face/node';
import type { Scoring } from '@rollcall/matcher';
import { photoSets, readPairs, readPhotos } from '../eval/dataset.ts';
import { DEFAULT_RECOGNITION, frameQuality, toFrameObservation } from '@rollcall/recognition';
import { accuracyAt, allPairScores, closedSetTop1, openSet, rocAuc, shuffledByIdentity, tarAtFar, type Sample } from '../eval/metrics.ts';
import { resolveUserPath, UsageError } from '../paths.ts';

const USAGE =
  'usage: rollcall eval <folder> [--enrol K] [--pad F] [--splits N] [--seed X] [--json]  (folder: one labelled set, or a folder of sets: each is evaluated, then pooled)';

export interface EvalReport {
  model: ModelId;
  images: number;
  detectionFailures: string[];
  /** Tight-crop handling: images whose face was found only on the padded canvas, and faces re-analysed with context. */
  tightCrops: { paddedImages: number; contextFaces: number; contextMargin: number; contextEdge: number; contextCover: number };
  verification: { auc: number; accuracy: number; threshold: number; tarAtFar1: number; tarAtFar01: number };
  identification: {
    top1: number;
    openSetTar: number;
    openSetFar: number;
    wrongStudentRate: number;
    reviewRate: number;
    wrongSuggestionRate: number;
    strangerOfferedRate: number;
    notCounted: number;
  };
  /** Both enrolment protocols, with the trials behind every rate. */
  protocols: { oneSitting: ProtocolResult; randomSplits: SplitsResult };
  msPerFace: number;
}

/** One enrolment protocol's identification figures and the probe counts behind them. */
export interface ProtocolResult {
  top1: number;
  openSetTar: number;
  openSetFar: number;
  wrongStudentRate: number;
  /** Probes of enrolled identities, and impostor trials (photos of never-enrolled identities) behind FAR. */
  knownProbes: number;
  strangerTrials: number;
}

/** Seeded random enrolment over repeated splits: mean, min and max per figure, trials summed over the splits. */
export interface SplitsResult {
  splits: number;
  seed: number;
  top1: Spread;
  openSetTar: Spread;
  openSetFar: Spread;
  wrongStudentRate: Spread;
  knownProbes: number;
  strangerTrials: number;
  falseAccepts: number;
}

interface Spread {
  mean: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return { mean: NaN, min: NaN, max: NaN };
  return { mean: round(v.reduce((a, b) => a + b, 0) / v.length), min: round(Math.min(...v)), max: round(Math.max(...v)) };
}

/** With several faces in a one-person photo, the largest is the labelled person. */
function largest(faces: FaceAnalysis[]): FaceAnalysis | undefined {
  return [...faces].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
}

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

export async function evalCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      enrol: { type: 'string', default: '3' },
      pad: { type: 'string', default: String(DEFAULT_PIPELINE.pad) },
      json: { type: 'boolean', default: false },
      model: { type: 'string', default: DEFAULT_PIPELINE.model },
      'no-mirror': { type: 'boolean', default: false },
      'chip-padding': { type: 'string', default: String(DEFAULT_PIPELINE.chipPadding) },
      'context-margin': { type: 'string', default: String(DEFAULT_PIPELINE.contextMargin) },
      'context-edge': { type: 'string', default: String(DEFAULT_PIPELINE.contextEdge) },
      'context-cover': { type: 'string', default: String(DEFAULT_PIPELINE.contextCover) },
      template: { type: 'string', default: 'mean' },
      threshold: { type: 'string' },
      margin: { type: 'string' },
      dump: { type: 'string' },
      splits: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
    },
  });
  const folderArg = positionals[0];
  if (!folderArg) throw new UsageError(USAGE);
  const root = resolveUserPath(folderArg);
  const splits = Number(values.splits);
  const seed = Number(values.seed);
  if (!Number.isInteger(splits) || splits < 1) throw new UsageError('--splits must be a whole number >= 1');
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed must be a whole number >= 0');
  const k = Number(values.enrol);
  const pad = Number(values.pad);
  if (!Number.isInteger(k) || k < 1) throw new UsageError('--enrol must be a whole number >= 1');
  if (!(pad >= 0)) throw new UsageError('--pad must be a number >= 0');
  if (!isModelId(values.model)) throw new UsageError(`--model must be one of ${Object.keys(MATCH_DEFAULTS).join(', ')}`);
  const model = values.model;
  const mode = values.template;
  if (mode !== 'mean' && mode !== 'best') throw new UsageError('--template must be mean or best');
  const threshold = values.threshold !== undefined ? Number(values.threshold) : MATCH_DEFAULTS[model].threshold;
  const margin = values.margin !== undefined ? Number(values.margin) : MATCH_DEFAULTS[model].margin;

  const context = {
    contextMargin: Number(values['context-margin']),
    contextEdge: Number(values['context-edge']),
    contextCover: Number(values['context-cover']),
  };
  if (!Object.values(context).every((x) => x >= 0)) throw new UsageError('--context-margin, --context-edge and --context-cover must be numbers >= 0');
  const options = { pad, mirror: !values['no-mirror'], chipPadding: Number(values['chip-padding']), ...context };
  const engine = await createNodeFaceEngine({ model });
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s);
  };
  const params = { ...DEFAULT_RECOGNITION, threshold, margin, scoring: mode as Scoring };
  const sets = photoSets(root);
  const reports: { folder: string; report: EvalReport }[] = [];
  for (const folder of sets) {
    const photos = readPhotos(folder);
    if (photos.length === 0) throw new UsageError(`no labelled photos in ${folder}`);
    reports.push({ folder, report: await evaluate(folder, photos) });
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(sets.length === 1 ? reports[0]!.report : { sets: reports, pooled: pooled(reports.map((r) => r.report)) }) + '\n');
    return;
  }
  if (sets.length > 1) {
    const p = pooled(reports.map((r) => r.report));
    console.log(`\npooled over ${sets.length} sets:`);
    console.log(`  one sitting: ${protocolLine(p.oneSitting)}`);
    console.log(`  random splits: ${protocolLine(p.randomSplits)}`);
  }

  async function evaluate(folder: string, photos: ReturnType<typeof readPhotos>): Promise<EvalReport> {
    const tight = { paddedImages: 0, contextFaces: 0 };
    const samples: Sample[] = [];
    const failures: string[] = [];
    let faceMs = 0;
    let faces = 0;
    const measures = new Map<string, Omit<FaceAnalysis, 'embedding'>>();
    const embedFile = async (path: string): Promise<{ vector: Float32Array; weight: number } | null> => {
      try {
        const img = await decodeImageFile(join(folder, path));
        const r = await engine.analyze(img, options);
        const face = largest(r.faces);
        if (!face) return null;
        if (r.padded) tight.paddedImages++;
        if (face.context) tight.contextFaces++;
        faceMs += r.timing.detectMs + r.timing.embedMs;
        faces += 1;
        const { embedding, ...rest } = face;
        measures.set(path, rest);
        // The weight the recognition core would give this face as a frame of a track.
        const weight = frameQuality(toFrameObservation({ faces: [face] }, { at: 0, width: img.width, height: img.height }).faces[0]!).weight;
        return { vector: embedding.vector, weight };
      } catch (e) {
        if (isFaceError(e)) return null;
        throw e;
      }
    };
    for (const [i, p] of photos.entries()) {
      const v = await embedFile(p.path);
      if (v) samples.push({ identity: p.identity, vector: v.vector, weight: v.weight, file: p.path });
      else failures.push(p.path);
      log(`\r  ${i + 1}/${photos.length} photos`);
    }
    log('\n');

    const scores = allPairScores(samples);
    const known = new Set(photos.map((p) => p.path));
    const byFile = new Map(samples.map((s) => [s.file, s.vector]));
    for (const pair of readPairs(folder)) {
      if (known.has(pair.a) && known.has(pair.b)) continue; // already among all pairs
      const a = byFile.get(pair.a) ?? (await embedFile(pair.a))?.vector;
      const b = byFile.get(pair.b) ?? (await embedFile(pair.b))?.vector;
      if (!a || !b) continue;
      (pair.same ? scores.genuine : scores.impostor).push(dot(a, b));
    }
    // One sitting: each identity's first K photos by name (taken one after another in these sets).
    const closed = await closedSetTop1(samples, k, params.scoring, model);
    const open = await openSet(samples, k, params, model);
    // Random splits: K photos from anywhere in each identity's set, seeded, repeated.
    const runs: { top1: number; open: Awaited<ReturnType<typeof openSet>> }[] = [];
    for (let i = 0; i < splits; i++) {
      const order = () => shuffledByIdentity(samples, seed * 1000 + i);
      runs.push({ top1: (await closedSetTop1(samples, k, params.scoring, model, order())).top1, open: await openSet(samples, k, params, model, order()) });
    }
    const randomSplits: SplitsResult = {
      splits,
      seed,
      top1: spread(runs.map((r) => r.top1)),
      openSetTar: spread(runs.map((r) => r.open.tar)),
      openSetFar: spread(runs.map((r) => r.open.far)),
      wrongStudentRate: spread(runs.map((r) => r.open.wrongStudentRate)),
      knownProbes: runs.reduce((a, r) => a + r.open.knownProbes, 0),
      strangerTrials: runs.reduce((a, r) => a + r.open.unknownProbes, 0),
      falseAccepts: runs.reduce((a, r) => a + Math.round(r.open.far * r.open.unknownProbes), 0),
    };
    const report: EvalReport = {
      model,
      images: photos.length,
      detectionFailures: failures,
      tightCrops: { ...tight, ...context },
      verification: {
        auc: round(rocAuc(scores)),
        accuracy: round(accuracyAt(scores, threshold)),
        threshold,
        tarAtFar1: round(tarAtFar(scores, 0.01)),
        tarAtFar01: round(tarAtFar(scores, 0.001)),
      },
      identification: {
        top1: round(closed.top1),
        openSetTar: round(open.tar),
        openSetFar: round(open.far),
        wrongStudentRate: round(open.wrongStudentRate),
        reviewRate: round(open.reviewRate),
        wrongSuggestionRate: round(open.wrongSuggestionRate),
        strangerOfferedRate: round(open.strangerOfferedRate),
        notCounted: open.notCounted,
      },
      protocols: {
        oneSitting: {
          top1: round(closed.top1),
          openSetTar: round(open.tar),
          openSetFar: round(open.far),
          wrongStudentRate: round(open.wrongStudentRate),
          knownProbes: open.knownProbes,
          strangerTrials: open.unknownProbes,
        },
        randomSplits,
      },
      msPerFace: round(faces ? faceMs / faces : NaN, 1),
    };
    if (values.dump)
      writeFileSync(
        values.dump,
        JSON.stringify(samples.map((s) => ({ file: s.file, identity: s.identity, vector: Array.from(s.vector), ...measures.get(s.file) }))),
      );
    if (values.json) return report;
    console.log(`model ${model} on ${folder} (backend ${engine.backend}, pad ${pad}, enrol ${k}, ${mode} template)`);
    console.log(
      `tight crops: ${tight.paddedImages} image(s) found only on the padded canvas, ${tight.contextFaces} face(s) re-analysed with context (margin ${context.contextMargin}, edge ${context.contextEdge}, cover ${context.contextCover})`,
    );
    console.log(`images ${report.images}, detection failures ${failures.length}${failures.length ? ': ' + failures.join(', ') : ''}`);
    console.log(
      `verification: ${scores.genuine.length} genuine / ${scores.impostor.length} impostor pairs, AUC ${report.verification.auc}, accuracy ${pct(report.verification.accuracy)} at cosine >= ${threshold}, TAR ${pct(report.verification.tarAtFar1)} at FAR 1%, ${pct(report.verification.tarAtFar01)} at FAR 0.1%`,
    );
    console.log(`identification: closed-set top-1 ${pct(closed.top1)} (${closed.probes} probes)`);
    console.log(
      `open set (threshold ${threshold}, margin ${margin}; ${open.unknownIdentities.length} identities never enrolled): TAR ${pct(open.tar)} of ${open.knownProbes}, FAR ${pct(open.far)} of ${open.unknownProbes}, wrong student ${pct(open.wrongStudentRate)}; review ${pct(open.reviewRate)}, review offering only wrong students ${pct(open.wrongSuggestionRate)} of known, strangers offered as someone ${pct(open.strangerOfferedRate)}, photos that would not count ${open.notCounted}`,
    );
    const sp = (x: Spread) => `${pct(x.mean)} (${pct(x.min)}-${pct(x.max)})`;
    console.log(`protocols, enrol ${k}: one sitting (first ${k} by name): ${protocolLine(report.protocols.oneSitting)}`);
    console.log(
      `  random splits (${splits}, seed ${seed}; mean, min-max): closed-set top-1 ${sp(randomSplits.top1)}, open-set TAR ${sp(randomSplits.openSetTar)}, FAR ${sp(randomSplits.openSetFar)} (${randomSplits.falseAccepts} of ${randomSplits.strangerTrials} stranger trials), wrong student ${sp(randomSplits.wrongStudentRate)}`,
    );
    console.log(`${report.msPerFace} ms per face`);
    return report;
  }
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : 'n/a');

function protocolLine(p: ProtocolResult): string {
  return `closed-set top-1 ${pct(p.top1)}, open-set TAR ${pct(p.openSetTar)} of ${p.knownProbes}, FAR ${pct(p.openSetFar)} of ${p.strangerTrials} stranger trials, wrong student ${pct(p.wrongStudentRate)}`;
}

/** Probe-weighted rates over several sets, for each protocol (random splits: their means). */
function pooled(reports: EvalReport[]) {
  const pool = (rows: ProtocolResult[]) => {
    const known = rows.reduce((a, r) => a + r.knownProbes, 0);
    const trials = rows.reduce((a, r) => a + r.strangerTrials, 0);
    const byKnown = (f: (r: (typeof rows)[number]) => number) =>
      known ? round(rows.reduce((a, r) => a + (Number.isFinite(f(r)) ? f(r) * r.knownProbes : 0), 0) / known) : NaN;
    return {
      top1: byKnown((r) => r.top1),
      openSetTar: byKnown((r) => r.openSetTar),
      wrongStudentRate: byKnown((r) => r.wrongStudentRate),
      openSetFar: trials ? round(rows.reduce((a, r) => a + (Number.isFinite(r.openSetFar) ? r.openSetFar * r.strangerTrials : 0), 0) / trials) : NaN,
      knownProbes: known,
      strangerTrials: trials,
    };
  };
  return {
    oneSitting: pool(reports.map((r) => r.protocols.oneSitting)),
    randomSplits: pool(
      reports.map(({ protocols: { randomSplits: s } }) => ({
        top1: s.top1.mean,
        openSetTar: s.openSetTar.mean,
        openSetFar: s.openSetFar.mean,
        wrongStudentRate: s.wrongStudentRate.mean,
        knownProbes: s.knownProbes,
        strangerTrials: s.strangerTrials,
      })),
    ),
  };
}
