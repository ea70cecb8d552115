// Learning from clear marks on this laptop: when the recognition core marks a student beyond doubt,
// the frames it rests on that look unlike the student's gallery are sent to the API as learned
// embeddings (the core's embeddingsToLearn decides which). The gallery gets them back through the
// roster sync, like every other laptop, so the cache keeps one owner. Learning is a bonus: a failed
// post never touches attendance, is logged, and is not retried.
import { ClientError, encodeVector, type AddEmbeddingsResult, type AddLearnedEmbeddingsBody } from '@rollcall/contracts';
import { embeddingsToLearn, type LearnParams, type LearnVerdict, type MarkDecision } from '@rollcall/recognition';
import type { RollcallDb } from '../local/db.ts';

export interface LearnerDeps {
  db: RollcallDb;
  modelId: string;
  deviceId: string;
  post: (studentId: string, body: AddLearnedEmbeddingsBody) => Promise<AddEmbeddingsResult>;
  log: (message: string) => void;
  params?: LearnParams;
}

export type LearnOutcome = { sent: number } | { skipped: LearnVerdict['why'] | 'busy' | 'stopped' } | { failed: string };

/** Answers after which posting again for the student cannot help until something changes on the server. */
const FINAL = new Set(['learned-embeddings-full', 'consent-required', 'student-not-found', 'forbidden', 'unauthenticated']);

/** Same vector (within float rounding after the server's normalising): a sent one now synced back. */
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-5);

export function sightingLearner(deps: LearnerDeps) {
  const busy = new Set<string>();
  const stopped = new Set<string>();
  /** Sent but perhaps not synced back yet: counted and compared against, so a second mark soon after does not send them again. */
  const sent = new Map<string, Float32Array[]>();

  return async function learnFrom(m: MarkDecision, sightedAt: Date): Promise<LearnOutcome> {
    // A mark that first waited in review for want of a live face (m.resolves) teaches like any
    // other: the wait was about life, not identity, and embeddingsToLearn still asks every counted
    // frame to agree with a clear lead. On a slow laptop most marks come this way.
    if (stopped.has(m.studentId)) return { skipped: 'stopped' };
    if (busy.has(m.studentId)) return { skipped: 'busy' };
    busy.add(m.studentId);
    try {
      const rows = (await deps.db.embeddings.where('studentId').equals(m.studentId).toArray()).filter((r) => r.modelId === deps.modelId);
      const pending = (sent.get(m.studentId) ?? []).filter((v) => !rows.some((r) => same(r.vector, v)));
      const known = [...rows.map((r) => r.vector), ...pending];
      const learned = rows.filter((r) => r.origin === 'sighting').length + pending.length;
      const verdict = embeddingsToLearn(m, known, learned, deps.params);
      if (verdict.why) return { skipped: verdict.why };
      const frames = new Map(m.frames.map((f) => [f.embedding, f.weight]));
      const learnedFrom = { deviceId: deps.deviceId, how: 'clear-mark' as const, sightedAt: sightedAt.toISOString() };
      await deps.post(m.studentId, {
        embeddings: verdict.learn.map((v) => ({
          modelId: deps.modelId,
          vector: encodeVector(v),
          quality: Math.min(1, Math.max(0, frames.get(v) ?? 0)),
          learned: learnedFrom,
        })),
      });
      sent.set(m.studentId, [...pending, ...verdict.learn]);
      return { sent: verdict.learn.length };
    } catch (err) {
      const code = err instanceof ClientError ? err.code : 'local-error';
      if (FINAL.has(code)) stopped.add(m.studentId);
      deps.log(`Learning from a recognition of ${m.studentId} was not sent (${code}); attendance is not affected.`);
      return { failed: code };
    } finally {
      busy.delete(m.studentId);
    }
  };
}
