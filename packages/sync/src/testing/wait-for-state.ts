// Waits for a sender state by subscribing, never by sleeping: tests and the harness use it to
// follow a sender through backoff and back to idle.
import type { Sender } from '../sender/sender.ts';
import type { SenderState } from '../sender/sender-state.ts';

/** Resolves with the first state (current or later) that satisfies pred. */
export function stateWhere(sender: Sender, pred: (s: SenderState) => boolean): Promise<SenderState> {
  if (pred(sender.state)) return Promise.resolve(sender.state);
  return new Promise((resolve) => {
    const off = sender.subscribe((s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}
