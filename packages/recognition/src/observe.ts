// From the face pipeline's result for one frame (@rollcall/face detectAndEmbed or analyzeFrame's
// light path, where decided faces carry no mesh or embedding) to the plain data
// the session takes: the one adapter, so the page, a worker and the CLI hand over the same thing.
import type { FacePatch, FrameFace } from '@rollcall/face';
import type { FrameObservation } from './types.ts';

/** A face from analyzeFrame, or from a still photo's analysis (no patch: it is no track). */
type AnyFace = Omit<FrameFace, 'patch' | 'pad'> & { patch?: FacePatch | null; pad?: number };

export function toFrameObservation(result: { faces: readonly AnyFace[] }, frame: { at: number; width: number; height: number }): FrameObservation {
  return {
    at: frame.at,
    width: frame.width,
    height: frame.height,
    faces: result.faces.map((f) => ({
      box: f.box,
      embedding: f.embedding?.vector ?? null,
      detectionScore: f.detectionScore,
      size: f.size,
      pose: f.pose,
      sharpness: f.sharpness,
      brightness: f.brightness,
      antispoof: f.antispoof,
      liveness: f.liveness,
      mesh: f.mesh,
      patch: f.patch ?? null,
      pad: f.pad ?? Number.NaN,
    })),
  };
}
