// The face pipeline proper: detect, align, measure, embed. It is handed a loaded Human and
// face-api by the Node or browser entry and is otherwise the same code everywhere.
import { l2Normalize, modelDim, vectorProblem, type ModelId } from '@rollcall/contracts';
import { alignFace } from './align.ts';
import { needsContext, withContext, type FaceInContext } from './context.ts';
import { DEFAULT_PIPELINE, type PipelineOptions } from './config.ts';
import { detectBoxes, detectFaces, type DetectedBox, type DetectedFace, type HumanLike } from './detector.ts';
import { FaceError } from './errors.ts';
import { flipHorizontal, MAX_PIXELS, shrink, squareCanvas, type RgbImage } from './image.ts';
import type { PadModels } from './pad.ts';
import { measureQuality } from './quality.ts';
import { CHIP_SIZE, describeChips, type FaceApiLike } from './recognizer.ts';

const RAD_TO_DEG = 180 / Math.PI;

export interface FaceEmbedding {
  modelId: ModelId;
  /** Unit length. */
  vector: Float32Array;
}

/** Everything known about one face in one image. */
export interface FaceAnalysis {
  /** [x, y, width, height] in the input image's pixels. */
  box: [number, number, number, number];
  detectionScore: number;
  /**
   * Degrees. yaw > 0: the nose points to the image's left (the person turned to their own right);
   * pitch > 0: looking down. Read off bbt/twd photos (apps/web/src/students/pose-guide.ts lists them).
   */
  pose: { yaw: number; pitch: number; roll: number };
  /** Shorter side of the face box, in pixels. */
  size: number;
  sharpness: number;
  brightness: number;
  /** Human's antispoof score, 0..1 (1 = real). */
  antispoof: number;
  /** Human's liveness score, 0..1 (1 = live). */
  liveness: number;
  /** Human's 468 face-mesh points in the input image's pixels (track liveness reads them). */
  mesh: [number, number][];
  /** True when the face was analysed again with context around it (it touched the border or filled the picture). */
  context: boolean;
  embedding: FaceEmbedding;
}

/** A face found in a frame whose embedding may have been skipped (its track is already decided). */
export type FaceDetection = Omit<FaceAnalysis, 'embedding' | 'sharpness' | 'brightness'> & {
  embedding: FaceEmbedding | null;
  /** NaN when the face was not aligned (no embedding asked for). */
  sharpness: number;
  brightness: number;
  /** Human's 468 mesh points in the input image's pixels (track liveness reads how they move). */
  mesh: [number, number][];
};

export interface AnalyzeResult {
  faces: FaceAnalysis[];
  /** True when the face(s) were found only after padding the image (a tight crop). */
  padded: boolean;
  /** Faces analysed again with context around them (see context.ts). */
  contextFaces: number;
  /** Milliseconds spent in detection (Human) and in embedding (alignment + recognition). */
  timing: { detectMs: number; embedMs: number };
}

export interface Models {
  human: HumanLike;
  /** Needed for 'faceapi-resnet@1.7.15' only. */
  faceapi?: FaceApiLike;
  /** The presentation-attack networks (pad.ts); live frames' faces get no texture score without them. */
  pad?: PadModels;
}

function checkImage(img: RgbImage): void {
  if (img.width <= 0 || img.height <= 0) throw new FaceError('empty-input', 'image has no pixels');
  if (img.width * img.height > MAX_PIXELS) {
    throw new FaceError('image-too-large', `image is ${img.width}x${img.height}; at most ${MAX_PIXELS / 1e6} megapixels are accepted`);
  }
  if (img.data.length !== img.width * img.height * 3) throw new FaceError('corrupt-image', 'pixel buffer does not match the image size');
}

function shift(face: DetectedFace, dx: number, dy: number): DetectedFace {
  if (dx === 0 && dy === 0) return face;
  return {
    ...face,
    box: [face.box[0] - dx, face.box[1] - dy, face.box[2], face.box[3]],
    mesh: face.mesh.map(([x, y]) => [x - dx, y - dy] as [number, number]),
  };
}

/** Detects on a square canvas (margin = fraction of the longer side added around the image). */
async function detectOnSquare(human: HumanLike, img: RgbImage, margin: number): Promise<DetectedFace[]> {
  const { image, dx, dy } = squareCanvas(img, margin);
  return (await detectFaces(human, image)).map((f) => shift(f, dx, dy));
}

/** The detector alone, on the same square canvas as the full pass so the boxes are comparable. */
/**
 * Human's face detector sees its input squeezed to 256 x 256, so locating faces in a 1280 px frame
 * gains nothing from the full resolution, while converting and resizing every pixel of it cost
 * most of the pass: on this 2-core machine a 1280x640 frame with 8 faces took 475 ms at full
 * size, 195 ms at half and 90 ms at a quarter, with the same 8 faces found (docs/benchmarks.md).
 * The locate pass therefore runs on a copy shrunk to at most `LOCATE_SIDE` (and above 256);
 * crops for the full per-face models still come from the full frame.
 */
export const LOCATE_SIDE = 512;

/** Human's detector alone, on the image centred on a square canvas (and shrunk, see LOCATE_SIDE); boxes in the image's pixels. */
export async function detectBoxesOnSquare(human: HumanLike, img: RgbImage, maxSide = LOCATE_SIDE): Promise<DetectedBox[]> {
  checkImage(img);
  const f = Math.max(1, Math.ceil(Math.max(img.width, img.height) / maxSide));
  const { image, dx, dy } = squareCanvas(shrink(img, f), 0);
  return (await detectBoxes(human, image)).map((d) => ({ ...d, box: [(d.box[0] - dx) * f, (d.box[1] - dy) * f, d.box[2] * f, d.box[3] * f] }));
}

