import { describe, expect, it } from 'vitest';
import { summary, verdicts } from './verdicts.ts';

const good = { size: 120, sharpness: 5, brightness: 120, yaw: 5, pitch: -3 };
const text = (r: typeof good) => verdicts(r).map((v) => `${v.topic}: ${v.text}`);

describe('camera check verdicts', () => {
  it('says good for a well-lit, close, sharp, frontal face', () => {
    expect(text(good)).toEqual(['Light: good', 'Face size: good', 'Focus: good', 'Facing the camera: good']);
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
