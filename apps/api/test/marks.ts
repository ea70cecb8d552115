// Marks as a laptop posts them, for the tests that build registers and statistics from them.
import { uuid } from './context.ts';

/** A face mark by laptop-1 at `markedAt`; `over` sets any other field (a status by hand, a method). */
export const mark = (studentId: string, sessionId: string | null, markedAt: string, over: Record<string, unknown> = {}) => ({
  id: uuid(),
  studentId,
  sessionId,
  deviceId: 'laptop-1',
  markedAt,
  method: 'face',
  similarity: 0.95,
  ...over,
});

/** The instant `minutes` ago, as the API takes it. */
export const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
