// Enrolment quality gates: turn a face's measurements into named reasons the UI can show.
import type { QualityGates } from './config.ts';

export type QualityReason =
  'no-face' | 'multiple-faces' | 'face-too-small' | 'too-blurry' | 'too-dark' | 'too-bright' | 'turned-too-far' | 'low-detection-score' | 'looks-like-spoof';

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

/**
 * One 0..1 number for how good an enrolment photo is, stored with its embedding so the matcher
 * can prefer better templates: the detector's confidence, scaled down for blur (up to 5x the
 * sharpness limit counts as full) and for head turn (linearly to 0 at 90 degrees).
 */
export function enrolmentQuality(face: GateInput, gates: QualityGates): number {
  const sharp = Math.min(1, face.sharpness / (5 * Math.max(gates.minSharpness, 1e-6)));
  const turn = Math.max(0, 1 - Math.max(Math.abs(face.pose.yaw), Math.abs(face.pose.pitch)) / 90);
  const q = Math.max(0, Math.min(1, face.detectionScore)) * (0.5 + 0.5 * sharp) * turn;
  return Math.round(q * 1000) / 1000;
}
