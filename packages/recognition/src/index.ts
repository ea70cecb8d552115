// @rollcall/recognition: the one recognition core shared by the Take attendance page, the CLI
// (eval, classroom simulation) and the benchmarks.
export type { Box, FaceObservation, FrameObservation } from './types.ts';
export * from './liveness/index.ts';
