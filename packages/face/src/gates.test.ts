import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from './config.ts';
import { faceReasons, photoReasons, type GateInput } from './gates.ts';

const good: GateInput = { size: 200, detectionScore: 0.9, sharpness: 300, brightness: 120, pose: { yaw: 5, pitch: -3 }, antispoof: 0.9, liveness: 0.9 };

describe('quality gates', () => {
  it('passes a good face and names each failure', () => {
    expect(photoReasons([good], DEFAULT_GATES)).toEqual([]);
    expect(photoReasons([], DEFAULT_GATES)).toEqual(['no-face']);
    expect(photoReasons([good, good], DEFAULT_GATES)).toEqual(['multiple-faces']);
    const g = DEFAULT_GATES;
    expect(faceReasons({ ...good, size: g.minFaceSize - 1 }, g)).toEqual(['face-too-small']);
    expect(faceReasons({ ...good, detectionScore: g.minDetectionScore - 0.01 }, g)).toEqual(['low-detection-score']);
    expect(faceReasons({ ...good, sharpness: g.minSharpness - 1 }, g)).toEqual(['too-blurry']);
    expect(faceReasons({ ...good, brightness: g.minBrightness - 1 }, g)).toEqual(['too-dark']);
    expect(faceReasons({ ...good, brightness: g.maxBrightness + 1 }, g)).toEqual(['too-bright']);
    expect(faceReasons({ ...good, pose: { yaw: -(g.maxYaw + 1), pitch: 0 } }, g)).toEqual(['turned-too-far']);
    expect(faceReasons({ ...good, pose: { yaw: 0, pitch: g.maxPitch + 1 } }, g)).toEqual(['turned-too-far']);
    expect(faceReasons({ ...good, antispoof: g.minAntispoof - 0.01 }, g)).toEqual(['looks-like-spoof']);
  });

  it('takes limits from the config passed in, not from literals', () => {
    expect(faceReasons(good, { ...DEFAULT_GATES, minFaceSize: 500 })).toEqual(['face-too-small']);
  });
});
