// Learning from confirmed sightings on this laptop: when the recognition core marks a student
// beyond doubt, or a teacher confirms a review item as the student it offered first, the frames
// the decision rests on that look unlike the student's gallery are sent to the API as learned
// embeddings (the core's learn.ts decides which). The gallery gets them back through the roster
// sync, like every other laptop, so the cache keeps one owner. Learning is a bonus: a failed post
// never touches attendance, is logged, and is not retried.
import { ClientError, encodeVector, type AddEmbeddingsResult, type AddLearnedEmbeddingsBody, type LearnedFrom } from '@rollcall/contracts';
import {
  embeddingsToLearn,
  embeddingsToLearnFromConfirmation,
  type LearnParams,
  type LearnVerdict,
  type MarkDecision,
  type Sighting,
} from '@rollcall/recognition';
import type { RollcallDb } from '../local/db.ts';

export interface LearnerDeps {
  db: RollcallDb;
  modelId: string;
  deviceId: string;
  post: (studentId: string, body: AddLearnedEmbeddingsBody) => Promise<AddEmbeddingsResult>;
  log: (message: string) => void;
  /** For clear marks; a confirmation uses the core's CONFIRMED_LEARN unless `confirmedParams` says otherwise. */
  params?: LearnParams;
  confirmedParams?: LearnParams;
}

export type LearnOutcome = { sent: number } | { skipped: LearnVerdict['why'] | 'busy' | 'stopped' | 'looked-like-a-picture' } | { failed: string };
export type SightingLearner = ReturnType<typeof sightingLearner>;

/** Answers after which posting again for the student cannot help until something changes on the server. */
const FINAL = new Set(['learned-embeddings-full', 'consent-required', 'student-not-found', 'forbidden', 'unauthenticated']);

/** Same vector (within float rounding after the server's normalising): a sent one now synced back. */
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-5);

/** One learner per page: marks and confirmations count against the same cap and share refusals. */
export function sightingLearner(deps: LearnerDeps) {
  const busy = new Set<string>();
  const stopped = new Set<string>();
  /** Sent but perhaps not synced back yet: counted and compared against, so a second sighting soon after does not send them again. */
  const sent = new Map<string, Float32Array[]>();

  async function teach(
    studentId: string,
    how: LearnedFrom['how'],
    sightedAt: Date,
    frames: Sighting['frames'],
    decide: (known: Float32Array[], learned: number) => LearnVerdict,
  ): Promise<LearnOutcome> {
    if (stopped.has(studentId)) return { skipped: 'stopped' };
    if (busy.has(studentId)) return { skipped: 'busy' };
    busy.add(studentId);
    try {
      const rows = (await deps.db.embeddings.where('studentId').equals(studentId).toArray()).filter((r) => r.modelId === deps.modelId);
      const pending = (sent.get(studentId) ?? []).filter((v) => !rows.some((r) => same(r.vector, v)));
      const known = [...rows.map((r) => r.vector), ...pending];
      const learned = rows.filter((r) => r.origin === 'sighting').length + pending.length;
      const verdict = decide(known, learned);
      if (verdict.why) return { skipped: verdict.why };
      const weights = new Map(frames.map((f) => [f.embedding, f.weight]));
      const learnedFrom = { deviceId: deps.deviceId, how, sightedAt: sightedAt.toISOString() };
      await deps.post(studentId, {
        embeddings: verdict.learn.map((v) => ({
          modelId: deps.modelId,
          vector: encodeVector(v),
          quality: Math.min(1, Math.max(0, weights.get(v) ?? 0)),
          learned: learnedFrom,
        })),
      });
      sent.set(studentId, [...pending, ...verdict.learn]);
      return { sent: verdict.learn.length };
    } catch (err) {
      const code = err instanceof ClientError ? err.code : 'local-error';
      if (FINAL.has(code)) stopped.add(studentId);
      deps.log(`Learning from a recognition of ${studentId} was not sent (${code}); attendance is not affected.`);
      return { failed: code };
    } finally {
      busy.delete(studentId);
    }
  }

  return {
    /**
     * A mark. One that first waited in review for want of a live face (m.resolves 'liveness')
     * teaches like any other: the wait was about life, not identity, and embeddingsToLearn still
     * asks every counted frame to agree with a clear lead. On a slow laptop most marks come this
     * way. One first judged flat, like a photo or a screen, is marked once it moved like a head
     * but teaches nothing: if it was a picture after all, its frames must not join the gallery.
     */
    fromMark(m: MarkDecision, sightedAt: Date): Promise<LearnOutcome> {
      if (m.resolves === 'presentation') return Promise.resolve({ skipped: 'looked-like-a-picture' });
      return teach(m.studentId, 'clear-mark', sightedAt, m.frames, (known, learned) => embeddingsToLearn(m, known, learned, deps.params));
    },

    /** A teacher confirmed a review item as `chosen`; `kept` is what the item kept for this (learn.ts reviewSighting). */
    fromConfirmation(kept: Sighting, chosen: string, sightedAt: Date): Promise<LearnOutcome> {
      return teach(chosen, 'review-confirmed', sightedAt, kept.frames, (known, learned) =>
        embeddingsToLearnFromConfirmation(kept, chosen, known, learned, deps.confirmedParams),
      );
    },
  };
}
