// The adapter from the face pipeline's result to a FrameObservation keeps every field the core reads.
import { describe, expect, it } from 'vitest';
import type { FaceDetection } from '@rollcall/face';
import { toFrameObservation } from './observe.ts';

describe('toFrameObservation', () => {
  it('carries box, embedding (or null on the light path), measures and mesh', () => {
    const vector = new Float32Array([0.6, 0.8]);
    const mesh: [number, number][] = [[1, 2]];
    const base = {
      box: [10, 20, 90, 100] as [number, number, number, number],
      detectionScore: 0.9,
      size: 90,
      pose: { yaw: 5, pitch: -3, roll: 1 },
      sharpness: 6,
      brightness: 120,
      antispoof: 0.8,
      liveness: 0.7,
      mesh,
      context: false,
    };
    const faces: FaceDetection[] = [
      { ...base, embedding: { modelId: 'faceapi-resnet@1.7.15', vector } },
      { ...base, sharpness: Number.NaN, brightness: Number.NaN, embedding: null },
    ];
    const frame = toFrameObservation({ faces }, { at: 1234, width: 640, height: 480 });
    expect(frame).toMatchObject({ at: 1234, width: 640, height: 480 });
    expect(frame.faces[0]).toEqual({
      box: base.box,
      embedding: vector,
      detectionScore: 0.9,
      size: 90,
      pose: base.pose,
      sharpness: 6,
      brightness: 120,
      antispoof: 0.8,
      liveness: 0.7,
      mesh,
    });
    expect(frame.faces[1]!.embedding).toBeNull();
    expect(frame.faces[1]!.sharpness).toBeNaN();
  });
});
