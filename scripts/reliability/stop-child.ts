// Stopping a child process the scenarios started (the API, a private MariaDB) and waiting for it to go.
import type { ChildProcess } from 'node:child_process';

/** Sends `signal` to a running child and resolves once it has exited (at once if it is not running). */
export async function stopChild(c: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!c || c.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    c.once('exit', () => resolve());
    c.kill(signal);
  });
}
