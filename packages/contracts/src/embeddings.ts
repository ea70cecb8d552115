// Face embeddings: vectors only, never photos. Vectors travel as base64 float32 (little endian).
import { z } from 'zod';
import { FIXED_CHECK_TEXT } from './checks.ts';
import { Instant, StudentId, Uuid } from './common.ts';
import { LEARN_RULES } from './learning.ts';
import { MODEL_IDS } from './models.ts';

/** sha256 of the source photo's bytes, hex: re-importing the same photo adds nothing. */
export const SourceHash = z.string().regex(/^[0-9a-f]{64}$/, FIXED_CHECK_TEXT['source-hash-format']);

/**
 * An embedding a device learned from a confirmed recognition instead of an enrolment photo: which
 * device, how the recognition was confirmed (a mark with a clear margin, or a teacher confirming a
 * review item) and when the face was seen. What a device posts is a claim: the API records the
 * caller as the device and `how` from the mark it found (see learning.ts).
 */
export const LearnedFrom = z.strictObject({
  deviceId: z.string().min(1).max(36),
  how: z.enum(['clear-mark', 'review-confirmed']),
  sightedAt: Instant,
});
export type LearnedFrom = z.infer<typeof LearnedFrom>;

export const NewEmbedding = z.strictObject({
  modelId: z.string().min(1).max(64),
  /** base64 of little-endian float32 values; dimension must match the model. */
  vector: z.string().min(4).max(65_536),
  quality: z.number().min(0).max(1),
  /** For a learned embedding, the sha256 of the vector's bytes (there is no photo). */
  sourceHash: SourceHash,
  learned: LearnedFrom.optional(),
});
export type NewEmbedding = z.infer<typeof NewEmbedding>;

/** The most embeddings one POST may carry: enrolment code chunks by it (see enrolment.ts). */
export const MAX_EMBEDDINGS_PER_POST = 50;

export const AddEmbeddingsBody = z.strictObject({ embeddings: z.array(NewEmbedding).min(1).max(MAX_EMBEDDINGS_PER_POST) });
export type AddEmbeddingsBody = z.infer<typeof AddEmbeddingsBody>;

/**
 * A learned embedding as a classroom device posts it: no sourceHash (the API takes the sha256 of
 * the stored vector's bytes, so the same frame posted twice, by any device, is one embedding).
 */
export const NewLearnedEmbedding = z.strictObject({
  modelId: NewEmbedding.shape.modelId,
  vector: NewEmbedding.shape.vector,
  quality: NewEmbedding.shape.quality,
  /** A clear mark or a teacher's confirmation of a review item; the server records the caller as where it was seen. */
  learned: LearnedFrom,
});
export type NewLearnedEmbedding = z.infer<typeof NewLearnedEmbedding>;

/** One sighting a post: it teaches at most `perSighting` frames. */
export const MAX_LEARNED_PER_POST = LEARN_RULES['clear-mark'].perSighting;

export const AddLearnedEmbeddingsBody = z.strictObject({ embeddings: z.array(NewLearnedEmbedding).min(1).max(MAX_LEARNED_PER_POST) });
export type AddLearnedEmbeddingsBody = z.infer<typeof AddLearnedEmbeddingsBody>;

export const AddEmbeddingsResult = z.object({
  results: z.array(z.object({ id: Uuid, status: z.enum(['created', 'duplicate']), sourceHash: SourceHash })),
});
export type AddEmbeddingsResult = z.infer<typeof AddEmbeddingsResult>;

export const Embedding = z.object({
  id: Uuid,
  studentId: StudentId,
  modelId: z.enum(MODEL_IDS),
  dim: z.number().int(),
  quality: z.number(),
  sourceHash: SourceHash,
  createdAt: Instant,
  /** Absent on rows cached before 0006: a photo. */
  origin: z.enum(['photo', 'sighting']).optional(),
  learned: LearnedFrom.optional(),
  vector: z.string().optional(),
});
export type Embedding = z.infer<typeof Embedding>;

export const ListEmbeddingsQuery = z.strictObject({
  includeVectors: z.enum(['true', 'false']).default('false'),
  modelId: z.enum(MODEL_IDS).optional(),
});

export const EmbeddingList = z.object({ items: z.array(Embedding) });

export const EmbeddingParams = z.strictObject({ studentId: StudentId, embeddingId: Uuid });
