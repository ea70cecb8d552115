// A loaded face engine: the pipeline bound to its models and options. The Node and browser
// entries build one; callers only see this interface.
import type { ModelId } from '@rollcall/contracts';
import { DEFAULT_GATES, DEFAULT_PIPELINE, type PipelineOptions, type QualityGates } from './config.ts';
import { photoReasons, type QualityReason } from './gates.ts';
import { analyzeFrame, type FrameBox, type FrameOptions, type FrameResult } from './frame.ts';
import type { RgbImage } from './image.ts';
import { padScores } from './pad.ts';
import { analyzeImage, detectAndEmbed, type AnalyzeResult, type Models, type SelectiveResult } from './pipeline.ts';

export interface FaceEngine {
  readonly modelId: ModelId;
  /** The tfjs backend actually in use ('wasm', 'webgl', ...). */
  readonly backend: string;
  /** Milliseconds load() took. */
  readonly loadMs: number;
  analyze(img: RgbImage, options?: Partial<Omit<PipelineOptions, 'model'>>): Promise<AnalyzeResult>;
  /** Detects every face but embeds only where `embedWhere(box)` is true (live recognition). */
  analyzeSelective(img: RgbImage, embedWhere: (box: [number, number, number, number]) => boolean): Promise<SelectiveResult>;
  /** A live camera frame: faces overlapping `skip` (decided tracks) are only located (the light path). */
  analyzeFrame(img: RgbImage, skip: readonly FrameBox[], options?: Partial<Omit<FrameOptions, 'model'>>): Promise<FrameResult>;
  /** The presentation-attack model's live score for each box of `img` (pad.ts); NaN each without the model. */
  padScores(img: RgbImage, boxes: readonly FrameBox[]): Promise<number[]>;
  dispose(): Promise<void>;
}

export interface EnrolmentCheck extends AnalyzeResult {
  /** Empty when the photo can be enrolled. */
  reasons: QualityReason[];
}

/** Analyses an enrolment photo and applies the quality gates to it. */
export async function checkEnrolmentPhoto(engine: FaceEngine, img: RgbImage, gates: QualityGates = DEFAULT_GATES): Promise<EnrolmentCheck> {
  const result = await engine.analyze(img);
  return { ...result, reasons: photoReasons(result.faces, gates) };
}

export function bindEngine(models: Models, modelId: ModelId, backend: string, loadMs: number, dispose: () => Promise<void>): FaceEngine {
  return {
    modelId,
    backend,
    loadMs,
    analyze: (img, options = {}) => analyzeImage(models, img, { ...DEFAULT_PIPELINE, ...options, model: modelId }),
    analyzeSelective: (img, embedWhere) => detectAndEmbed(models, img, { ...DEFAULT_PIPELINE, model: modelId }, embedWhere),
    analyzeFrame: (img, skip, options = {}) => analyzeFrame(models, img, skip, { ...options, model: modelId }),
    padScores: async (img, boxes) => (models.pad ? padScores(models.pad, img, boxes) : boxes.map(() => Number.NaN)),
    dispose,
  };
}
