// The overlay label of each track state: a face still being read says what it waits for.
import { describe, expect, it } from 'vitest';
import type { TrackState, TrackView } from '@rollcall/recognition';
import { label } from './recognition-view.ts';

const view = (state: TrackState): TrackView => ({ id: 1, box: [0, 0, 100, 100], state, frames: 6 });
const names = new Map([
  ['S1', 'Ann Lee'],
  ['S2', 'Bo Ng'],
]);

describe('track labels', () => {
  it('a face that just arrived shows only that it is being read', () => {
    expect(label(view({ kind: 'pending' }), names)).toBe('…');
  });

  it('a face whose frames do not count says the most frequent reason, as something to do', () => {
    expect(label(view({ kind: 'pending', waiting: { for: 'clear-frames', flaws: ['small', 'blurred'] } }), names)).toBe('… too far: come closer');
    expect(label(view({ kind: 'pending', waiting: { for: 'clear-frames', flaws: ['turned'] } }), names)).toBe('… turned: face the camera');
  });

  it('a matched face still watched for life names nobody yet', () => {
    expect(label(view({ kind: 'pending', waiting: { for: 'life' } }), names)).toBe('… checking for a live face');
  });

  it('review names both candidates, never one', () => {
    const s: TrackState = {
      kind: 'review',
      why: 'close',
      candidates: [
        { studentId: 'S1', score: 0.95 },
        { studentId: 'S2', score: 0.94 },
      ],
    };
    expect(label(view(s), names)).toBe('Ann Lee or Bo Ng? needs review');
  });
});

describe('track labels of decided faces', () => {
  it('a marked face shows its name and score, and says when it was marked before', () => {
    expect(label(view({ kind: 'marked', studentId: 'S1', score: 0.912 }), names)).toBe('Ann Lee 0.91');
    expect(label(view({ kind: 'already', studentId: 'S2', score: 0.9 }), names)).toBe('Bo Ng 0.90 (already marked)');
    expect(label(view({ kind: 'unknown', score: 0.4 }), names)).toBe('unknown 0.40');
  });
});
