// The liveness report's slower camera: the same clip judged on every k-th frame, by time.
import { describe, expect, it } from 'vitest';
import type { MeasuredTrack } from '../src/liveness/measure.ts';
import { everyKth } from '../src/liveness/report.ts';

const track = (ats: number[], frames: number): MeasuredTrack => ({
  spec: { kind: 'genuine', identity: 'x', photos: [], medium: 'person', busy: false, still: false, seed: 1 },
  frames,
  samples: ats.map((at) => ({ at, box: [0, 0, 100, 100], mesh: null, patch: null, antispoof: Number.NaN })),
  msPerFrame: 1,
});

describe('everyKth', () => {
  it('keeps the frames a camera at 1/k the rate would have taken, even where no face was found', () => {
    // A 10 fps clip of 12 frames whose first and seventh frames found no face: 2 fps keeps 0, 500 and 1000 ms.
    const t = track([100, 200, 300, 400, 500, 700, 800, 900, 1000, 1100], 12);
    const slow = everyKth(t, 5, 100);
    expect(slow.samples.map((s) => s.at)).toEqual([500, 1000]);
    expect(slow.frames).toBe(3);
  });
});
