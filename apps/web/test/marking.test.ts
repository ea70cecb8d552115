// The pure parts of live recognition: following faces across frames, deciding per track over
// several frames with a real gallery, and not marking a student twice.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { l2Normalize } from '@rollcall/contracts';
import { Gallery } from '@rollcall/matcher';
import { decideTrack, LIVENESS_PATIENCE, type RecognitionParams } from '../src/attendance/decide.ts';
import { localIso, MarkedRegistry } from '../src/attendance/marking.ts';
import { iou, Tracker, type Box, type FrameFace } from '../src/attendance/tracker.ts';

const unit = (seed: number, dim = 128, noise = 0, noiseSeed = 0) => {
  const v = new Float32Array(dim);
  let x = seed * 7919 + 1;
  let n = noiseSeed * 104729 + 3;
  for (let i = 0; i < dim; i++) {
    x = (x * 48271) % 2147483647;
    n = (n * 48271) % 2147483647;
    v[i] = x / 2147483647 - 0.5 + noise * (n / 2147483647 - 0.5);
  }
  return l2Normalize(v);
};
const face = (box: Box, embedding: Float32Array): FrameFace => ({ box, embedding, antispoof: 0.9, liveness: 0.9 });
const params: RecognitionParams = { threshold: 0.9, margin: 0.02, consensusFrames: 3, liveness: true, reviewBand: 0.04 };

describe('tracker', () => {
  it('keeps a moving face on one track and starts a new one for a new face', () => {
    expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(1 / 3, 5);
    const t = new Tracker();
    const a1 = t.update([face([100, 100, 50, 50], unit(1))]);
    const a2 = t.update([face([105, 102, 50, 50], unit(1)), face([400, 100, 50, 50], unit(2))]);
    expect(a2[0]!.id).toBe(a1[0]!.id);
    expect(a2[0]!.frames).toBe(2);
    expect(a2[1]!.id).not.toBe(a1[0]!.id);
    // Unseen for longer than maxMissed frames, a track ends.
    for (let i = 0; i < 20; i++) t.update([]);
    expect(t.all).toHaveLength(0);
  });
});

describe('decisions per track', () => {
  it('waits for consensus, marks a known face, leaves a stranger unknown and sends a close one to review', async () => {
    const gallery = await Gallery.create({ modelId: 'faceapi-resnet@1.7.15' }, [
      ...[0, 1, 2].map((k) => ({ studentId: 'S1', embeddingId: `a${k}`, vector: unit(1, 128, 0.1, k) })),
      ...[0, 1, 2].map((k) => ({ studentId: 'S2', embeddingId: `b${k}`, vector: unit(2, 128, 0.1, k) })),
    ]);
    const tracker = new Tracker();
    let track = tracker.update([face([0, 0, 50, 50], unit(1, 128, 0.1, 10))])[0]!;
    expect(decideTrack(track, gallery, null, params)).toEqual({ kind: 'wait' });
    tracker.update([face([0, 0, 50, 50], unit(1, 128, 0.1, 11))]);
    track = tracker.update([face([0, 0, 50, 50], unit(1, 128, 0.1, 12))])[0]!;
    expect(decideTrack(track, gallery, null, params)).toMatchObject({ kind: 'match', studentId: 'S1' });
    // Outside the class roster the same face is not this class's student.
    expect(decideTrack(track, gallery, new Set(['S2']), params).kind).not.toBe('match');

    const stranger = new Tracker();
    stranger.update([face([0, 0, 50, 50], unit(9))]);
    stranger.update([face([0, 0, 50, 50], unit(9))]);
    const s = stranger.update([face([0, 0, 50, 50], unit(9))])[0]!;
    expect(decideTrack(s, gallery, null, params).kind).toBe('unknown');

    // A face that matches but fails the liveness check is given a few more frames, then waits for the teacher.
    const spoof = new Tracker();
    let p = spoof.update([{ ...face([0, 0, 50, 50], unit(2, 128, 0.1, 20)), antispoof: 0.01 }])[0]!;
    for (let k = 1; k < params.consensusFrames * LIVENESS_PATIENCE; k++) {
      if (k >= params.consensusFrames) expect(decideTrack(p, gallery, null, params)).toEqual({ kind: 'wait' });
      p = spoof.update([{ ...face([0, 0, 50, 50], unit(2, 128, 0.1, 20 + k)), antispoof: 0.01 }])[0]!;
    }
    expect(decideTrack(p, gallery, null, params)).toMatchObject({ kind: 'review', why: 'liveness', studentId: 'S2' });
    expect(decideTrack(p, gallery, null, { ...params, liveness: false })).toMatchObject({ kind: 'match', studentId: 'S2' });
    // Dark or blurred first frames do not count against a face that then looks live: liveness is
    // judged over the same recent frames as the match.
    const warming = new Tracker();
    let w = warming.update([{ ...face([0, 0, 50, 50], unit(2, 128, 0.1, 30)), antispoof: 0 }])[0]!;
    for (let k = 1; k < params.consensusFrames; k++) w = warming.update([{ ...face([0, 0, 50, 50], unit(2, 128, 0.1, 30 + k)), antispoof: 0 }])[0]!;
    expect(decideTrack(w, gallery, null, params)).toEqual({ kind: 'wait' });
    for (let k = 0; k < params.consensusFrames; k++) w = warming.update([face([0, 0, 50, 50], unit(2, 128, 0.1, 40 + k))])[0]!;
    expect(decideTrack(w, gallery, null, params)).toMatchObject({ kind: 'match', studentId: 'S2' });
    // Just under the threshold: review, not unknown.
    const close = decideTrack(track, gallery, null, { ...params, threshold: 0.999, reviewBand: 0.2 });
    expect(close.kind).toBe('review');
  });
});

describe('marking', () => {
  it('marks a student once per session, and again after the cooldown without one', () => {
    const r = new MarkedRegistry(60_000);
    expect(r.canMark('S1', 0, true)).toBe(true);
    r.record('S1', 0);
    expect(r.canMark('S1', 10 * 60_000, true)).toBe(false);
    expect(r.canMark('S1', 30_000, false)).toBe(false);
    expect(r.canMark('S1', 61_000, false)).toBe(true);
  });

  it('writes the device time with its offset', () => {
    const iso = localIso(new Date('2026-11-24T08:00:00Z'));
    expect(Date.parse(iso)).toBe(Date.parse('2026-11-24T08:00:00Z'));
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});
