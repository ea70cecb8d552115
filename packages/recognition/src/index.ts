// @rollcall/recognition: the one recognition core shared by the Take attendance page, the CLI
// (eval, classroom simulation) and the benchmarks. No DOM, no models: plain data in and out.
export type { Box, FaceObservation, FrameObservation } from './types.ts';
export { RecognitionSession } from './session.ts';
export type { MarkDecision, ReviewDecision, ReviewReason, SessionOptions, SessionStep, TrackState, TrackView, Waiting } from './session.ts';
export { DEFAULT_RECOGNITION, type RecognitionParams } from './params.ts';
export { judgeFrames, offerable, type Candidate, type Evidence, type FrameEvidence, type JudgedFrame, type Judgement } from './judge.ts';
export { DEFAULT_FRAME_QUALITY, eyeOpenness, frameQuality, type FrameFlaw, type FrameQuality, type FrameQualityParams } from './quality.ts';
export { iou, needsEmbedding, MIN_TRACK_IOU } from './geometry.ts';
export {
  assessLiveness,
  classifyPairs,
  DEFAULT_LIVENESS,
  judge,
  limitsAt,
  measureTrack,
  meshPoints,
  pairMotion,
  readReason,
  readTexture,
  reasonText,
  VERDICT_TEXT,
  MESH_POINTS,
  STABLE_POINTS,
  type LivenessParams,
  type LivenessReason,
  type LivenessReasonCode,
  type LivenessSample,
  type LivenessVerdict,
  type MeshPoints,
  type PairMotion,
  type TextureReading,
  type TrackEvidence,
  type VerdictCode,
} from './liveness/index.ts';
export { toFrameObservation } from './observe.ts';
export {
  CONFIRMED_LEARN,
  DEFAULT_LEARN,
  embeddingsToLearn,
  embeddingsToLearnFromConfirmation,
  reviewSighting,
  type LearnFrame,
  type LearnParams,
  type LearnVerdict,
  type Sighting,
} from './learn.ts';
export { distinctViews, enrolmentStrength, GOOD_VIEWS, NEAR_COPY, type EnrolmentStrength, type StrengthLevel } from './variety.ts';
export { RecognitionLoop, type AnalyseFrame, type LoopOptions, type LoopStep } from './loop.ts';
