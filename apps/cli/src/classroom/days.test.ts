// The simulated teacher of `--days --learn`: a confirmed review item teaches the student who sat
// there, and only when the item named that student first, never for a picture or a stranger.
import { SyntheticFaces } from '@rollcall/matcher/synthetic';
import type { ReviewDecision } from '@rollcall/recognition';
import { describe, expect, it } from 'vitest';
import { teacherConfirms } from './days.ts';

const faces = new SyntheticFaces(128, 11);

function review(why: ReviewDecision['why'], top: string, truth: string | null, frameOf = top): ReviewDecision & { truth: string | null } {
  const i = Number(frameOf.slice(1));
  const frames = [1, 2, 3].map((k) => ({ at: k * 500, embedding: faces.sample(i), weight: 1, flaws: [] }));
  return {
    trackId: 7,
    why,
    // Just under the threshold (0.96), above the offered-by-name floor: a 'close' item.
    candidates: [{ studentId: top, score: 0.955 }],
    runnerUp: 0.7,
    box: [0, 0, 100, 100],
    at: 2000,
    evidence: { frames: [], counted: 3, agreeing: 3 },
    reasons: [],
    frames,
    truth,
  };
}

describe('teacherConfirms', () => {
  it('confirming the student an item named first teaches up to two of its frames to that student', () => {
    const entries = faces.entries(2, 3);
    const learnedBy = new Map<string, number>();
    expect(teacherConfirms([review('close', 'S0', 'S0')], entries, learnedBy, 'confirmed:0')).toBe(2);
    expect(entries.filter((e) => e.embeddingId.startsWith('confirmed:0:7:')).map((e) => e.studentId)).toEqual(['S0', 'S0']);
    expect(learnedBy.get('S0')).toBe(2);
  });

  it('teaches nothing for a picture, for a stranger, or when the student there is not the one named first', () => {
    const entries = faces.entries(2, 3);
    const before = entries.length;
    const items = [review('presentation', 'S0', 'S0'), review('close', 'S0', null), review('close', 'S0', 'S1', 'S0')];
    expect(teacherConfirms(items, entries, new Map(), 'confirmed:0')).toBe(0);
    expect(entries).toHaveLength(before);
  });
});
