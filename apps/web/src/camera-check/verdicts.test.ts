// The camera check's verdicts: each reading in words, judged by the core's own limits, the face's
// track liveness as the session judged it, and one summary line that is "Ready" only when nothing
// needs fixing, so a picture Take attendance would hold for review is never "Ready".
import { describe, expect, it } from 'vitest';
import type { LivenessVerdict } from '@rollcall/recognition';
import { liveVerdict, summary, verdicts, type LiveReading, type ReadingInput } from './verdicts.ts';

const good: ReadingInput = { size: 120, sharpness: 5, brightness: 120, yaw: 5, pitch: -3 };
const live: LivenessVerdict = { kind: 'live', reasons: ['the head turned'] };
const text = (r: ReadingInput, l: LiveReading = live) => verdicts(r, l).map((v) => `${v.topic}: ${v.text}`);

describe('camera check verdicts', () => {
  it('says good for a well-lit, close, sharp, frontal face that moves like a live person', () => {
    expect(text(good)).toEqual(['Light: good', 'Face size: good', 'Focus: good', 'Facing the camera: good', 'Looks like a live person: it would be marked']);
    expect(summary([verdicts(good, live)])).toMatch(/^Ready/);
  });

  it('names what to fix, in words', () => {
    expect(text({ ...good, size: 30 })).toContain('Face too small: move closer to the camera');
    expect(text({ ...good, size: 60 })).toContain('Face small: move a little closer');
    expect(text({ ...good, brightness: 20 })).toContain('Too dark: add light in front of the faces');
    expect(text({ ...good, brightness: 240 })[0]).toMatch(/^Too bright/);
    expect(text({ ...good, sharpness: 0.1 })).toContain('Blurry: hold still, or clean the lens');
    expect(text({ ...good, yaw: -40 })).toContain('Turned away: look towards the camera');
    expect(summary([verdicts(good, live), verdicts({ ...good, brightness: 20 }, live)])).toBe('Too dark: add light in front of the faces.');
    expect(summary([])).toMatch(/No face/);
  });
});

describe('the track liveness verdict', () => {
  it('a face judged a photo or a screen would wait in Needs review, and is not "Ready"', () => {
    const photo: LivenessVerdict = { kind: 'presentation', reasons: ['looks like a photo or a screen: the face moved as a flat picture'] };
    expect(liveVerdict(photo)).toEqual({ topic: 'May be a photo or a screen', ok: false, text: 'it would wait in Needs review' });
    expect(summary([verdicts(good, photo)])).toBe('May be a photo or a screen: it would wait in Needs review.');
    // Light comes first: a dark room is what to fix before liveness.
    expect(summary([verdicts({ ...good, brightness: 20 }, photo)])).toMatch(/^Too dark/);
  });

  it('a face that has not moved is not yet live: it says why, and is not "Ready"', () => {
    const still: LivenessVerdict = { kind: 'undecided', reasons: ['the face has not moved at all'] };
    expect(liveVerdict(still)).toEqual({
      topic: 'Not yet seen to be live',
      ok: false,
      text: 'the face has not moved at all; a face that stays like this would wait in Needs review',
    });
    expect(summary([verdicts(good, still)])).not.toMatch(/^Ready/);
    expect(liveVerdict(null).ok).toBe(false);
  });

  it('a face marked in doubt (the school chose to flag an unclear texture) says so, and is not "Ready"', () => {
    const doubt: LivenessVerdict = { kind: 'live', reasons: ['the face moves'], doubt: 'may be a photo or a screen: the texture is unclear' };
    expect(liveVerdict(doubt)).toEqual({ topic: 'May be a photo or a screen', ok: false, text: 'it would be marked with a flag' });
    expect(summary([verdicts(good, live), verdicts(good, doubt)])).not.toMatch(/^Ready/);
  });

  it('with the liveness check off in Settings, liveness does not hold up "Ready"', () => {
    expect(liveVerdict('off')).toEqual({ topic: 'Live person', ok: true, text: 'not checked (the liveness check is off)' });
    expect(summary([verdicts(good, 'off')])).toMatch(/^Ready/);
  });
});
