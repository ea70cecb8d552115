// Plain http on a school name: a real server on 127.0.0.1 reached with Host: school.test:8080 (what
// a laptop sends for http://school.test:8080) answers the page with one sentence naming the https
// address, and refuses first-run setup and sign-in with 'insecure-connection', losing nothing; the
// same server on localhost, or behind a proxy on this machine that says https, works as before.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { ADMIN, dialects, freshDatabase } from './context.ts';

const SCHOOL = 'school.test:8080';

type Reply = { status: number; type: string; body: string; json: { error?: { code: string; message: string } } & Record<string, unknown> };

/** node:http, not fetch: fetch will not send a Host header of our choosing. */
function send(base: string, method: string, p: string, init: { host?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const url = new URL(p, base);
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers: Record<string, string> = { ...init.headers, ...(init.host && { host: init.host }), ...(payload && { 'content-type': 'application/json' }) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: url.pathname, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        let json = {};
        try {
          json = JSON.parse(body);
        } catch {
          /* a page, not JSON */
        }
        resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A fresh database with no admin yet (first run) and the real app, serving a stand-in web app. */
async function firstRunServer(dialect: (typeof dialects)[number], publicUrl: string | null) {
  const { database, drop } = await freshDatabase(dialect);
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-web-'));
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>the SPA</title><div id="root"></div>');
  const config = {
    cooldownSeconds: 60,
    bodyLimit: '1mb',
    webDist: web,
    logRequests: false,
    corsOrigins: [],
    retentionDays: null,
    markPostsPerMinute: 1000,
    trustProxy: false,
    publicUrl,
  };
  const { app, hub } = createApp({ config, database, log: () => {} });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    hub.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await database.close();
    await drop();
    fs.rmSync(web, { recursive: true, force: true });
  };
  return { base, close };
}

const page = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-mode': 'navigate' };

describe.each(dialects)('plain http on a school name, on %s', (dialect) => {
  let srv: Awaited<ReturnType<typeof firstRunServer>>;
  beforeAll(async () => {
    srv = await firstRunServer(dialect, 'https://rollcall.school.test');
  });
  afterAll(() => srv.close());

  it('answers the page with one sentence naming the https address, not the app', async () => {
    for (const p of ['/', '/attendance', '/camera-check']) {
      const res = await send(srv.base, 'GET', p, { host: SCHOOL, headers: page });
      expect(res.status).toBe(403);
      expect(res.type).toContain('text/html');
      expect(res.body.replace(/<[^>]+>/g, '')).toContain(
        'Open Rollcall at https://rollcall.school.test instead: this plain http address cannot use the camera',
      );
      expect(res.body).toContain('<a href="https://rollcall.school.test">');
      expect(res.body).not.toContain('the SPA');
    }
  });

  it('refuses the first-run setup and keeps the first-run open for the secure address', async () => {
    const refused = await send(srv.base, 'POST', '/api/auth/setup', { host: SCHOOL, body: ADMIN });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({ code: 'insecure-connection', message: expect.stringContaining('https://rollcall.school.test') });
    // Nothing was created: the admin can still be made from a secure page.
    expect((await send(srv.base, 'GET', '/api/auth/setup', { host: SCHOOL })).json).toEqual({ needsAdmin: true });
    const overLocalhost = await send(srv.base, 'POST', '/api/auth/setup', { host: new URL(srv.base).host.replace('127.0.0.1', 'localhost'), body: ADMIN });
    expect(overLocalhost.status).toBe(201);
  });

  it('refuses sign-in over plain http, and takes it through a proxy on this machine that says https', async () => {
    const creds = { email: ADMIN.email, password: ADMIN.password };
    const refused = await send(srv.base, 'POST', '/api/auth/sign-in', { host: SCHOOL, body: creds });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('insecure-connection');
    const spoofedHttp = await send(srv.base, 'POST', '/api/auth/sign-in', { host: SCHOOL, body: creds, headers: { 'x-forwarded-proto': 'http' } });
    expect(spoofedHttp.json.error?.code).toBe('insecure-connection');
    const viaCaddy = await send(srv.base, 'POST', '/api/auth/sign-in', {
      host: 'rollcall.school.test',
      body: creds,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaCaddy.status).toBe(200);
    const page2 = await send(srv.base, 'GET', '/', { host: 'rollcall.school.test', headers: { ...page, 'x-forwarded-proto': 'https' } });
    expect(page2.body).toContain('the SPA');
  });

  it('still serves the app on loopback names, and the health check and files anywhere', async () => {
    const port = new URL(srv.base).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `rollcall.localhost:${port}`]) {
      expect((await send(srv.base, 'GET', '/', { host, headers: page })).body).toContain('the SPA');
    }
    expect((await send(srv.base, 'GET', '/health', { host: SCHOOL })).status).toBe(200);
    expect((await send(srv.base, 'GET', '/index.html', { host: SCHOOL, headers: { accept: '*/*' } })).body).toContain('the SPA');
  });
});

describe('plain http with no https address configured', () => {
  let srv: Awaited<ReturnType<typeof firstRunServer>>;
  beforeAll(async () => {
    srv = await firstRunServer('sqlite', null);
  });
  afterAll(() => srv.close());

  it('says to ask whoever runs the server, naming the setting', async () => {
    const res = await send(srv.base, 'GET', '/', { host: SCHOOL, headers: page });
    expect(res.body).toContain('ask whoever runs the Rollcall server to set up HTTPS and set PUBLIC_URL');
    const refused = await send(srv.base, 'POST', '/api/auth/setup', { host: SCHOOL, body: ADMIN });
    expect(refused.json.error).toEqual({ code: 'insecure-connection', message: expect.stringContaining('PUBLIC_URL') });
  });
});

describe('PUBLIC_URL', () => {
  it('is the https origin laptops open, unset by default', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'https://rollcall.school.lan/' }).publicUrl).toBe('https://rollcall.school.lan');
    expect(loadConfig({ PUBLIC_URL: 'https://rollcall.school.lan:8443' }).publicUrl).toBe('https://rollcall.school.lan:8443');
  });

  it.each(['http://rollcall.school.lan', 'rollcall.school.lan', 'https://rollcall.school.lan/app'])('stops on %s and names the variable', (value) => {
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(/^PUBLIC_URL: /);
  });
});
