import { describe, expect, it } from 'vitest';
import {
  judgeFrame,
  keptPhotos,
  missingSlots,
  nextStep,
  offerFrame,
  retake,
  setGlassesOff,
  setWearsGlasses,
  slotFor,
  startGuide,
  type GuideFrame,
  type GuideState,
} from './pose-guide.ts';

const frame = (yaw: number, pitch: number, sharpness: number, photo: string, reasons: GuideFrame<string>['reasons'] = []): GuideFrame<string> => ({
  pose: { yaw, pitch },
  sharpness,
  reasons,
  photo,
});

function feed(state: GuideState<string>, ...frames: GuideFrame<string>[]): GuideState<string> {
  return frames.reduce((s, f) => offerFrame(s, f).state, state);
}

describe('slotFor', () => {
  it('sorts poses into the five slots and leaves the in-between unassigned', () => {
    expect(slotFor({ yaw: 2, pitch: -3 })).toBe('straight');
    expect(slotFor({ yaw: -18, pitch: 4 })).toBe('left');
    expect(slotFor({ yaw: 20, pitch: -6 })).toBe('right');
    expect(slotFor({ yaw: 3, pitch: -12 })).toBe('up');
    expect(slotFor({ yaw: -4, pitch: 11 })).toBe('down');
    expect(slotFor({ yaw: 10, pitch: 0 })).toBeNull(); // between straight and right
    expect(slotFor({ yaw: 18, pitch: 14 })).toBeNull(); // turned and nodding at once
    expect(slotFor({ yaw: Number.NaN, pitch: 0 })).toBeNull();
  });

  it("means the student's own left: Human's negative yaw on the camera's unmirrored frame", () => {
    // bbt sheldon_1 (nose to the image's right, i.e. the person's own left) reads yaw -42.
    expect(slotFor({ yaw: -20, pitch: 0 })).toBe('left');
    // A frame that was itself flipped shows the same turn as positive yaw.
    expect(slotFor({ yaw: 20, pitch: 0 }, undefined, true)).toBe('left');
    expect(slotFor({ yaw: -20, pitch: 0 }, undefined, true)).toBe('right');
  });
});

describe('offerFrame', () => {
  it('keeps the sharpest accepted frame per slot', () => {
    let s = feed(startGuide<string>(), frame(1, 1, 5, 'a'), frame(-2, 3, 9, 'b'), frame(0, 0, 7, 'c'));
    expect(s.kept.straight?.photo).toBe('b');
    const offered = offerFrame(s, frame(0, 0, 9, 'same'));
    expect(offered.kept).toBeNull(); // not sharper: the first stays
    s = offered.state;
    expect(s.kept.straight?.photo).toBe('b');
    expect(offerFrame(s, frame(-20, 0, 3, 'l')).kept).toBe('left');
  });

  it('ignores frames the gates refused, however sharp', () => {
    const s = feed(startGuide<string>(), frame(0, 0, 4, 'ok'), frame(0, 0, 50, 'two-faces', ['multiple-faces']), frame(0, 0, Number.NaN, 'nan'));
    expect(s.kept.straight?.photo).toBe('ok');
    expect(offerFrame(startGuide<string>(), frame(-20, 0, 40, 'x', ['too-dark'])).kept).toBeNull();
  });
});

describe('missing slots and the next instruction', () => {
  it('asks for each missing pose in order, then says it is done', () => {
    let s = startGuide<string>();
    expect(missingSlots(s)).toEqual(['straight', 'left', 'right', 'up', 'down']);
    expect(nextStep(s).text).toBe('Look straight at the camera.');
    s = feed(s, frame(0, 0, 5, 's'), frame(20, 0, 5, 'r'));
    expect(missingSlots(s)).toEqual(['left', 'up', 'down']);
    expect(nextStep(s)).toMatchObject({ slot: 'left', text: 'Turn your head a little to your left.' });
    s = feed(s, frame(-15, 0, 5, 'l'), frame(0, -10, 5, 'u'));
    expect(nextStep(s).text).toBe('Tilt your head a little down.');
    s = feed(s, frame(0, 10, 5, 'd'));
    expect(missingSlots(s)).toEqual([]);
    expect(nextStep(s).slot).toBeNull();
    expect(keptPhotos(s).map((k) => k.photo)).toEqual(['s', 'l', 'r', 'u', 'd']);
  });

  it('retake empties a slot and asks for that pose again', () => {
    let s = feed(startGuide<string>(), frame(0, 0, 5, 's'), frame(-15, 0, 5, 'l'), frame(15, 0, 5, 'r'), frame(0, -10, 5, 'u'), frame(0, 10, 5, 'd'));
    s = retake(s, 'right');
    expect(missingSlots(s)).toEqual(['right']);
    expect(nextStep(s).slot).toBe('right');
    expect(feed(s, frame(15, 0, 1, 'r2')).kept.right?.photo).toBe('r2'); // a blurrier frame than the old one is fine after a retake
  });
});

