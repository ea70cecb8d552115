// Guided camera enrolment, without React: sorts analysed camera frames into five head poses, keeps
// the sharpest frame that passed the quality gates for each, and says which pose to ask for next.
//
// Sign conventions, read off real photos in ../shared/faces with the Node engine (Human 3.3.6):
// - yaw > 0: the nose points to the image's LEFT, i.e. the person turned to THEIR OWN RIGHT
//   (bbt sheldon_8 +38, raj_7 +39, lennard_6 +35; sheldon_1 -42 and raj_9 -35 face the image's right).
// - pitch > 0: looking down (lennard_10 +13.6, sheldon_19 +13.6, twd rick3 +11.0); pitch < 0: chin
//   up (bbt stuart_7 -13.2, howard_1 -12.7).
// Human reads both angles low: the strongest nods in the set measure only 11-14 degrees, and a
// ~60 degree profile reads ~38 (config.ts), so the turned slots start at 12 (yaw) and 9 (pitch),
// a small but deliberate movement for a student at a laptop. Their outer limit is the quality
// gates' (25), since a frame past it is refused anyway.
//
// Mirror: frames are analysed as the camera delivers them (the preview is mirrored with CSS only),
// so "left" is the student's own left, which is also the side their reflection turns to on screen.
import { DEFAULT_GATES, photoReasons, type GateInput, type QualityGates, type QualityReason } from '@rollcall/face';
import { t } from '../core/i18n.ts';

export type PoseSlot = 'straight' | 'left' | 'right' | 'up' | 'down';
/** The order the guide asks for them. */
export const POSE_SLOTS: readonly PoseSlot[] = ['straight', 'left', 'right', 'up', 'down'];

/** Inclusive ranges in degrees, in Human's convention on an unmirrored frame (see above). */
export interface PoseRange {
  yaw: readonly [number, number];
  pitch: readonly [number, number];
}

const MAX_YAW = DEFAULT_GATES.maxYaw;
const MAX_PITCH = DEFAULT_GATES.maxPitch;

export const DEFAULT_POSE_RANGES: Readonly<Record<PoseSlot, PoseRange>> = {
  straight: { yaw: [-8, 8], pitch: [-8, 8] },
  // The student's own left: the nose turns to the image's right, which Human reads as negative yaw.
  left: { yaw: [-MAX_YAW, -12], pitch: [-12, 12] },
  right: { yaw: [12, MAX_YAW], pitch: [-12, 12] },
  up: { yaw: [-10, 10], pitch: [-MAX_PITCH, -9] },
  down: { yaw: [-10, 10], pitch: [9, MAX_PITCH] },
};

/** A pose's name on its slot, in the reader's language. */
export function poseLabel(slot: PoseSlot | 'no-glasses'): string {
  return t(
    { id: 'students.pose.label', defaultMessage: '{slot, select, straight {Straight} left {Left} right {Right} up {Up} down {Down} other {Without glasses}}' },
    { slot: slot === 'no-glasses' ? 'noGlasses' : slot },
  );
}

/** What to do for a pose, said to the student at the camera; after the glasses photo, glasses go back on first. */
function ask(pose: PoseSlot, glassesBackOn: boolean | undefined): string {
  return t(
    {
      id: 'students.pose.ask',
      defaultMessage:
        '{glasses, select, backOn {Put your glasses back on. } other {}}{pose, select, straight {Look straight at the camera.} left {Turn your head a little to your left.} right {Turn your head a little to your right.} up {Tilt your head a little up.} other {Tilt your head a little down.}}',
    },
    { pose, glasses: glassesBackOn ? 'backOn' : 'on' },
  );
}

/** One analysed camera frame with one face (or none); `photo` is whatever the page keeps (a JPEG). */
export interface GuideFrame<P> {
  pose: { yaw: number; pitch: number };
  sharpness: number;
  /** The quality gates' verdict on the frame: empty when it could be enrolled. */
  reasons: readonly QualityReason[];
  photo: P;
}

/** A camera frame's faces as the guide sees them: the gates' verdict, and the one face's pose and sharpness. */
export function judgeFrame<P>(faces: readonly GateInput[], photo: P, gates: QualityGates = DEFAULT_GATES): GuideFrame<P> {
  const face = faces.length === 1 ? faces[0]! : null;
  return {
    pose: face ? face.pose : { yaw: Number.NaN, pitch: Number.NaN },
    sharpness: face?.sharpness ?? Number.NaN,
    reasons: photoReasons(faces, gates),
    photo,
  };
}

export interface KeptFrame<P> {
  photo: P;
  sharpness: number;
  pose: { yaw: number; pitch: number };
}

export type GuideSlot = PoseSlot | 'no-glasses';

export interface GuideState<P> {
  kept: Partial<Record<GuideSlot, KeptFrame<P>>>;
  /** The student wears glasses: one more straight photo without them is asked for. */
  wearsGlasses: boolean;
  /** The student said the glasses are off: straight frames now fill 'no-glasses' only. */
  glassesOff: boolean;
  /** A pose was retaken after the glasses came off: ask for them back on first. */
  glassesBackOn?: boolean;
}

export function startGuide<P>(wearsGlasses = false): GuideState<P> {
  return { kept: {}, wearsGlasses, glassesOff: false };
}

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/**
 * Which pose a face is in, or null between poses. `mirrored` is for a frame that was itself
 * flipped (not just its preview): then the student's left shows as positive yaw.
 */
