// Live camera frames with a light path: faces whose track is already decided are only located
// (the detector alone), and mesh, antispoof, liveness and embedding run only for the others, each
// on a crop around its face. With a class in view most tracks are decided, so most of a frame's
// cost goes. Pure apart from the models: the same code runs in the web worker and in Node.
import { iou } from './box.ts';
import { DEFAULT_PIPELINE, type PipelineOptions } from './config.ts';
import type { RgbImage } from './image.ts';
import { padScores } from './pad.ts';
import { facePatch, type FacePatch } from './patch.ts';
import { detectAndEmbed, detectBoxesOnSquare, LOCATE_SIDE, type FaceDetection, type Models } from './pipeline.ts';

export type { FrameBox } from './box.ts';
import type { FrameBox } from './box.ts';

/** One face of a live frame: on the light path only the box and the detector's score are known. */
export interface FrameFace extends Omit<FaceDetection, 'mesh'> {
  /** Null on the light path (the mesh was not run). */
  mesh: [number, number][] | null;
  /** The face's pixels in grey, for track liveness; null on the light path (see facePatch). */
  patch: FacePatch | null;
  /**
   * The presentation-attack model's live score, 0..1 (1 = a live face, 0 = a screen or a print;
   * see pad.ts); NaN on the light path or when the engine has no such model.
   */
  pad: number;
}

/** A face before its patch is cut and its texture scored. */
type Found = Omit<FrameFace, 'patch' | 'pad'>;
type FoundResult = Omit<FrameResult, 'faces'> & { faces: Found[] };

export interface FrameResult {
  width: number;
  height: number;
  faces: FrameFace[];
  /** Milliseconds spent locating faces, in the full per-face models (mesh to embedding), and in the presentation-attack model. */
  timing: { detectMs: number; embedMs: number; padMs?: number };
}

export interface FrameOptions extends PipelineOptions {
  /** Overlap (IoU) with a skip box above which a face counts as that decided track. */
  skipIou: number;
  /** Context around a face for its own full pass, as a fraction of the box's longer side on each side. */
  cropMargin: number;
  /**
   * Frames at least `tileFromWidth` wide are also searched in overlapping tiles, `tiles` across
   * and as many rows as keep them no taller than wide (`tileBoxes`; 0 or 1: never). The detector sees the whole frame shrunk to its input, where a face under
   * ~140 px of a 1280x720 frame is some 25 px and often missed; in a half-size tile it is twice that.
   */
  tiles: number;
  tileFromWidth: number;
  /** The locate pass (and each tile) runs on a copy shrunk to at most this many pixels a side (see LOCATE_SIDE). */
  locateSide: number;
}

// 0.3 is the tracker's own overlap for "the same face as last frame"; a margin of half a face
// keeps the whole head and some background in the crop, which the detector needs to find it again.
// Tiles: measured with the classroom simulation (docs/accuracy.md, "Small faces").
export const DEFAULT_FRAME: FrameOptions = { ...DEFAULT_PIPELINE, skipIou: 0.3, cropMargin: 0.5, tiles: 2, tileFromWidth: 960, locateSide: LOCATE_SIDE };

/**
 * Tiles cost a detector pass each (the classroom simulation's frames took 1.5-2x as long with them
 * on every frame), so a live loop searches them at most once per `everyMs`, on the frame that falls
 * due: a small face is found within a second and its track is kept between searches (the tracker
 * waits 3 s for a face it lost). Returns the tile count for a frame at time `at`.
 */
export function tileSchedule(everyMs: number, tiles: number = DEFAULT_FRAME.tiles): (at: number) => number {
  let last = -Infinity;
  return (at) => {
    if (at - last < everyMs) return 0;
    last = at;
    return tiles;
  };
}

export const TILE_EVERY_MS = 1000;

/**
 * `n` tiles across the frame, each a quarter wider than an exact split so a face on a seam is whole
 * in one, and as few rows as keep each tile no taller than it is wide. The detector sees a tile on
 * a square canvas, so a tile's width sets the scale a face is found at: for a 16:9 or 2:1 frame
 * one row of full-height tiles gives the faces the same scale as a grid of n x n, in half the passes.
 */
export function tileBoxes(width: number, height: number, n: number): FrameBox[] {
  if (n <= 1) return [];
  const tw = Math.min(width, Math.ceil((width / n) * 1.25));
  let rows = 1;
  while (rows < n && Math.min(height, Math.ceil((height / rows) * 1.25)) > tw) rows++;
  const th = rows === 1 ? height : Math.min(height, Math.ceil((height / rows) * 1.25));
  const out: FrameBox[] = [];
  for (let row = 0; row < rows; row++) {
    const y = rows === 1 ? 0 : Math.round(((height - th) * row) / (rows - 1));
    for (let col = 0; col < n; col++) out.push([Math.round(((width - tw) * col) / (n - 1)), y, tw, th]);
  }
  return out;
}

