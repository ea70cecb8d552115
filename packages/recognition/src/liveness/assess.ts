// The verdict on a track: live, a presentation (a photo or a screen), or not yet known, with
// the reasons in words a teacher can act on.
import { measureTrack, type LivenessSample, type TrackEvidence } from './evidence.ts';
import { limitsAt, type LivenessParams } from './params.ts';
import { reasonText } from './reasons.ts';

export type LivenessVerdict =
  /** `doubt`: live by motion while the texture was unsure, under the 'flag' choice: the mark carries it. */
  | { kind: 'live'; reasons: string[]; doubt?: string }
  /** Never marks; the core sends it to review as 'presentation'. */
  | { kind: 'presentation'; reasons: string[] }
  /** Wait for more frames; after the core's patience, review as 'liveness'. */
  | { kind: 'undecided'; reasons: string[] };

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

/** What the presentation-attack model says of the track: a screen or print, skin, unsure, or nothing (no scores yet, or the model is off). */
export type TextureReading = 'screen' | 'skin' | 'unsure' | 'none';

export function readTexture(
  ev: Pick<TrackEvidence, 'pad' | 'padFrames'>,
  p: Pick<LivenessParams, 'padAttackBelow' | 'padLiveFrom' | 'minPadFrames'>,
): TextureReading {
  if (p.padAttackBelow <= 0 || ev.padFrames < p.minPadFrames || !Number.isFinite(ev.pad)) return 'none';
  if (ev.pad < p.padAttackBelow) return 'screen';
  return ev.pad >= p.padLiveFrom ? 'skin' : 'unsure';
}

const textureValues = (ev: TrackEvidence) => ({ score: ev.pad.toFixed(2), frames: ev.padFrames });

export function judge(ev: TrackEvidence, base: LivenessParams): LivenessVerdict {
  // The limits for this face's size: the mesh's noise in face units grows as the face shrinks.
  const p = limitsAt(base, ev.width);
  if (p.minAntispoof > 0 && ev.antispoof < p.minAntispoof) {
    return { kind: 'presentation', reasons: [reasonText('antispoof-print', { score: ev.antispoof.toFixed(2) }, 'looks-like')] };
  }
  // Texture first: a replayed video moves like a head, but its pixels are a screen's.
  const texture = readTexture(ev, p);
  if (texture === 'screen') return { kind: 'presentation', reasons: [reasonText('texture-screen', textureValues(ev), 'looks-like')] };
  if (ev.frames < p.minFrames) {
    const why = ev.small > ev.frames ? reasonText('too-small', { px: p.minFacePx }) : reasonText('watching', { frames: ev.frames, needed: p.minFrames });
    return { kind: 'undecided', reasons: [why] };
  }
  const { live, planar } = classifyPairs(ev, p);
  const blinked = ev.eyeDrop < p.blinkRatio;
  // More than the share, not as much: a tie between head-like and flat pairs is no evidence of life
  // (a soft, enlarged phone photo judged on 6 frames at 2 fps had 3 of each).
  const headLike = live >= p.minLivePairs && live > p.minLiveShare * (live + planar);
  const flat = !headLike && planar >= p.minPlanarPairs;
  const motion = { blinked, headLike, flat };
  if (texture === 'skin') return judgeSkin(ev, p, motion);
  if (texture === 'unsure') return judgeUnsure(ev, p);
  return judgeMotion(ev, p, motion);
}

/**
 * The texture is neither skin nor a screen: a recaptured screen the model half believes, or a real
 * face through a poor camera or a broadcast copy. The mesh cannot settle it (a replayed video of a
 * head moves like a head), so the school chooses: ask the teacher, or mark and flag the mark.
 * A frozen face is never marked either way.
 */
function judgeUnsure(ev: TrackEvidence, p: LivenessParams): LivenessVerdict {
  if (ev.maxMoved < p.frozenLimit) return { kind: 'undecided', reasons: [reasonText('frozen')] };
  const doubt = reasonText('texture-unclear', textureValues(ev), 'may-be');
  return p.unsureTexture === 'flag' ? { kind: 'live', reasons: [reasonText('moves')], doubt } : { kind: 'presentation', reasons: [doubt] };
}

/** The motion rules alone: the verdict without a texture score, and where the texture is unsure. */
function judgeMotion(
  ev: TrackEvidence,
  p: LivenessParams,
  { blinked, headLike, flat }: { blinked: boolean; headLike: boolean; flat: boolean },
): LivenessVerdict {
  if (p.requireBlink) {
    if (flat) return { kind: 'presentation', reasons: [reasonText('not-head-like', {}, 'looks-like')] };
    if (blinked) return { kind: 'live', reasons: [reasonText('blinked')] };
    if (ev.maxMoved < p.stillLimit && ev.spanMs >= p.stillMs) return { kind: 'presentation', reasons: [reasonText('still', {}, 'looks-like')] };
    return { kind: 'undecided', reasons: [reasonText('awaiting-blink')] };
  }
  if (headLike) return { kind: 'live', reasons: [reasonText(blinked ? 'head-and-blink' : 'head')] };
  // A picture cannot blink, but a mesh on a blurred picture can mis-read its eyes: when the
  // geometry says flat, the geometry wins.
  if (flat) return { kind: 'presentation', reasons: [reasonText('not-head-like', {}, 'looks-like')] };
  if (blinked) return { kind: 'live', reasons: [reasonText('blinked')] };
  if (ev.maxMoved < p.stillLimit) {
    if (ev.spanMs >= p.stillMs) return { kind: 'presentation', reasons: [reasonText('still', {}, 'looks-like')] };
    return { kind: 'undecided', reasons: [reasonText('not-moved-yet')] };
  }
  return { kind: 'undecided', reasons: [reasonText('not-enough-motion')] };
}

/**
 * The texture vouches for skin: motion only has to show the face is not frozen (the same picture
 * frame after frame). Real footage refuted the rest for this case: people who sit still move less
 * than a photo on a stand with sensor noise, most of their small movements fit a plane as well as
 * a hand-held picture's do, and at a camera's 5 frames a second a blink is rarely caught. So a
 * still face is never called a picture here, and a planar one is not vetoed: both only wait while
 * they are frozen.
 */
function judgeSkin(ev: TrackEvidence, p: LivenessParams, m: { blinked: boolean; headLike: boolean; flat: boolean }): LivenessVerdict {
  if (m.blinked) return { kind: 'live', reasons: [reasonText('skin-blinked', textureValues(ev))] };
  if (p.requireBlink) return { kind: 'undecided', reasons: [reasonText('awaiting-blink')] };
  if (ev.maxMoved < p.frozenLimit) return { kind: 'undecided', reasons: [reasonText('frozen')] };
  return { kind: 'live', reasons: [reasonText(m.headLike ? 'skin-head' : 'skin-moves', textureValues(ev))] };
}

/** The seam the recognition core calls on every frame of a track. */
export function assessLiveness(samples: readonly LivenessSample[], p: LivenessParams): LivenessVerdict {
  return judge(measureTrack(samples, p), p);
}
