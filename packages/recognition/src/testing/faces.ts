// Test helpers: face observations around synthetic embeddings, with meshes that move as a live
// head or as a picture does, and a gallery of synthetic students.
import { Gallery, prng } from '@rollcall/matcher';
import { SyntheticFaces } from '@rollcall/matcher/synthetic';
import { l2Normalize } from '@rollcall/contracts';
import { DEFAULT_RECOGNITION, type RecognitionParams } from '../params.ts';
import type { Box, FaceObservation } from '../types.ts';
import { handHomography, head3d, jitter, project, warp } from './heads.ts';

/** Synthetic 128-d (face-api shaped) faces: same person ~0.95, different people ~0.75. */
export const population = (seed = 7) => new SyntheticFaces(128, seed);

/** Students S0..S(n-1), three enrolment embeddings each. */
export function galleryOf(faces: SyntheticFaces, students: number): Promise<Gallery> {
  return Gallery.create({ modelId: 'faceapi-resnet@1.7.15' }, faces.entries(students, 3));
}

/** A blend of two embeddings (a face between two people, or a person partly hidden by noise). */
export function blend(a: Float32Array, b: Float32Array, wa: number): Float32Array {
  return l2Normalize(a.map((x, i) => wa * x + (1 - wa) * b[i]!));
}

/** 468 mesh points with both eyes open (`open` = eyelid gap over eye width). */
export function meshWithEyes(open: number): [number, number][] {
  const mesh: [number, number][] = Array.from({ length: 468 }, () => [0, 0]);
  const eye = (c0: number, c1: number, pairs: [number, number][], x: number) => {
    mesh[c0] = [x, 100];
    mesh[c1] = [x + 30, 100];
    for (const [u, l] of pairs) {
      mesh[u] = [x + 15, 100 - 15 * open];
      mesh[l] = [x + 15, 100 + 15 * open];
    }
  };
  eye(
    33,
    133,
    [
      [160, 144],
      [158, 153],
    ],
    50,
  );
  eye(
    362,
    263,
    [
      [385, 380],
      [387, 373],
    ],
    120,
  );
  return mesh;
}

export function face(box: Box, embedding: Float32Array | null, over: Partial<FaceObservation> = {}): FaceObservation {
  return {
    box,
    embedding,
    detectionScore: 0.95,
    size: Math.min(box[2], box[3]),
    pose: { yaw: 0, pitch: 0, roll: 0 },
    sharpness: embedding ? 8 : Number.NaN,
    brightness: 120,
    antispoof: 0.9,
    liveness: 0.9,
    mesh: meshWithEyes(0.3),
    patch: null,
    pad: Number.NaN,
    ...over,
  };
}

/**
 * How a face's mesh changes over a clip: a live head turning and nodding (3D, so its landmarks
 * follow no homography), a photo or phone held in a hand (a plane tilted, zoomed and moved), or a
 * still picture (only landmark noise).
 */
export type Motion = 'head' | 'photo' | 'still';

/** Extra per-frame choices of a clip: eyelid gap over eye width (0.3 open, under 0.1 closed). */
export interface ClipFrame extends Partial<FaceObservation> {
  eyes?: number;
}

/** The mesh of frame `k` (100 ms apart) of a face in `box` under `motion`, in frame pixels. */
export function clipMesh(motion: Motion, box: Box, k: number, eyes = 0.3): [number, number][] {
  const cx = box[0] + box[2] / 2;
  const cy = box[1] + box[3] / 2;
  const radius = box[2] * 0.4;
  const head = head3d(eyes);
  // A 15 degree turn: at 12 the first pairs sit just over the limits with their motion noise
  // (liveness/params.ts motionNoise), and a test's exact frame would hang on the jitter's draw.
  if (motion === 'head') return project(head, 15 * Math.sin(k / 4), 6 * Math.sin(k / 7), cx, cy, radius);
  const frontal = project(head, 0, 0, cx, cy, radius);
  return motion === 'photo' ? warp(frontal, handHomography(k / 5, cx, cy)) : frontal;
}

/**
 * A face filmed over frames: each call is the next frame of the same motion, with landmark noise
 * (0.3 px on a 50 px head radius, as Human's mesh on a webcam). One clip per test keeps it seeded.
 */
export function faceClip(motion: Motion = 'head', seed = 1) {
  const r = prng(seed);
  // Frames counted per place: a face that appears elsewhere (a new track) starts its own motion.
  const frames = new Map<string, number>();
  return (box: Box, embedding: Float32Array | null, over: ClipFrame = {}): FaceObservation => {
    const { eyes, ...rest } = over;
    const k = frames.get(box.join()) ?? 0;
    frames.set(box.join(), k + 1);
    const mesh = jitter(clipMesh(motion, box, k, eyes), r, (0.3 * box[2] * 0.4) / 50);
    return face(box, embedding, { mesh, ...rest });
  };
}

/** Synthetic 128-d scores sit lower than face-api's real ones: a threshold that fits them. */
export const PARAMS: RecognitionParams = { ...DEFAULT_RECOGNITION, threshold: 0.95, margin: 0.02, reviewBand: 0.04, lowerBand: 0.04 };
