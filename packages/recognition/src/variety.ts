// How many different views of a student their enrolment holds. Photos taken one after another
// (one sitting, a burst from the camera) embed almost identically and teach the matcher little
// more than one of them; a photo from another day, light or angle is what helps a student be
// recognised. The admin sees this per student and sorts by it.
import { dot } from '@rollcall/contracts';

/**
 * Two embeddings closer than this are the same view. Measured with `pnpm rollcall variety
 * ../shared/faces/<set>` (docs/accuracy.md, "Enrolment variety"): a near-copy of one photo (a
 * second camera frame: 2-4 px shift, 3% zoom, sensor noise) embeds at 0.9916-0.9964 (1st
 * percentile on orl, twd, yale), two different photos of a person at a median of 0.948-0.984.
 */
export const NEAR_COPY = 0.99;

/** Distinct views: each embedding counts unless it is a near-copy of one already counted. */
export function distinctViews(vectors: readonly ArrayLike<number>[], nearCopy = NEAR_COPY): number {
  const kept: ArrayLike<number>[] = [];
  for (const v of vectors) if (!kept.some((k) => dot(k, v) >= nearCopy)) kept.push(v);
  return kept.length;
}

export type StrengthLevel = 'none' | 'weak' | 'fair' | 'good';

export interface EnrolmentStrength {
  level: StrengthLevel;
  /** Embeddings rated (the page passes enrolment photos only, not learned sightings). */
  photos: number;
  /** Of them, different views (near-copies counted once). */
  views: number;
  /** What to do next, in plain words; null when nothing is needed. */
  advice: string | null;
}

/** Three different views is what enrolment asks for (the quality gates' "add N more angles"). */
export const GOOD_VIEWS = 3;

export function enrolmentStrength(vectors: readonly ArrayLike<number>[]): EnrolmentStrength {
  const photos = vectors.length;
  const views = distinctViews(vectors);
  if (photos === 0) return { level: 'none', photos, views, advice: 'Add three photos of the face, from different days or angles.' };
  const level: StrengthLevel = views >= GOOD_VIEWS ? 'good' : views === 2 ? 'fair' : 'weak';
  if (level === 'good') return { level, photos, views, advice: null };
  const more = GOOD_VIEWS - views;
  const alike = photos > views ? `${photos - views} of the ${photos} photos look the same as another. ` : '';
  return { level, photos, views, advice: `${alike}Add ${more} photo${more === 1 ? '' : 's'} from another day or angle.` };
}