describe('glasses', () => {
  const allPoses = (s: GuideState<string>) =>
    feed(s, frame(0, 0, 5, 's'), frame(-15, 0, 5, 'l'), frame(15, 0, 5, 'r'), frame(0, -10, 5, 'u'), frame(0, 10, 5, 'd'));

  it('asks for one more straight photo without glasses, filled only once they are off', () => {
    let s = allPoses(setWearsGlasses(startGuide<string>(), true));
    expect(missingSlots(s)).toEqual(['no-glasses']);
    expect(nextStep(s)).toMatchObject({ slot: 'no-glasses', needsGlassesOff: true });
    s = feed(s, frame(0, 0, 99, 'still-wearing'));
    expect(s.kept['no-glasses']).toBeUndefined();
    expect(s.kept.straight?.photo).toBe('still-wearing');
    s = setGlassesOff(s, true);
    expect(nextStep(s).text).toBe('Look straight at the camera without your glasses.');
    s = feed(s, frame(-15, 0, 99, 'turned'), frame(1, 1, 3, 'bare'));
    expect(s.kept.left?.photo).toBe('l'); // turned frames without glasses go nowhere
    expect(s.kept['no-glasses']?.photo).toBe('bare');
    expect(nextStep(s).slot).toBeNull();
  });

  it('does not take the glasses off before the five poses are in, and puts them back on for a retake', () => {
    let s = setGlassesOff(setWearsGlasses(startGuide<string>(), true), true);
    expect(s.glassesOff).toBe(false);
    s = setGlassesOff(allPoses(s), true);
    expect(s.glassesOff).toBe(true);
    s = retake(s, 'up');
    expect(s.glassesOff).toBe(false);
    expect(nextStep(s)).toMatchObject({ slot: 'up', text: 'Put your glasses back on. Tilt your head a little up.' });
    // Glasses perhaps still off: a sharper straight frame must not replace the kept (glasses-on) one.
    const straight = s.kept.straight?.photo;
    s = feed(s, frame(0, 0, 999, 'bare-straight'));
    expect(s.kept.straight?.photo).toBe(straight);
    s = feed(s, frame(0, -10, 5, 'u2'));
    expect(s.kept.up?.photo).toBe('u2');
    expect(nextStep(s)).toMatchObject({ slot: 'no-glasses', needsGlassesOff: true });
  });

  it('without glasses there is no sixth slot', () => {
    const s = allPoses(startGuide<string>());
    expect(missingSlots(s)).toEqual([]);
    expect(nextStep(setGlassesOff(s, true)).slot).toBeNull();
  });
});

describe('judgeFrame', () => {
  const face = { size: 200, detectionScore: 0.9, sharpness: 6, brightness: 120, pose: { yaw: -15, pitch: 2 }, antispoof: 0.9, liveness: 0.8 };

  it("takes the gates' verdict and the one face's pose and sharpness", () => {
    expect(judgeFrame([face], 'p')).toEqual({ pose: face.pose, sharpness: 6, reasons: [], photo: 'p' });
    expect(judgeFrame([{ ...face, sharpness: 0.5 }], 'p').reasons).toEqual(['too-blurry']);
  });

  it('refuses a frame with no face or two faces', () => {
    expect(judgeFrame([], 'p').reasons).toEqual(['no-face']);
    const two = judgeFrame([face, face], 'p');
    expect(two.reasons).toEqual(['multiple-faces']);
    expect(offerFrame(startGuide<string>(), two).kept).toBeNull();
  });
});
