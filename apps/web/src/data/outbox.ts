// The outbox in view: its one published state (pending, sending, refused with the reason), the
// sender's phase, and the two ways out for a refused mark. The status bar reads it through here.
import { useMutation } from '@tanstack/react-query';
import type { FailureReason } from '@rollcall/sync';
import { services } from '../core/services.ts';
import { useObservable } from '../core/store.ts';
import { t } from '../core/i18n.ts';

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

/** Why the server refused a mark, in words for the office. */
export function refusalText(reason: FailureReason): string {
  switch (reason) {
    case 'student-not-found':
      return t({ id: 'outbox.refusal.studentNotFound', defaultMessage: 'The server has no such student (deleted, or not enrolled yet)' });
    case 'session-not-found':
      return t({ id: 'outbox.refusal.sessionNotFound', defaultMessage: 'The session no longer exists on the server' });
    case 'forbidden':
      return t({ id: 'outbox.refusal.forbidden', defaultMessage: 'This account or laptop may not mark that class' });
    case 'time-out-of-range':
      return t({ id: 'outbox.refusal.timeOutOfRange', defaultMessage: 'Its time is in the future or outside its lesson: check this laptop’s clock and date' });
    case 'rejected':
      return t({ id: 'outbox.refusal.rejected', defaultMessage: 'The server refused it' });
    case 'invalid':
      return t({ id: 'outbox.refusal.invalid', defaultMessage: 'The server found the mark invalid' });
  }
}
