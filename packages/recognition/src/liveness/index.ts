// Track liveness: is a tracked face a live head, or a photo or a screen held up to the camera?
// Judged from how the face mesh changes over the track (stills, planar motion, blinks) and
// whether the face's pixels change with it as a moved picture's would, with Human's antispoof as
// one optional signal. Pure and cheap: the page runs it on every frame.
export { assessLiveness, classifyPairs, judge, readTexture, type LivenessVerdict, type TextureReading } from './assess.ts';
export { measureTrack, type LivenessSample, type TrackEvidence } from './evidence.ts';
export { DEFAULT_LIVENESS, limitsAt, type LivenessParams } from './params.ts';
export { readReason, reasonText, VERDICT_TEXT, type LivenessReason, type LivenessReasonCode, type VerdictCode } from './reasons.ts';
export { eyeOpenness, MESH_POINTS, STABLE_POINTS } from './landmarks.ts';
export { meshPoints, pairMotion, type MeshPoints, type PairMotion } from './motion.ts';
