// Debian's Caddy running the deploy/Caddyfile a district runs, load-balancing the listed API
// instances. Plain http on a local port (the site address `http://127.0.0.1:PORT`), so the
// harness and its devices need no certificate; everything below the site address is the file as shipped.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForPort } from './private-mysql.ts';
import { stopChild } from './stop-child.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CADDY = '/usr/bin/caddy';

export interface CaddyProcess {
  base: string;
  stop(): Promise<void>;
}

/** Starts Caddy on `port` in front of `upstreams` (host:port each) and resolves once it listens. */
export async function caddyProcess(port: number, upstreams: string[]): Promise<CaddyProcess> {
  if (!fs.existsSync(CADDY)) throw new Error(`${CADDY} is missing: apt-get install caddy`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-caddy-'));
  const config = path.join(home, 'Caddyfile');
  const site = fs.readFileSync(path.join(ROOT, 'deploy/Caddyfile'), 'utf8');
  // No admin endpoint (several harnesses may run at once) and no system trust store to touch.
  fs.writeFileSync(config, `{\n\tadmin off\n\tskip_install_trust\n}\n${site}`);
  const log = fs.openSync(path.join(home, 'caddy.log'), 'a');
  const child: ChildProcess = spawn(CADDY, ['run', '--config', config, '--adapter', 'caddyfile'], {
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
      ROLLCALL_HOST: `http://127.0.0.1:${port}`,
      ROLLCALL_UPSTREAMS: `to ${upstreams.join(' ')}`,
    },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Caddy exited with ${code}: ${fs.readFileSync(path.join(home, 'caddy.log'), 'utf8').slice(-2000)}`))),
  );
  await Promise.race([waitForPort(port, 30_000), exited]);
  exited.catch(() => undefined);
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child, 'SIGTERM');
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
