// @rollcall/face: pure parts shared by every environment (types, defaults, gates, alignment,
// quality). Engines come from '@rollcall/face/node' and '@rollcall/face/browser'.
export { DEFAULT_GATES, DEFAULT_MATCH, DEFAULT_PIPELINE, MATCH_DEFAULTS, type MatchDefaults, type PipelineOptions, type QualityGates } from './config.ts';
export { FaceError, isFaceError, type FaceErrorCode } from './errors.ts';
export { enrolmentQuality, faceReasons, photoReasons, type GateInput, type QualityReason } from './gates.ts';
export { MAX_PIXELS, padRegion, rgbFromRgba, squareCanvas, type RgbImage } from './image.ts';
export { alignFace, fitSimilarity, chipTemplate } from './align.ts';
export { measureQuality, type QualityMeasures } from './quality.ts';
export { checkEnrolmentPhoto, type EnrolmentCheck, type FaceEngine } from './engine.ts';
export type { AnalyzeResult, FaceAnalysis, FaceDetection, FaceEmbedding, SelectiveResult } from './pipeline.ts';
export { parseManifest, verifyModelFiles, modelFiles, type ModelManifest } from './manifest.ts';
export { analyzeFrame, cropRgb, DEFAULT_FRAME, TILE_EVERY_MS, tileSchedule, withPatch, type FrameFace, type FrameOptions, type FrameResult } from './frame.ts';
export { iou, type FrameBox } from './box.ts';
export { facePatch, type FacePatch } from './patch.ts';
export { wasmMode, type WasmMode } from './backend.ts';