/** Share of box `a` that lies inside box `b`. */
function covered(a: FrameBox, b: FrameBox): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? (w * h) / (a[2] * a[3]) : 0;
}

const isKnown = (box: FrameBox, known: readonly FrameBox[]) => known.some((k) => covered(box, k) > 0.5 || covered(k, box) > 0.5);

/**
 * Faces the tiles find that the whole-frame pass did not (`known`), in frame pixels, best first;
 * a face found in two overlapping tiles is kept once.
 */
async function tileFaces(models: Models, img: RgbImage, known: readonly FrameBox[], opts: FrameOptions): Promise<{ box: FrameBox; detectionScore: number }[]> {
  if (opts.tiles <= 1 || img.width < opts.tileFromWidth) return [];
  const found: { box: FrameBox; detectionScore: number }[] = [];
  for (const tile of tileBoxes(img.width, img.height, opts.tiles)) {
    const { image, dx, dy } = cropRgb(img, tile);
    for (const f of await detectBoxesOnSquare(models.human, image, opts.locateSide)) {
      if (f.detectionScore < opts.minDetectorConfidence) continue;
      found.push({ box: [f.box[0] + dx, f.box[1] + dy, f.box[2], f.box[3]], detectionScore: f.detectionScore });
    }
  }
  found.sort((a, b) => b.detectionScore - a.detectionScore);
  const kept: { box: FrameBox; detectionScore: number }[] = [];
  for (const f of found)
    if (
      !isKnown(f.box, known) &&
      !isKnown(
        f.box,
        kept.map((k) => k.box),
      )
    )
      kept.push(f);
  return kept;
}

/** The pixels inside a rectangle (clamped to the image), and where it starts. */
export function cropRgb(img: RgbImage, [x, y, w, h]: FrameBox): { image: RgbImage; dx: number; dy: number } {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(img.width, Math.ceil(x + w));
  const y1 = Math.min(img.height, Math.ceil(y + h));
  const cw = Math.max(0, x1 - x0);
  const ch = Math.max(0, y1 - y0);
  const data = new Uint8Array(cw * ch * 3);
  for (let row = 0; row < ch; row++) {
    const src = ((y0 + row) * img.width + x0) * 3;
    data.set(img.data.subarray(src, src + cw * 3), row * cw * 3);
  }
  return { image: { width: cw, height: ch, data }, dx: x0, dy: y0 };
}

function lightFace(box: FrameBox, detectionScore: number): Found {
  return {
    box,
    detectionScore,
    pose: { yaw: Number.NaN, pitch: Number.NaN, roll: Number.NaN },
    size: Math.min(box[2], box[3]),
    sharpness: Number.NaN,
    brightness: Number.NaN,
    antispoof: Number.NaN,
    liveness: Number.NaN,
    context: false,
    embedding: null,
    mesh: null,
  };
}

function moved(f: FaceDetection, dx: number, dy: number): Found {
  return { ...f, box: [f.box[0] + dx, f.box[1] + dy, f.box[2], f.box[3]], mesh: f.mesh.map(([x, y]) => [x + dx, y + dy] as [number, number]) };
}

/** The full pipeline on a crop around one face; the face found there that is this one, in frame pixels. */
async function fullOnCrop(models: Models, img: RgbImage, box: FrameBox, opts: FrameOptions): Promise<Found | null> {
  const m = opts.cropMargin * Math.max(box[2], box[3]);
  const { image, dx, dy } = cropRgb(img, [box[0] - m, box[1] - m, box[2] + 2 * m, box[3] + 2 * m]);
  if (image.width === 0 || image.height === 0) return null;
  const found = await detectAndEmbed(models, image, { ...opts, pad: 0 }, () => true);
  let best: Found | null = null;
  let bestIou = opts.skipIou;
  for (const f of found.faces) {
    const face = moved(f, dx, dy);
    const o = iou(face.box, box);
    if (o >= bestIou) [best, bestIou] = [face, o];
  }
  return best;
}

/**
 * Analyses one camera frame. Faces overlapping a box of `skip` (tracks already decided) get the
 * detector only; every other face gets the full pipeline. With nothing to skip, or nothing in view
 * that overlaps a skip box, it is one full pass over the frame as before.
 */
