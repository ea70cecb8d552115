// Every tunable number of the face pipeline, in one place. The values were chosen from
// measurements on ../shared/faces and synthetic degradations of it (docs/accuracy.md says how);
// callers override them per call, nothing below reads a literal threshold.
import type { ModelId } from '@rollcall/contracts';

/** Limits a face must meet to be enrolled. Each failed limit becomes a named reason. */
export interface QualityGates {
  /** Shorter side of the detected face box, in image pixels. */
  minFaceSize: number;
  /** Detector confidence 0..1. */
  minDetectionScore: number;
  /** Laplacian variance over luma variance (x100) on the 150 px aligned chip; see quality.ts. */
  minSharpness: number;
  /** Mean luma 0..255 of the face. */
  minBrightness: number;
  maxBrightness: number;
  /** Head turn limits in degrees (absolute). */
  maxYaw: number;
  maxPitch: number;
  /** Human's antispoof score 0..1 (1 = real face); below this the face looks like a photo or screen. */
  minAntispoof: number;
  /** Human's liveness score 0..1; below this the face looks like a photo or screen. */
  minLiveness: number;
}

// Chosen from the measures of every photo in ../shared/faces and of degraded copies of twd photos
// (docs/accuracy.md, "Quality gates"): each limit sits between what real enrolment-grade photos
// score and what the degraded copies score.
export const DEFAULT_GATES: QualityGates = {
  minFaceSize: 80,
  minDetectionScore: 0.5,
  minSharpness: 2,
  minBrightness: 40,
  maxBrightness: 210,
  // Human's yaw reads low on strongly turned heads (a ~60 degree profile measures ~38), so 25 here.
  maxYaw: 25,
  maxPitch: 25,
  // Below every genuine photo measured (lowest 0.27); no simulated print or screen went lower.
  minAntispoof: 0.2,
  // Off for stills: genuine photos scored from 0.02 to 1.0. Raise it for live camera frames.
  minLiveness: 0,
};

/** How the pipeline finds and embeds faces. */
export interface PipelineOptions {
  /** Which embedding model; every vector carries it. */
  model: ModelId;
  /**
   * When nothing is found, retry with the image on a canvas this fraction of its longer side
   * larger on every side (tight crops); 0 disables the retry.
   */
  pad: number;
  /**
   * A face with less room to an edge than this share of its size, or covering more than
   * `contextCover` of the picture, is analysed again on a crop `contextMargin` of its size larger
   * on every side (see context.ts); contextMargin 0 turns this off.
   */
  contextEdge: number;
  contextCover: number;
  contextMargin: number;
  /** Average the embedding of the chip and of its mirror image. */
  mirror: boolean;
  /** dlib chip padding around the face (0.25 is dlib's default). */
  chipPadding: number;
  /** Detector confidence below which a candidate is dropped before anything else is computed. */
  minDetectorConfidence: number;
  /** Most faces analysed per image. */
  maxFaces: number;
}

export const DEFAULT_PIPELINE: PipelineOptions = {
  model: 'faceapi-resnet@1.7.15',
  pad: 0.5,
  contextEdge: 0.25,
  contextCover: 0.3,
  contextMargin: 0.5,
  mirror: true,
  chipPadding: 0.25,
  minDetectorConfidence: 0.3,
  maxFaces: 10,
};

/**
 * Open-set decision for the shipped model: accept the best student when cosine >= threshold and
 * it beats the best other student by at least margin. Used by the matcher and the web app.
 */
export interface MatchDefaults {
  modelId: ModelId;
  threshold: number;
  margin: number;
}

export const MATCH_DEFAULTS: Record<ModelId, MatchDefaults> = {
  'faceapi-resnet@1.7.15': { modelId: 'faceapi-resnet@1.7.15', threshold: 0.96, margin: 0.02 },
  'human-faceres@3.3.6': { modelId: 'human-faceres@3.3.6', threshold: 0.8, margin: 0.02 },
};

/** Shorthand for the shipped model's defaults. */
export const DEFAULT_MATCH: MatchDefaults = MATCH_DEFAULTS[DEFAULT_PIPELINE.model];
