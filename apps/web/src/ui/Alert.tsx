// What went wrong, or needs attention now, said at once to screen readers (role alert) and styled
// by its tone; the error form says an error in the user's words, and nothing while there is none.
import type { ReactNode } from 'react';
import { errorText } from './messages.ts';

export function Alert({ tone = 'error', id, children }: { tone?: 'error' | 'notice' | 'warning'; id?: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className={tone}>
      {children}
    </p>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  return error ? <Alert>{errorText(error)}</Alert> : null;
}
