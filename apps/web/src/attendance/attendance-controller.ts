// Take attendance's one owner of what recognition causes: each mark goes to the outbox (and then
// teaches the learner), each review item straight into the device's review store with its
// thumbnail, a face marked after all settles its own review row, and suspected photos are
// counted. The frames themselves are the camera loop's (camera-loop.ts); the page only starts,
// stops and informs this, and reads its stats.
import { reviewSighting } from '@rollcall/recognition';
import { services } from '../core/services.ts';
import { CameraLoop, type CameraStep, type LoopInputs, type LoopRun } from '../camera/camera-loop.ts';
import { addReview, resolveReviews } from './review/review-store.ts';
import type { SightingLearner } from '../matcher/learn-sightings.ts';
import { faceMarkReason, makeMark } from '../core/marking.ts';
import { notePresentations } from './presentations.ts';
import { label, thumbnail, tone } from './recognition-view.ts';

export interface AttendanceInputs extends LoopInputs {
  classId: string | null;
  names: ReadonlyMap<string, string>;
}

export class AttendanceController {
  readonly camera: CameraLoop;
  private inputs: AttendanceInputs;

  constructor(
    private readonly learner: SightingLearner,
    inputs: AttendanceInputs,
  ) {
    this.inputs = inputs;
    this.camera = new CameraLoop(
      {
        act: (step, run) => this.act(step, run),
        overlay: (step) => step.tracks.map((t) => ({ box: t.box, label: label(t, this.inputs.names), tone: tone(t) })),
      },
      inputs,
    );
  }

  get stats() {
    return this.camera.stats;
  }

  update(next: AttendanceInputs): void {
    this.inputs = next;
    this.camera.update(next);
  }

  start(...args: Parameters<CameraLoop['start']>): () => void {
    return this.camera.start(...args);
  }

  private async act(step: CameraStep, { id: run, video }: LoopRun): Promise<void> {
    const { sessionId, classId } = this.inputs;
    for (const m of step.marks) {
      // A mark made in doubt (the school's 'flag' choice) says so in the register.
      await makeMark(services.outbox, { studentId: m.studentId, sessionId, similarity: m.score, method: 'face', reason: faceMarkReason(m) });
      // Not awaited: learning is a bonus that must never hold up or break the loop (it catches its
      // own failures, and posts only once the outbox has sent the mark it rests on).
      void this.learner.fromMark(m, new Date());
      // Shown live after waiting in review: the review is answered by the mark.
      if (m.resolves) {
        await resolveReviews(services.db, `${run}:${m.resolvesTrack ?? m.trackId}`, m.resolves);
        // It moved like a live person after all: it no longer counts as a photo or a screen.
        if (m.resolves === 'presentation') await notePresentations(services.db, sessionId, -1);
      }
    }
    for (const r of step.reviews) {
      const item = {
        track: `${run}:${r.trackId}`,
        thumbnail: thumbnail(video, r.box),
        candidates: r.candidates,
        why: r.why,
        reasons: r.reasons,
        learn: reviewSighting(r),
      };
      await addReview(services.db, item, { sessionId, classId });
    }
    await notePresentations(services.db, sessionId, step.reviews.filter((r) => r.why === 'presentation').length);
  }
}
