// The API as a real child process, so a scenario can kill it with SIGKILL and start it again: from
// its TypeScript source, or the compiled build (`node apps/api/dist/main.js`, as `pnpm start` and
// the Docker image run it).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from './stop-child.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ApiProcess {
  base: string;
  /** The running child's process id, or undefined while stopped. */
  readonly pid: number | undefined;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `opts.built`: the compiled entry point (apps/api/dist/main.js) to run instead of the source.
 * `opts.nodeArgs`: Node's own flags for the child (a bench's --cpu-prof).
 */
export function apiProcess(env: Record<string, string>, port: number, opts: { built?: string; nodeArgs?: string[] } = {}): ApiProcess {
  const entry = [...(opts.nodeArgs ?? []), ...(opts.built ? [opts.built] : ['--import', 'tsx', 'apps/api/src/main.ts'])];
  let child: ChildProcess | null = null;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    get pid() {
      return child?.pid;
    },
    async start() {
      child = spawn(process.execPath, entry, {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', LOG_REQUESTS: 'false', PORT: String(port), HOST: '127.0.0.1', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
        try {
          if ((await fetch(`${base}/health`)).ok) return;
        } catch {
          /* not up yet */
        }
        if (Date.now() > deadline) throw new Error('API did not become healthy in 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      await stopChild(child, signal);
      child = null;
    },
  };
}
