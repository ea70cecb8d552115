import { describe, expect, it } from 'vitest';
import { readReason, reasonText } from './reasons.ts';

describe('liveness reasons', () => {
  it('reads back every reason it writes: code, values and verdict', () => {
    expect(readReason(reasonText('texture-unclear', { score: '0.74', frames: 12 }, 'may-be'))).toEqual({
      verdict: 'may-be',
      code: 'texture-unclear',
      values: { score: '0.74', frames: '12' },
    });
    expect(readReason('watching the face (3 of 5 frames)')).toEqual({ code: 'watching', values: { frames: '3', needed: '5' } });
    expect(readReason('looks like a photo or a screen: the face did not move at all')).toEqual({ verdict: 'looks-like', code: 'still', values: {} });
    expect(readReason('the face has not moved at all')).toEqual({ code: 'frozen', values: {} });
  });
  it('knows nothing of words it never wrote', () => {
    expect(readReason('the moon is full')).toBeNull();
  });
});
