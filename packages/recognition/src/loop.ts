// The recognition loop, once for every caller (the Take attendance page, Camera check, the
// classroom simulation, the real-footage command): each frame is analysed with the session's
// skip boxes and the tile schedule, then pushed to the session; the roster, marks made elsewhere
// and settings reach the session between frames. Where frames come from and what is done with
// the decisions (outbox, review store, reports) stay with the caller.
import { DEFAULT_FRAME, TILE_EVERY_MS, tileSchedule } from '@rollcall/face';
import type { Gallery } from '@rollcall/matcher';
import { RecognitionSession, type SessionOptions, type SessionStep } from './session.ts';
import type { Box, FrameObservation } from './types.ts';

/**
 * Analyses the frame due now: faces overlapping `skip` get the detector only, `tiles` > 1 also
 * searches tiles for small faces. Null when the frame was lost (dropped for a newer one, or with a
 * crashed worker): the loop skips it.
 */
export type AnalyseFrame<F extends FrameObservation = FrameObservation> = (skip: Box[], tiles: number) => Promise<F | null>;

export interface LoopOptions extends SessionOptions {
  /** Tiles per side for small faces, searched at most once per `tileEveryMs`; DEFAULT_FRAME.tiles when absent. */
  tiles?: number;
  tileEveryMs?: number;
  /**
   * Embed every face on every frame, decided or not: Camera check (which measures each face) and
   * a benchmark of the full path. Otherwise decided tracks are followed on the light path.
   */
  embedDecided?: boolean;
  /** For the speed line only, never for a decision: performance.now() when absent. */
  now?: () => number;
}

export interface LoopStep<F extends FrameObservation = FrameObservation> extends SessionStep {
  /** The frame as analysed (with whatever else the engine told, such as its timings) and pushed; `tracks` are in the order of its faces. */
  frame: F;
  /** The boxes the frame was analysed with on the light path. */
  skip: Box[];
  /** Milliseconds the session took over the frame. */
  matchMs: number;
}

export class RecognitionLoop {
  readonly session: RecognitionSession;
  private readonly tilesFor: (at: number) => number;
  private readonly noted = new Set<string>();
  private readonly now: () => number;
  private embedDecided: boolean;

  constructor(opts: LoopOptions) {
    const { tiles = DEFAULT_FRAME.tiles, tileEveryMs = TILE_EVERY_MS, embedDecided = false, now = () => performance.now(), ...session } = opts;
    this.session = new RecognitionSession(session);
    this.tilesFor = tileSchedule(tileEveryMs, tiles);
    this.embedDecided = embedDecided;
    this.now = now;
  }

  /** One frame at `at` (the caller's clock): analysed, then pushed. Null when the frame was lost. */
  async step<F extends FrameObservation>(at: number, analyse: AnalyseFrame<F>): Promise<LoopStep<F> | null> {
    const skip = this.embedDecided ? [] : this.session.skipBoxes(at);
    const frame = await analyse(skip, this.tilesFor(at));
    if (!frame) return null;
    const t0 = this.now();
    const step = this.session.push(frame);
    return { ...step, frame, skip, matchMs: this.now() - t0 };
  }

  /**
   * Students marked elsewhere (by hand, on other laptops, or by this loop's own marks read back):
   * the whole list may be passed every frame, only the ones not seen before reach the session.
   */
  noteMarked(studentIds: readonly string[], at: number): void {
    const fresh = studentIds.filter((s) => !this.noted.has(s));
    for (const s of fresh) this.noted.add(s);
    if (fresh.length) this.session.noteMarked(fresh, at);
  }

  setRoster(roster: ReadonlySet<string> | null): void {
    this.session.setRoster(roster);
  }

  setGallery(gallery: Gallery): void {
    this.session.setGallery(gallery);
  }

  configure(opts: Parameters<RecognitionSession['configure']>[0] & { embedDecided?: boolean }): void {
    const { embedDecided, ...session } = opts;
    if (embedDecided !== undefined) this.embedDecided = embedDecided;
    this.session.configure(session);
  }
}
