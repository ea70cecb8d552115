// The adapter from the face pipeline's result to a FrameObservation keeps every field the core reads.
import { describe, expect, it } from 'vitest';
import type { FaceDetection, FacePatch } from '@rollcall/face';
import { toFrameObservation } from './observe.ts';

describe('toFrameObservation', () => {
  it('carries box, embedding (or null on the light path), measures, mesh, patch and texture score', () => {
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
    const patch: FacePatch = { x: 5, y: 15, step: 3, size: 2, gray: new Float32Array([1, 2, 3, 4]) };
    const faces: (FaceDetection & { patch?: FacePatch; pad?: number })[] = [
      { ...base, embedding: { modelId: 'faceapi-resnet@1.7.15', vector }, patch, pad: 0.93 },
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
      patch,
      pad: 0.93,
    });
    expect(frame.faces[1]!.embedding).toBeNull();
    // A still photo's analysis has no patch: it is no track.
    expect(frame.faces[1]!.patch).toBeNull();
    expect(frame.faces[1]!.sharpness).toBeNaN();
    // Nor a texture score: NaN, never a number that would count as evidence.
    expect(frame.faces[1]!.pad).toBeNaN();
  });
});
