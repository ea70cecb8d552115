// The verdict on a track: live, a presentation (a photo or a screen), or not yet known, with
// the reasons in words a teacher can act on.
import { measureTrack, type LivenessSample, type TrackEvidence } from './evidence.ts';
import { limitsAt, type LivenessParams } from './params.ts';

export type LivenessVerdict =
  | { kind: 'live'; reasons: string[] }
  /** Never marks; the core sends it to review as 'presentation'. */
  | { kind: 'presentation'; reasons: string[] }
  /** Wait for more frames; after the core's patience, review as 'liveness'. */
  | { kind: 'undecided'; reasons: string[] };

const PHOTO = 'looks like a photo or a screen';

/** Counts of pair kinds under the limits. */
export function classifyPairs(ev: TrackEvidence, p: LivenessParams): { live: number; planar: number } {
  let live = 0;
  let planar = 0;
  // Pixels count only on a track that moved at all: between frames of a picture on a stand only
  // sensor noise differs, and on a small face in a dim room noise could pass for changed detail.
  // Not per pair: two photos of a person in the same pose, lit or smiling differently, barely move.
  const moving = ev.maxMoved > p.stillLimit;
  for (const q of ev.pairs) {
    const noise = p.motionNoise * q.moved;
    const changed = moving && q.texture > p.textureLimit;
    if (q.nonPlanar > p.nonPlanarLimit + noise || q.expression > p.expressionLimit + noise || changed) live++;
    else if ((q.moved > p.motionLimit || q.warp > p.warpLimit) && q.nonPlanar <= p.planarLimit + noise) planar++;
  }
  return { live, planar };
}

export function judge(ev: TrackEvidence, base: LivenessParams): LivenessVerdict {
  // The limits for this face's size: the mesh's noise in face units grows as the face shrinks.
  const p = limitsAt(base, ev.width);
  if (p.minAntispoof > 0 && ev.antispoof < p.minAntispoof) {
    return { kind: 'presentation', reasons: [`${PHOTO}: the skin texture reads as printed or on a screen (antispoof ${ev.antispoof.toFixed(2)})`] };
  }
  if (ev.frames < p.minFrames) {
    const why = ev.small > ev.frames ? `the face is too small to judge (under ${p.minFacePx} px)` : `watching the face (${ev.frames} of ${p.minFrames} frames)`;
    return { kind: 'undecided', reasons: [why] };
  }
  const { live, planar } = classifyPairs(ev, p);
  const blinked = ev.eyeDrop < p.blinkRatio;
  // More than the share, not as much: a tie between head-like and flat pairs is no evidence of life
  // (a soft, enlarged phone photo judged on 6 frames at 2 fps had 3 of each).
  const headLike = live >= p.minLivePairs && live > p.minLiveShare * (live + planar);
  const flat = !headLike && planar >= p.minPlanarPairs;
  if (p.requireBlink) {
    if (flat) return { kind: 'presentation', reasons: [`${PHOTO}: the face did not move like a head`] };
    if (blinked) return { kind: 'live', reasons: ['the eyes blinked'] };
    if (ev.maxMoved < p.stillLimit && ev.spanMs >= p.stillMs) return { kind: 'presentation', reasons: [`${PHOTO}: the face did not move at all`] };
    return { kind: 'undecided', reasons: ['waiting for a blink (this school requires one)'] };
  }
  if (headLike) return { kind: 'live', reasons: [blinked ? 'the face moved like a head and the eyes blinked' : 'the face moved like a head'] };
  // A picture cannot blink, but a mesh on a blurred picture can mis-read its eyes: when the
  // geometry says flat, the geometry wins.
  if (flat) return { kind: 'presentation', reasons: [`${PHOTO}: the face did not move like a head`] };
  if (blinked) return { kind: 'live', reasons: ['the eyes blinked'] };
  if (ev.maxMoved < p.stillLimit) {
    if (ev.spanMs >= p.stillMs) return { kind: 'presentation', reasons: [`${PHOTO}: the face did not move at all`] };
    return { kind: 'undecided', reasons: ['the face has not moved yet'] };
  }
  return { kind: 'undecided', reasons: ['the face has not moved enough to tell a head from a picture'] };
}

/** The seam the recognition core calls on every frame of a track. */
export function assessLiveness(samples: readonly LivenessSample[], p: LivenessParams): LivenessVerdict {
  return judge(measureTrack(samples, p), p);
}
