// Enrols the simulated class through the real enrolment path: each photo analysed and held to
// the quality gates exactly as the web's photo enrolment and `rollcall import` do, and the
// embeddings that pass become the students' gallery entries. A refused photo is replaced by the
// student's next one, as an admin does when the Students page says why a photo was refused.
import { join } from 'node:path';
import { checkEnrolmentPhoto, DEFAULT_GATES, isFaceError, type FaceEngine, type RgbImage } from '@rollcall/face';
import { decodeImageFile } from '@rollcall/face/node';
import type { GalleryEntry } from '@rollcall/matcher';
import type { ClassPlan } from './plan.ts';

export interface Enrolment {
  entries: GalleryEntry[];
  /** Photos refused, with the gates' reasons (or the decoder's error code). */
  rejected: { photo: string; reasons: string[] }[];
  /** Students left with no embedding at all: they cannot be recognised. */
  notEnrolled: string[];
  /** Spare photos enrolled in place of refused ones. */
  replaced: number;
}

export interface EnrolOptions {
  /** Try the student's spare photos in place of refused ones (default); false enrols only the planned photos. */
  replaceRefused: boolean;
}

/** One photo (a file, or a frame already decoded) through the gates: its embedding, or why it was refused. */
export async function checkPhoto(engine: FaceEngine, photo: string | RgbImage): Promise<{ vector: Float32Array } | { reasons: string[] }> {
  try {
    const result = await checkEnrolmentPhoto(engine, typeof photo === 'string' ? await decodeImageFile(photo) : photo, DEFAULT_GATES);
    const face = result.faces[0];
    if (result.reasons.length > 0 || !face) return { reasons: result.reasons.length ? result.reasons : ['no-face'] };
    return { vector: face.embedding.vector };
  } catch (e) {
    if (!isFaceError(e)) throw e;
    return { reasons: [e.code] };
  }
}

export async function enrolClass(engine: FaceEngine, folder: string, plan: ClassPlan, o: EnrolOptions = { replaceRefused: true }): Promise<Enrolment> {
  const entries: GalleryEntry[] = [];
  const rejected: Enrolment['rejected'] = [];
  let replaced = 0;
  for (const { identity, photos, spares } of plan.enrolled) {
    const queue = [...photos];
    const spare = o.replaceRefused ? [...spares] : [];
    for (let i = 0; i < queue.length; i++) {
      const photo = queue[i]!;
      const r = await checkPhoto(engine, join(folder, photo));
      if ('reasons' in r) {
        rejected.push({ photo, reasons: r.reasons });
        const next = spare.shift();
        if (next !== undefined) queue.push(next);
        continue;
      }
      entries.push({ studentId: identity, embeddingId: photo, vector: r.vector });
      if (i >= photos.length) replaced++;
    }
  }
  const have = new Set(entries.map((e) => e.studentId));
  return { entries, rejected, replaced, notEnrolled: plan.enrolled.map((e) => e.identity).filter((id) => !have.has(id)) };
}
