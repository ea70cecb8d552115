// The seam between whatever runs the models (a Web Worker, the Node engine, a simulation) and the
// recognition core: plain data only, so it crosses postMessage unchanged.
import type { FacePatch } from '@rollcall/face';

export type Box = [x: number, y: number, width: number, height: number];

/** One face seen in one frame, as the face pipeline reports it. */
export interface FaceObservation {
  box: Box;
  /** Unit vector; null when the face was not embedded this frame (a decided track on the light path). */
  embedding: Float32Array | null;
  detectionScore: number;
  /** Shorter side of the face box, in frame pixels. */
  size: number;
  /** Degrees. */
  pose: { yaw: number; pitch: number; roll: number };
  /** NaN when the face was not aligned this frame. */
  sharpness: number;
  brightness: number;
  /** Human's antispoof and liveness scores, 0..1 (1 = real / live); NaN when not computed this frame. */
  antispoof: number;
  liveness: number;
  /** Face mesh landmarks in frame pixels (Human's 468 points); null when the mesh was not run. */
  mesh: [number, number][] | null;
  /** The face's pixels in grey (track liveness compares them across frames); null when the mesh was not run. */
  patch: FacePatch | null;
  /** The presentation-attack model's live score, 0..1 (1 = a live face); NaN when not computed this frame. */
  pad: number;
}

/** Everything the core learns from one camera frame. */
export interface FrameObservation {
  /** Milliseconds on the injected clock (performance.now() in the page, simulated time elsewhere). */
  at: number;
  width: number;
  height: number;
  faces: FaceObservation[];
}
