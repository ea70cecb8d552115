// The embedding models Rollcall knows. Every stored embedding carries one of these ids, so a
// change of model means re-embedding, never mixing vectors from two models in one gallery.

export interface EmbeddingModel {
  id: string;
  dim: number;
  description: string;
}

export const EMBEDDING_MODELS = {
  'faceapi-resnet@1.7.15': {
    id: 'faceapi-resnet@1.7.15',
    dim: 128,
    description: "@vladmandic/face-api's face recognition network (dlib ResNet port) on a landmark-aligned chip",
  },
  'human-faceres@3.3.6': {
    id: 'human-faceres@3.3.6',
    dim: 1024,
    description: "@vladmandic/human's default description model (faceres)",
  },
} as const satisfies Record<string, EmbeddingModel>;

export type ModelId = keyof typeof EMBEDDING_MODELS;

export const MODEL_IDS = Object.keys(EMBEDDING_MODELS) as [ModelId, ...ModelId[]];

export function isModelId(id: string): id is ModelId {
  return Object.hasOwn(EMBEDDING_MODELS, id);
}

export function modelDim(id: ModelId): number {
  return EMBEDDING_MODELS[id].dim;
}
