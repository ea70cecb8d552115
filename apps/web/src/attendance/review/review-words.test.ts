// Why a face waits in Needs review, in a teacher's words: "may be" and "looks like" a photo or a
// screen are told apart on the main line; the scores behind them go to the details line.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS, judge, type TrackEvidence } from '@rollcall/recognition';
import { speak } from '../../core/i18n.ts';
import { reviewWords } from './review-words.ts';

afterEach(() => speak('en', {}));

/** A track that blinked (live by motion) with a given median texture score. */
const blinked = (pad: number): TrackEvidence => ({
  frames: 12,
  small: 0,
  spanMs: 2000,
  width: 150,
  pairs: [],
  maxMoved: 0.2,
  eyes: [],
  openEyes: 0.3,
  eyeDrop: 0.1,
  antispoof: Number.NaN,
  pad,
  padFrames: 12,
});

describe('review wording', () => {
  it('a face whose texture is unclear "may be" a photo or a screen; the live score is detail', () => {
    expect(reviewWords({ why: 'presentation', reasons: ['may be a photo or a screen: the texture is unclear (live score 0.74 over 12 frames)'] })).toEqual({
      why: 'may be a photo or a screen',
      detail: 'the texture is unclear (live score 0.74 over 12 frames)',
    });
  });

  it('a face the rule judged a screen, a print or a flat picture "looks like" one', () => {
    expect(
      reviewWords({
        why: 'presentation',
        reasons: ['looks like a photo or a screen: the texture reads as a screen or a print (live score 0.21 over 9 frames)'],
      }),
    ).toEqual({
      why: 'looks like a photo or a screen',
      detail: 'the texture reads as a screen or a print (live score 0.21 over 9 frames)',
    });
    expect(reviewWords({ why: 'presentation', reasons: ['looks like a photo or a screen: the face did not move like a head'] }).detail).toBe(
      'the face did not move like a head',
    );
  });

  it("reads the liveness rule's own words, not copies of them", () => {
    const { padAttackBelow, padLiveFrom } = DEFAULT_LIVENESS;
    const unsure = judge(blinked((padAttackBelow + padLiveFrom) / 2), DEFAULT_LIVENESS);
    const screen = judge(blinked(padAttackBelow / 2), DEFAULT_LIVENESS);
    expect([unsure.kind, screen.kind]).toEqual(['presentation', 'presentation']);
    expect(reviewWords({ why: 'presentation', reasons: unsure.reasons })).toMatchObject({
      why: 'may be a photo or a screen',
      detail: expect.stringMatching(/^the texture is unclear \(live score/),
    });
    expect(reviewWords({ why: 'presentation', reasons: screen.reasons }).why).toBe('looks like a photo or a screen');
  });

  it('a row without reasons (stored before them), or with other words, keeps the general line', () => {
    expect(reviewWords({ why: 'presentation' })).toEqual({ why: 'looks like a photo or a screen', detail: null });
    expect(reviewWords({ why: 'presentation', reasons: ['something new'] })).toEqual({ why: 'looks like a photo or a screen', detail: 'something new' });
    expect(reviewWords({ why: 'liveness', reasons: ['the face has not moved yet'] })).toEqual({
      why: 'the camera could not confirm a live face',
      detail: 'the face has not moved yet',
    });
    expect(reviewWords({ why: 'ambiguous', reasons: [] })).toEqual({ why: 'two students look alike', detail: null });
    expect(reviewWords({ why: 'close' }).why).toBe('the match is not certain');
  });

  it("says the rule's reasons in the reader's language, its scores in the language's numbers", () => {
    speak('de', {
      'attendance.review.maybePresentation': 'könnte ein Foto oder ein Bildschirm sein',
      'attendance.review.why': '{why, select, liveness {die Kamera konnte kein lebendes Gesicht bestätigen} other {{why}}}',
      'ui.liveness.textureUnclear': 'die Textur ist unklar (Live-Wert {score, number} über {frames, number} Bilder)',
      'ui.liveness.notMovedYet': 'das Gesicht hat sich noch nicht bewegt',
    });
    expect(reviewWords({ why: 'presentation', reasons: ['may be a photo or a screen: the texture is unclear (live score 0.74 over 12 frames)'] })).toEqual({
      why: 'könnte ein Foto oder ein Bildschirm sein',
      detail: 'die Textur ist unklar (Live-Wert 0,74 über 12 Bilder)',
    });
    expect(reviewWords({ why: 'liveness', reasons: ['the face has not moved yet', 'something new'] })).toEqual({
      why: 'die Kamera konnte kein lebendes Gesicht bestätigen',
      detail: 'das Gesicht hat sich noch nicht bewegt; something new',
    });
  });
});
