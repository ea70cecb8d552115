// Enrols the simulated class through the real enrolment path: each photo analysed and held to
// the quality gates exactly as the web's photo enrolment and `rollcall import` do, and the
// embeddings that pass become the students' gallery entries.
import { join } from 'node:path';
import { checkEnrolmentPhoto, DEFAULT_GATES, isFaceError, type FaceEngine } from '@rollcall/face';
import { decodeImageFile } from '@rollcall/face/node';
import type { GalleryEntry } from '@rollcall/matcher';
import type { ClassPlan } from './plan.ts';

export interface Enrolment {
  entries: GalleryEntry[];
  /** Photos refused, with the gates' reasons (or the decoder's error code). */
  rejected: { photo: string; reasons: string[] }[];
  /** Students left with no embedding at all: they cannot be recognised. */
  notEnrolled: string[];
}

export async function enrolClass(engine: FaceEngine, folder: string, plan: ClassPlan): Promise<Enrolment> {
  const entries: GalleryEntry[] = [];
  const rejected: Enrolment['rejected'] = [];
  for (const { identity, photos } of plan.enrolled) {
    for (const photo of photos) {
      try {
        const check = await checkEnrolmentPhoto(engine, await decodeImageFile(join(folder, photo)), DEFAULT_GATES);
        const face = check.faces[0];
        if (check.reasons.length > 0 || !face) {
          rejected.push({ photo, reasons: check.reasons.length ? check.reasons : ['no-face'] });
          continue;
        }
        entries.push({ studentId: identity, embeddingId: photo, vector: face.embedding.vector });
      } catch (e) {
        if (!isFaceError(e)) throw e;
        rejected.push({ photo, reasons: [e.code] });
      }
    }
  }
  const have = new Set(entries.map((e) => e.studentId));
  return { entries, rejected, notEnrolled: plan.enrolled.map((e) => e.identity).filter((id) => !have.has(id)) };
}
