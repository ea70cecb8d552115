// The camera check's verdicts: each reading in words, judged by the core's own limits (the texture's
// from DEFAULT_LIVENESS), and one summary line that is "Ready" only when nothing needs fixing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS } from '@rollcall/recognition';
import { summary, textureVerdict, verdicts, type ReadingInput } from './verdicts.ts';

const good: ReadingInput = { size: 120, sharpness: 5, brightness: 120, yaw: 5, pitch: -3, pad: DEFAULT_LIVENESS.padLiveFrom };
const text = (r: ReadingInput) => verdicts(r).map((v) => `${v.topic}: ${v.text}`);

describe('camera check verdicts', () => {
  it('says good for a well-lit, close, sharp, frontal face with live skin', () => {
    expect(text(good)).toEqual(['Light: good', 'Face size: good', 'Focus: good', 'Facing the camera: good', 'Skin: looks like a live face']);
    expect(summary([verdicts(good)])).toMatch(/^Ready/);
  });

  it('names what to fix, in words', () => {
    expect(text({ ...good, size: 30 })).toContain('Face too small: move closer to the camera');
    expect(text({ ...good, size: 60 })).toContain('Face small: move a little closer');
    expect(text({ ...good, brightness: 20 })).toContain('Too dark: add light in front of the faces');
    expect(text({ ...good, brightness: 240 })[0]).toMatch(/^Too bright/);
    expect(text({ ...good, sharpness: 0.1 })).toContain('Blurry: hold still, or clean the lens');
    expect(text({ ...good, yaw: -40 })).toContain('Turned away: look towards the camera');
    expect(summary([verdicts(good), verdicts({ ...good, brightness: 20 })])).toBe('Too dark: add light in front of the faces.');
    expect(summary([])).toMatch(/No face/);
  });
});

describe('the texture reading', () => {
  const { padAttackBelow, padLiveFrom } = DEFAULT_LIVENESS;
  const below = (x: number) => x - 1e-6;

  it('is not "Ready" for a texture Take attendance would refuse: a screen or a print is never marked', () => {
    const screen = { ...good, pad: below(padAttackBelow) };
    expect(text(screen)).toContain('May be a screen or a print: a face like this is never marked');
    expect(summary([verdicts(screen)])).toBe('May be a screen or a print: a face like this is never marked.');
    // Light comes first: a dark room is what to fix before the texture.
    expect(summary([verdicts({ ...screen, brightness: 20 })])).toMatch(/^Too dark/);
  });

  it('between the limits the face is unclear, and says what the school chose to do with it', () => {
    for (const pad of [padAttackBelow, below(padLiveFrom)]) {
      expect(textureVerdict(pad, DEFAULT_LIVENESS)).toEqual({
        topic: 'Skin unclear',
        ok: false,
        text: 'may be a photo or a screen, so it would wait in Needs review',
      });
      expect(textureVerdict(pad, { ...DEFAULT_LIVENESS, unsureTexture: 'flag' }).text).toBe('may be a photo or a screen, so it would be marked with a flag');
    }
    expect(summary([verdicts({ ...good, pad: padAttackBelow })])).not.toMatch(/^Ready/);
  });

  it('from padLiveFrom the skin looks live; the limits are the ones passed (the settings), not copies', () => {
    expect(textureVerdict(padLiveFrom, DEFAULT_LIVENESS)).toEqual({ topic: 'Skin', ok: true, text: 'looks like a live face' });
    const stricter = { ...DEFAULT_LIVENESS, padLiveFrom: 0.95 };
    expect(textureVerdict(0.9, stricter).ok).toBe(false);
  });

  it('a score not measured, or a liveness check turned off, does not hold up "Ready"', () => {
    expect(textureVerdict(Number.NaN, DEFAULT_LIVENESS)).toEqual({ topic: 'Skin', ok: true, text: 'not measured' });
    expect(summary([verdicts({ ...good, pad: Number.NaN })])).toMatch(/^Ready/);
    // Liveness off in Settings: Take attendance ignores the texture, so the check does too.
    const off = verdicts({ ...good, pad: 0.1 }, { texture: null });
    expect(off.at(-1)).toEqual({ topic: 'Skin', ok: true, text: 'not checked (the liveness check is off)' });
    expect(summary([off])).toMatch(/^Ready/);
    expect(textureVerdict(0.1, { ...DEFAULT_LIVENESS, padAttackBelow: 0 }).ok).toBe(true);
  });
});
