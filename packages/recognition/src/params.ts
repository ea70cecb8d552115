// Every tunable number of live recognition, in one place; the page builds them from the device
// settings, the CLI from its flags. Nothing in the core reads a literal threshold.
import { DEFAULT_MATCH } from '@rollcall/face';
import { DEFAULT_SCORING, type Scoring } from '@rollcall/matcher';
import { DEFAULT_FRAME_QUALITY, type FrameQualityParams } from './quality.ts';

export interface RecognitionParams {
  /** Cosine similarity the track's combined embedding must reach (the model's measured default). */
  threshold: number;
  /** How far the best student must lead the best other one. */
  margin: number;
  /** How a student's score is computed from their embeddings (the matcher's default: mean template). */
  scoring: Scoring;
  /** Frames that count (see quality.ts) needed before a track is decided. */
  consensusFrames: number;
  /**
   * Share of those frames whose own best student must be the track's winner: frames that differ
   * (pose, light) must agree, so one lucky frame cannot carry a mark.
   */
  minAgreement: number;
  /** A best score this far below the threshold is "close": the teacher reviews it. */
  reviewBand: number;
  /** Candidates more than this far below the threshold are stranger-like: never offered in review. */
  lowerBand: number;
  /** Check liveness before marking (the device setting "liveness"). */
  requireLiveness: boolean;
  /** A matched track not yet live after this many times `consensusFrames` frames goes to review. */
  livenessPatience: number;
  /** How long such a track is still watched on the full path for life, to be marked after all (session.ts). */
  lifeWatchMs: number;
  /** After that, it is looked at again for one liveness window this often (one face at a time, see session.ts). */
  lifeRewatchMs: number;
  /**
   * One sighting, one question: a face that goes to review for the same reason, offering the same
   * student first, as a review item raised within this long (its track lost and found again, a person who keeps moving out
   * of view) joins that item instead of raising another (session.ts).
   */
  reviewRepeatMs: number;
  /** A decided track is re-verified (embedded again) this often, so a track that swaps people is caught. */
  reverifyMs: number;
  /** Frames that count needed to re-verify a decided track. */
  reverifyFrames: number;
  /**
   * Re-verify embeddings a second, for all decided tracks together: with many faces in view the
   * period stretches beyond `reverifyMs` so that re-checking them never takes over the frame.
   */
  reverifyPerSecond: number;
  /** A track unseen for this long ends. */
  maxMissedMs: number;
  /** Frames (with or without embedding) a track remembers. */
  keepFrames: number;
  quality: FrameQualityParams;
}

export const DEFAULT_RECOGNITION: RecognitionParams = {
  threshold: DEFAULT_MATCH.threshold,
  margin: DEFAULT_MATCH.margin,
  scoring: DEFAULT_SCORING,
  consensusFrames: 3,
  minAgreement: 0.5,
  // Measured (docs/accuracy.md, "Review"): face-api's strangers reach 0.92-0.95 against enrolled
  // students (yale: 68% of strangers would be offered as someone at 0.04 below the threshold, 2.4%
  // at 0.01), so only scores within 0.01 of the threshold are offered by name.
  reviewBand: 0.02,
  lowerBand: 0.01,
  requireLiveness: true,
  livenessPatience: 3,
  // Two liveness windows: a student who waited at the door gets eight more seconds to move.
  lifeWatchMs: 8000,
  // Then a 5 s look every 15 s; with several such faces they take turns (session.ts scheduleLook).
  lifeRewatchMs: 15_000,
  // Two minutes: a student at the door is one sighting; the same name offered after a lesson's
  // break is a new question.
  reviewRepeatMs: 120_000,
  reverifyMs: 3000,
  reverifyFrames: 2,
  // One crop embedding costs ~90 ms on a 2-core laptop (docs/benchmarks.md), so 2 a second keep
  // re-checks under a fifth of the machine: up to 3 faces the period stays 3 s, 8 faces are
  // re-checked every 8 s, a full class of 30 every 30 s. A late re-check only delays marking a
  // student who stepped into another's track (the marked student stays marked, nobody is marked
  // wrongly), while 30 faces every 3 s would be 20 embeddings a second: the loop would do nothing else.
  reverifyPerSecond: 2,
  maxMissedMs: 3000,
  keepFrames: 30,
  quality: DEFAULT_FRAME_QUALITY,
};