/** A model's raw output, checked before it is normalised: a NaN or a wrong size is a broken model. */
function unit(v: ArrayLike<number>, model: ModelId): Float32Array {
  const problem = vectorProblem(v, modelDim(model));
  if (problem) throw new FaceError('model-corrupt', `${model} returned an unusable embedding (${problem})`);
  return l2Normalize(v);
}

async function embed(models: Models, opts: PipelineOptions, chips: RgbImage[], faces: DetectedFace[]): Promise<Float32Array[]> {
  if (opts.model === 'human-faceres@3.3.6') {
    return faces.map((f) => {
      if (!f.faceres) throw new FaceError('not-loaded', 'Human returned no faceres descriptor: load the engine with this model');
      return unit(f.faceres, opts.model);
    });
  }
  if (!models.faceapi) throw new FaceError('not-loaded', 'face-api recognition net is not loaded');
  const inputs = opts.mirror ? chips.flatMap((c) => [c, flipHorizontal(c)]) : chips;
  const raw = await describeChips(models.faceapi, inputs);
  if (!opts.mirror) return raw.map((v) => unit(v, opts.model));
  // Mirror averaging: the mean of the two unit vectors, renormalised.
  return chips.map((_, i) => {
    const a = unit(raw[2 * i]!, opts.model);
    const b = unit(raw[2 * i + 1]!, opts.model);
    const sum = new Float32Array(a.length);
    for (let k = 0; k < a.length; k++) sum[k] = a[k]! + b[k]!;
    return l2Normalize(sum);
  });
}

/** Finds, measures and embeds every face in the image. */
export async function analyzeImage(models: Models, img: RgbImage, options: Partial<PipelineOptions> = {}): Promise<AnalyzeResult> {
  const r = await detectAndEmbed(models, img, options, () => true);
  // A still's analysis carries no mesh: enrolment and the CLI store and print these faces.
  return { ...r, faces: r.faces.map(({ mesh: _mesh, ...f }) => f as FaceAnalysis) };
}

/** What live recognition gets for a frame: every face, embedded or not. */
export type SelectiveResult = Omit<AnalyzeResult, 'faces'> & { faces: FaceDetection[] };

/**
 * Finds every face, and aligns and embeds only those `embedWhere` asks for: live recognition
 * skips faces whose track is already decided, which is most of the cost with many faces in view.
 */
export async function detectAndEmbed(
  models: Models,
  img: RgbImage,
  options: Partial<PipelineOptions>,
  embedWhere: (box: [number, number, number, number]) => boolean,
): Promise<SelectiveResult> {
  const opts = { ...DEFAULT_PIPELINE, ...options };
  checkImage(img);
  const t0 = performance.now();
  let detected = await detectOnSquare(models.human, img, 0);
  let padded = false;
  if (detected.length === 0 && opts.pad > 0) {
    detected = await detectOnSquare(models.human, img, opts.pad);
    padded = detected.length > 0;
  }
  detected = detected.filter((f) => f.detectionScore >= opts.minDetectorConfidence).slice(0, opts.maxFaces);
  const wanted = detected.map((f) => embedWhere(f.box));
  // Context only where a chip will be cut: a face on the light path needs only its box.
  const seen: FaceInContext[] = [];
  for (const [i, f] of detected.entries()) {
    seen.push(wanted[i] && opts.contextMargin > 0 && needsContext(f.box, img, opts) ? await withContext(models.human, img, f, opts) : { face: f, crop: null });
  }
  const t1 = performance.now();
  const chosen = seen.filter((_, i) => wanted[i]);
  const chips = chosen.map(({ face, crop }) =>
    crop
      ? alignFace(
          crop.image,
          face.mesh.map(([x, y]) => [x - crop.x, y - crop.y] as [number, number]),
          CHIP_SIZE,
          opts.chipPadding,
        )
      : alignFace(img, face.mesh, CHIP_SIZE, opts.chipPadding),
  );
  const vectors = chosen.length
    ? await embed(
        models,
        opts,
        chips,
        chosen.map((c) => c.face),
      )
    : [];
  const t2 = performance.now();
  let next = 0;
  const faces = seen.map(({ face: f, crop }, i): FaceDetection => {
    const k = wanted[i] ? next++ : -1;
    const q = k >= 0 ? measureQuality(chips[k]!) : { sharpness: Number.NaN, brightness: Number.NaN };
    return {
      box: f.box,
      detectionScore: f.detectionScore,
      pose: { yaw: f.yaw * RAD_TO_DEG, pitch: f.pitch * RAD_TO_DEG, roll: f.roll * RAD_TO_DEG },
      size: Math.min(f.box[2], f.box[3]),
      sharpness: q.sharpness,
      brightness: q.brightness,
      antispoof: f.antispoof,
      liveness: f.liveness,
      mesh: f.mesh,
      context: crop !== null,
      embedding: k >= 0 ? { modelId: opts.model, vector: vectors[k]! } : null,
    };
  });
  return { faces, padded, contextFaces: seen.filter((s) => s.crop !== null).length, timing: { detectMs: t1 - t0, embedMs: t2 - t1 } };
}
