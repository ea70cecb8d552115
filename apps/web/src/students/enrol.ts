// Enrolment, without React: analyse a photo in the browser (in the face worker), apply the quality gates, hash it (so
// re-importing the same photo adds nothing), and look for students the new face already matches.
// Photos never leave the browser; only the accepted embeddings are sent.
import { DEFAULT_GATES, DEFAULT_MATCH, enrolmentQuality, isFaceError, type EnrolmentCheck, type FaceErrorCode, type QualityReason } from '@rollcall/face';
import { toNewEmbedding, type NewEmbedding } from '@rollcall/contracts';
import type { Gallery } from '@rollcall/matcher';

export interface PhotoResult {
  name: string;
  status: 'accepted' | 'rejected' | 'error';
  reasons: QualityReason[];
  /** Why the photo could not be read at all (corrupt, not an image, too large). */
  error?: string;
  /** Which of those it was, when the face engine said (shown in the reader's language by photo-verdict.ts). */
  errorCode?: FaceErrorCode | null;
  width: number;
  height: number;
  /** Face boxes found, in the photo's pixels. */
  boxes: [number, number, number, number][];
  embedding?: NewEmbedding;
  /** The decoded face vector (for the look-alike search). */
  vector?: Float32Array;
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whatever decodes and checks a photo: the face worker's client in the app. */
export interface PhotoAnalyser {
  analyzePhoto(file: Blob, name: string): Promise<{ width: number; height: number; check: EnrolmentCheck }>;
}

export async function analysePhoto(engine: PhotoAnalyser, file: Blob, name: string): Promise<PhotoResult> {
  let photo;
  try {
    photo = await engine.analyzePhoto(file, name);
  } catch (err) {
    // Not an image, corrupt, too large: the worker says which, with a code.
    const error = err instanceof Error ? err.message : String(err);
    return { name, status: 'error', reasons: [], error, errorCode: isFaceError(err) ? err.code : null, width: 0, height: 0, boxes: [] };
  }
  const { check, width, height } = photo;
  const base = { name, width, height, boxes: check.faces.map((f) => f.box), reasons: check.reasons };
  const face = check.faces[0];
  if (check.reasons.length > 0 || !face) return { ...base, status: 'rejected' };
  const sourceHash = await sha256Hex(await file.arrayBuffer());
  return {
    ...base,
    status: 'accepted',
    vector: face.embedding.vector,
    embedding: toNewEmbedding({ modelId: face.embedding.modelId, vector: face.embedding.vector, quality: enrolmentQuality(face, DEFAULT_GATES), sourceHash }),
  };
}

export interface LookAlike {
  studentId: string;
  score: number;
}

/**
 * Students other than `self` whom any of the new faces matches at or above the recognition
 * threshold: a possible duplicate enrolment, or twins. The best score per student, highest first.
 */
export function findLookAlikes(gallery: Gallery, vectors: readonly Float32Array[], self: string | null, threshold = DEFAULT_MATCH.threshold): LookAlike[] {
  const best = new Map<string, number>();
  for (const v of vectors) {
    for (const c of gallery.search(v, { scoring: 'best', limit: 5 })) {
      if (c.studentId === self || c.score < threshold) continue;
      best.set(c.studentId, Math.max(best.get(c.studentId) ?? -1, c.score));
    }
  }
  return [...best].map(([studentId, score]) => ({ studentId, score })).sort((a, b) => b.score - a.score);
}
