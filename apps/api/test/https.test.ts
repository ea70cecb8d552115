// HTTPS: the built API started as `pnpm start` starts it, with TLS_CERT/TLS_KEY of a
// certificate made here by openssl, serves health and the app over https with HSTS and Secure
// cookies, redirects its http port; behind Debian's Caddy running deploy/Caddyfile (as the
// compose file does) it is reached over https with Caddy's internal CA. The HSTS/Secure rules through a trusted
// proxy run on both databases.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, dialects, startApi, type TestApi } from './context.ts';

const API_DIR = path.resolve(import.meta.dirname, '..');
const CADDY = '/usr/bin/caddy';

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function request(url: string, ca: Buffer | null, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.request(url, { method: init.method ?? 'GET', headers: init.headers, ...(ca && { ca }) }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Resolves once the child's output (from its start) has matched every pattern. */
function waitForLines(child: ChildProcess, ...patterns: RegExp[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (patterns.every((p) => p.test(out))) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe('the built API over https', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const web = path.join(dir, 'web');
  let api: ChildProcess;
  let port: number;
  let redirectPort: number;
  beforeAll(async () => {
    execFileSync('node', ['build.mjs'], { cwd: API_DIR });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    fs.mkdirSync(web);
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Rollcall</title>');
    port = await freePort();
    redirectPort = await freePort();
    api = spawn('node', [path.join(API_DIR, 'dist/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        TLS_CERT: cert,
        TLS_KEY: key,
        HTTP_REDIRECT_PORT: String(redirectPort),
        WEB_DIST: web,
        LOG_REQUESTS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForLines(api, /Redirecting http on port \d+/, /listening on https:\/\/localhost:\d+/);
  }, 60_000);
  afterAll(() => {
    api?.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves health and the app over https with HSTS, and sets a Secure session cookie', async () => {
    const ca = fs.readFileSync(cert);
    const health = await request(`https://localhost:${port}/health`, ca);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).status).toBe('ok');
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const app = await request(`https://localhost:${port}/take-attendance`, ca);
    expect([app.status, app.body]).toEqual([200, '<!doctype html><title>Rollcall</title>']);
    const setup = await request(`https://localhost:${port}/api/auth/setup`, ca, {
      method: 'POST',
      body: JSON.stringify(ADMIN),
      headers: { 'content-type': 'application/json' },
    });
    expect(setup.status).toBe(201);
    expect(String(setup.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    // Not trusted without the certificate: a laptop must trust it (README).
    await expect(request(`https://localhost:${port}/health`, null)).rejects.toThrow(/self.signed|certificate/i);
  });

  it('redirects its http port to https', async () => {
    const res = await request(`http://localhost:${redirectPort}/take-attendance?x=1`, null);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`https://localhost:${port}/take-attendance?x=1`);
    // A name the certificate does not cover is refused, never copied into Location.
    const foreign = await request(`http://localhost:${redirectPort}/`, null, { headers: { host: 'evil.example' } });
    expect([foreign.status, foreign.headers.location]).toEqual([421, undefined]);
  });

  it.runIf(fs.existsSync(CADDY))(
    'is reached through Caddy with tls internal, with Secure cookies via TRUST_PROXY',
    async () => {
      // A second, plain-http instance behind Caddy, as in docker-compose.yml.
      const inner = await freePort();
      const outer = await freePort();
      const behind = spawn('node', [path.join(API_DIR, 'dist/main.js')], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: `sqlite:${path.join(dir, 'db2.sqlite')}`,
          PORT: String(inner),
          HOST: '127.0.0.1',
          TRUST_PROXY: 'true',
          WEB_DIST: web,
          LOG_REQUESTS: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const caddyHome = path.join(dir, 'caddy');
      fs.mkdirSync(caddyHome);
      const caddyfile = path.join(caddyHome, 'Caddyfile');
      // The compose file's own Caddyfile, with test ports and no admin endpoint or system trust store.
      const site = fs.readFileSync(path.resolve(API_DIR, '../../deploy/Caddyfile'), 'utf8');
      fs.writeFileSync(caddyfile, `{\n\tadmin off\n\tskip_install_trust\n\thttp_port ${await freePort()}\n\thttps_port ${outer}\n}\n${site}`);
      const caddy = spawn(CADDY, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
        env: {
          ...process.env,
          HOME: caddyHome,
          XDG_DATA_HOME: caddyHome,
          XDG_CONFIG_HOME: caddyHome,
          ROLLCALL_HOST: `localhost:${outer}`,
          ROLLCALL_UPSTREAMS: `to 127.0.0.1:${inner}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        await Promise.all([waitForLines(behind, /listening on http:\/\/localhost:\d+/), waitForLines(caddy, /serving initial configuration/)]);
        const root = path.join(caddyHome, 'caddy/pki/authorities/local/root.crt');
        for (let i = 0; i < 100 && !fs.existsSync(root); i++) await new Promise((r) => setTimeout(r, 100));
        const ca = fs.readFileSync(root);
        let health: Awaited<ReturnType<typeof request>> | null = null;
        // Caddy issues the leaf certificate just after it starts: retry the first handshake briefly.
        for (let i = 0; i < 50 && !health; i++)
          health = await request(`https://localhost:${outer}/health`, ca).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 200)));
        expect(health?.status).toBe(200);
        expect(health?.headers['strict-transport-security']).toMatch(/max-age/);
        const setup = await request(`https://localhost:${outer}/api/auth/setup`, ca, {
          method: 'POST',
          body: JSON.stringify(ADMIN),
          headers: { 'content-type': 'application/json', origin: `https://localhost:${outer}` },
        });
        expect(setup.status).toBe(201);
        expect(String(setup.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      } finally {
        caddy.kill('SIGTERM');
        behind.kill('SIGTERM');
      }
    },
    60_000,
  );
});

describe.each(dialects)('HSTS and Secure cookies through a proxy on %s', (dialect) => {
  let trusted: TestApi;
  beforeAll(async () => {
    trusted = await startApi(dialect, { trustProxy: true });
  });
  afterAll(() => trusted.close());

  it('marks cookies Secure and sends HSTS only when the request came over https', async () => {
    const signIn = (headers: Record<string, string>) =>
      trusted.call('POST', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password }, { token: null, headers });
    const overTls = await signIn({ 'x-forwarded-proto': 'https' });
    expect(overTls.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(overTls.headers.get('strict-transport-security')).toMatch(/max-age/);
    const plain = await signIn({});
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
