// Enrolment quality gates: turn a face's measurements into named reasons the UI can show.
import type { QualityGates } from './config.ts';

export type QualityReason =
  | 'no-face'
  | 'multiple-faces'
  | 'face-too-small'
  | 'too-blurry'
  | 'too-dark'
  | 'too-bright'
  | 'turned-too-far'
  | 'low-detection-score'
  | 'looks-like-spoof';

/** What the gates look at for one face. */
export interface GateInput {
  size: number;
  detectionScore: number;
  sharpness: number;
  brightness: number;
  /** Degrees. */
  pose: { yaw: number; pitch: number };
  antispoof: number;
  liveness: number;
}

/** Reasons this one face fails, in a fixed order; empty when it passes. */
export function faceReasons(face: GateInput, gates: QualityGates): QualityReason[] {
  const reasons: QualityReason[] = [];
  if (face.size < gates.minFaceSize) reasons.push('face-too-small');
  if (face.detectionScore < gates.minDetectionScore) reasons.push('low-detection-score');
  if (face.sharpness < gates.minSharpness) reasons.push('too-blurry');
  if (face.brightness < gates.minBrightness) reasons.push('too-dark');
  if (face.brightness > gates.maxBrightness) reasons.push('too-bright');
  if (Math.abs(face.pose.yaw) > gates.maxYaw || Math.abs(face.pose.pitch) > gates.maxPitch) reasons.push('turned-too-far');
  if (face.antispoof < gates.minAntispoof || face.liveness < gates.minLiveness) reasons.push('looks-like-spoof');
  return reasons;
}

/** Reasons an enrolment photo is refused: it must hold exactly one face that passes every gate. */
export function photoReasons(faces: readonly GateInput[], gates: QualityGates): QualityReason[] {
  if (faces.length === 0) return ['no-face'];
  if (faces.length > 1) return ['multiple-faces'];
  return faceReasons(faces[0]!, gates);
}
