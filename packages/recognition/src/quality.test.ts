// Frame quality: what makes a frame weigh less, from the mesh and the pipeline's measures.
import { describe, expect, it } from 'vitest';
import { eyeOpenness, frameQuality } from './quality.ts';
import { face, meshWithEyes } from './testing/faces.ts';

const v = new Float32Array(128).fill(1 / Math.sqrt(128));

describe('frame quality', () => {
  it('reads eye openness from the mesh, and nothing without one', () => {
    expect(eyeOpenness(meshWithEyes(0.3))).toBeCloseTo(0.3, 5);
    expect(eyeOpenness(meshWithEyes(0.05))).toBeCloseTo(0.05, 5);
    expect(eyeOpenness(null)).toBeNull();
    expect(eyeOpenness([[0, 0]])).toBeNull();
  });

  it('weighs a good frame fully and names each flaw of a poor one', () => {
    expect(frameQuality(face([0, 0, 120, 120], v))).toEqual({ weight: 1, flaws: [] });
    expect(frameQuality(face([0, 0, 120, 120], v, { mesh: null }))).toEqual({ weight: 1, flaws: [] });
    // Not aligned this frame (light path): sharpness unknown, not held against it.
    expect(frameQuality(face([0, 0, 120, 120], v, { sharpness: Number.NaN })).weight).toBe(1);
    expect(frameQuality(face([0, 0, 60, 60], v, { pose: { yaw: 0, pitch: -45, roll: 0 } }))).toEqual({ weight: 0.25, flaws: ['small', 'turned'] });
    // Three half-weights make 0.125, under the floor: the frame does not count at all.
    expect(frameQuality(face([0, 0, 60, 60], v, { sharpness: 1.15, pose: { yaw: 0, pitch: -45, roll: 0 } }))).toEqual({
      weight: 0,
      flaws: ['small', 'blurred', 'turned'],
    });
    expect(frameQuality(face([0, 0, 120, 120], v, { mesh: meshWithEyes(0.1) }))).toEqual({ weight: 0, flaws: ['eyes-closed'] });
  });
});