export async function analyzeFrame(models: Models, img: RgbImage, skip: readonly FrameBox[], options: Partial<FrameOptions> = {}): Promise<FrameResult> {
  const r = await findFaces(models, img, skip, { ...DEFAULT_FRAME, ...options });
  const t0 = performance.now();
  const faces = await withPad(
    models,
    img,
    r.faces.map((f) => withPatch(img, f)),
  );
  return { ...r, faces, timing: { ...r.timing, padMs: performance.now() - t0 } };
}

/**
 * Faces of frame `img` with their texture scored by the presentation-attack model: only faces on
 * the full path (with a mesh), the ones liveness still judges; all of a frame's faces in one batch.
 */
async function withPad<F extends { box: FrameBox; mesh: [number, number][] | null }>(
  models: Models,
  img: RgbImage,
  faces: readonly F[],
): Promise<(F & { pad: number })[]> {
  const full = faces.filter((f) => f.mesh !== null);
  const scores =
    models.pad && full.length
      ? await padScores(
          models.pad,
          img,
          full.map((f) => f.box),
        )
      : [];
  let k = 0;
  return faces.map((f) => ({ ...f, pad: f.mesh !== null && models.pad ? scores[k++]! : Number.NaN }));
}

/**
 * A face of frame `img` with its patch: only faces on the full path (with a mesh) get one, since
 * liveness judges tracks still being decided, never the light path. Exported so a measurement
 * that runs the pipeline another way (`rollcall liveness`) cuts the patch the same way.
 */
export function withPatch<F extends { box: FrameBox; mesh: [number, number][] | null }>(img: RgbImage, f: F): F & { patch: FacePatch | null } {
  return { ...f, patch: f.mesh ? facePatch(img, f.box) : null };
}

async function findFaces(models: Models, img: RgbImage, skip: readonly FrameBox[], opts: FrameOptions): Promise<FoundResult> {
  const isDecided = (box: FrameBox) => skip.some((s) => iou(s, box) >= opts.skipIou);
  /** Small faces only the tiles found: the light path if decided, else the full pipeline on a crop around each. */
  const addTiled = async (r: FoundResult): Promise<FoundResult> => {
    const t0 = performance.now();
    const extra = await tileFaces(
      models,
      img,
      r.faces.map((f) => f.box),
      opts,
    );
    const t1 = performance.now();
    const faces = [...r.faces];
    for (const f of extra.slice(0, Math.max(0, opts.maxFaces - faces.length))) {
      if (isDecided(f.box)) faces.push(lightFace(f.box, f.detectionScore));
      else {
        // A tile's detection the full pass on its crop cannot find again is dropped: at this size
        // the detector also answers to patterns in clothes and walls (a grey test frame gave two).
        const face = await fullOnCrop(models, img, f.box, opts);
        if (face) faces.push(face);
      }
    }
    return { ...r, faces, timing: { detectMs: r.timing.detectMs + t1 - t0, embedMs: r.timing.embedMs + performance.now() - t1 } };
  };
  const full = async (): Promise<FoundResult> => {
    const r = await detectAndEmbed(models, img, opts, () => true);
    return { width: img.width, height: img.height, faces: r.faces, timing: r.timing };
  };
  if (skip.length === 0) return addTiled(await full());
  const t0 = performance.now();
  const located = (await detectBoxesOnSquare(models.human, img, opts.locateSide))
    .filter((f) => f.detectionScore >= opts.minDetectorConfidence)
    .slice(0, opts.maxFaces);
  const decided = located.map((f) => isDecided(f.box));
  const t1 = performance.now();
  // Nothing in view for the whole-frame detector (a decided face seen only in tiles, or everyone
  // gone): the full pass below would run the same detector again, and its padded retry a third time.
  if (located.length === 0) return addTiled({ width: img.width, height: img.height, faces: [], timing: { detectMs: t1 - t0, embedMs: 0 } });
  // Nobody in view is decided (they left, or the camera moved): a single full pass is cheaper than a crop per face.
  if (!decided.some(Boolean)) {
    const r = await full();
    return addTiled({ ...r, timing: { detectMs: t1 - t0 + r.timing.detectMs, embedMs: r.timing.embedMs } });
  }
  const faces: Found[] = [];
  for (const [i, f] of located.entries()) {
    // A face the crop pass cannot find again (blur, the edge of the frame) is still reported, unembedded.
    faces.push(decided[i] ? lightFace(f.box, f.detectionScore) : ((await fullOnCrop(models, img, f.box, opts)) ?? lightFace(f.box, f.detectionScore)));
  }
  return addTiled({ width: img.width, height: img.height, faces, timing: { detectMs: t1 - t0, embedMs: performance.now() - t1 } });
}