export function slotFor(pose: { yaw: number; pitch: number }, ranges = DEFAULT_POSE_RANGES, mirrored = false): PoseSlot | null {
  const yaw = mirrored ? -pose.yaw : pose.yaw;
  if (!Number.isFinite(yaw) || !Number.isFinite(pose.pitch)) return null;
  return POSE_SLOTS.find((s) => within(yaw, ranges[s].yaw) && within(pose.pitch, ranges[s].pitch)) ?? null;
}

/** Where a frame goes in this state: its pose slot, or 'no-glasses' for a straight frame once the glasses are off. */
export function targetSlot<P>(state: GuideState<P>, pose: GuideFrame<P>['pose'], ranges = DEFAULT_POSE_RANGES, mirrored = false): GuideSlot | null {
  const slot = slotFor(pose, ranges, mirrored);
  if (state.glassesOff) return slot === 'straight' ? 'no-glasses' : null;
  return slot;
}

export interface Offered<P> {
  state: GuideState<P>;
  /** The slot the frame was kept in; null when it was refused, between poses, or not sharper. */
  kept: GuideSlot | null;
}

/** Offers one frame: kept when it passed the gates, sits in a pose, and is sharper than that pose's frame so far. */
export function offerFrame<P>(state: GuideState<P>, frame: GuideFrame<P>, ranges = DEFAULT_POSE_RANGES, mirrored = false): Offered<P> {
  if (frame.reasons.length > 0 || !Number.isFinite(frame.sharpness)) return { state, kept: null };
  const slot = targetSlot(state, frame.pose, ranges, mirrored);
  if (!slot) return { state, kept: null };
  const current = state.kept[slot];
  if (current && current.sharpness >= frame.sharpness) return { state, kept: null };
  // After a retake that followed the glasses step the student may still have them off: the
  // poses already kept (glasses on) are frozen, only the missing ones fill.
  if (current && state.glassesBackOn) return { state, kept: null };
  const kept = { ...state.kept, [slot]: { photo: frame.photo, sharpness: frame.sharpness, pose: frame.pose } };
  return { state: { ...state, kept, glassesBackOn: slot === 'no-glasses' && state.glassesBackOn }, kept: slot };
}

/** Empties one slot so the guide asks for that pose again. */
export function retake<P>(state: GuideState<P>, slot: GuideSlot): GuideState<P> {
  const kept = { ...state.kept };
  delete kept[slot];
  if (slot === 'no-glasses') return { ...state, kept };
  // A pose retaken after the glasses came off is taken with them on again.
  return { ...state, kept, glassesOff: false, glassesBackOn: state.glassesOff || state.glassesBackOn };
}

export function setWearsGlasses<P>(state: GuideState<P>, wearsGlasses: boolean): GuideState<P> {
  const kept = { ...state.kept };
  if (!wearsGlasses) delete kept['no-glasses'];
  return { ...state, kept, wearsGlasses, glassesOff: wearsGlasses && state.glassesOff };
}

/** The glasses come off only once the five poses are in, so every pose is taken as the student usually looks. */
export function setGlassesOff<P>(state: GuideState<P>, glassesOff: boolean): GuideState<P> {
  const posesDone = POSE_SLOTS.every((s) => state.kept[s]);
  return { ...state, glassesOff: state.wearsGlasses && posesDone && glassesOff };
}

/** The slots this guide shows, in order: the five poses, and 'no-glasses' when the student wears glasses. */
export function guideSlots<P>(state: GuideState<P>): GuideSlot[] {
  return state.wearsGlasses ? [...POSE_SLOTS, 'no-glasses'] : [...POSE_SLOTS];
}

export function missingSlots<P>(state: GuideState<P>): GuideSlot[] {
  return guideSlots(state).filter((s) => !state.kept[s]);
}

/** What the page asks for next: the first missing pose, then the glasses step, then done. */
export function nextStep<P>(state: GuideState<P>): { slot: GuideSlot | null; text: string; needsGlassesOff: boolean } {
  const missing = missingSlots(state);
  const pose = missing.find((s): s is PoseSlot => s !== 'no-glasses');
  if (pose) return { slot: pose, text: ask(pose, state.glassesBackOn), needsGlassesOff: false };
  if (missing.includes('no-glasses')) {
    return state.glassesOff
      ? {
          slot: 'no-glasses',
          text: t({ id: 'students.pose.noGlasses', defaultMessage: 'Look straight at the camera without your glasses.' }),
          needsGlassesOff: false,
        }
      : {
          slot: 'no-glasses',
          text: t({ id: 'students.pose.glassesOff', defaultMessage: 'If you wear glasses, take them off for one more straight photo.' }),
          needsGlassesOff: true,
        };
  }
  return { slot: null, text: t({ id: 'students.pose.done', defaultMessage: 'All poses are done. Check the photos, then use them.' }), needsGlassesOff: false };
}

/** The kept photos in slot order, for the enrolment flow. */
export function keptPhotos<P>(state: GuideState<P>): { slot: GuideSlot; photo: P }[] {
  return guideSlots(state).flatMap((slot) => {
    const k = state.kept[slot];
    return k ? [{ slot, photo: k.photo }] : [];
  });
}
