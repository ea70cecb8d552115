// The outbox in view: its one published state (pending, sending, refused with the reason), the
// sender's phase, and the two ways out for a refused mark. The status bar reads it through here.
import { useMutation } from '@tanstack/react-query';
import type { FailureReason } from '@rollcall/sync';
import { services } from '../core/services.ts';
import { useObservable } from '../core/store.ts';

export function useOutbox() {
  return useObservable(services.outbox);
}

export function useSenderState() {
  return useObservable(services.sender);
}

/** Send refused marks again (after the office fixed what the server refused them for). */
export function useRetryMarks() {
  return useMutation({ mutationFn: (ids: readonly string[]) => services.outbox.retry(ids) });
}

/** Give up on refused marks: they are never recorded. The UI asks first. */
export function useDiscardMarks() {
  return useMutation({ mutationFn: (ids: readonly string[]) => services.outbox.discard(ids) });
}

export const REFUSAL_TEXT: Record<FailureReason, string> = {
  'student-not-found': 'The server has no such student (deleted, or not enrolled yet)',
  'session-not-found': 'The session no longer exists on the server',
  forbidden: 'This account or laptop may not mark that class',
  'time-out-of-range': 'Its time is in the future or outside its lesson: check this laptop’s clock and date',
  rejected: 'The server refused it',
  invalid: 'The server found the mark invalid',
};
