// Plain http on a school name, in real Chromium: never a blank page. The Rollcall server answers
// with one sentence naming its https address (PUBLIC_URL) and no first-run form; the built app,
// should another server hand it out over plain http, shows one sentence of its own instead of
// crashing on the missing crypto.randomUUID and service worker.
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createApp } from '../../api/src/app.ts';
import { openDatabase } from '../../api/src/db/database.ts';
import { migrateToLatest } from '../../api/src/db/migrator.ts';
import { buildWeb, CAN_RUN, launch, openPage } from './harness.ts';

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, port: (server.address() as AddressInfo).port };
}

describe.skipIf(!CAN_RUN)('plain http on a school name', () => {
  let browser: Browser;
  let dist: string;
  beforeAll(async () => {
    dist = await buildWeb();
    browser = await launch(['--host-resolver-rules=MAP school.test 127.0.0.1']);
  }, 300_000);
  afterAll(() => browser?.close());

  it('the Rollcall server answers with one sentence naming its https address, and no first-run form', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-insecure-'));
    const database = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'db.sqlite') });
    await migrateToLatest(database.db);
    const config = {
      cooldownSeconds: 60,
      bodyLimit: '2mb',
      webDist: dist,
      logRequests: false,
      corsOrigins: [],
      retentionDays: null,
      markPostsPerMinute: 1000,
      trustProxy: false,
    };
    const { app, hub } = createApp({ config: { ...config, publicUrl: 'https://rollcall.school.test' }, database, log: () => {} });
    const { server, port } = await listen(app);
    try {
      const { context, page, errors } = await openPage(browser);
      await page.goto(`http://school.test:${port}/`);
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Open Rollcall at https://rollcall.school.test instead: this plain http address cannot use the camera or keep passwords private.');
      expect(await page.getByRole('link', { name: 'https://rollcall.school.test' }).getAttribute('href')).toBe('https://rollcall.school.test');
      expect(await page.getByLabel('Password').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      hub.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built app served by another server shows one sentence instead of a blank page', { timeout: 120_000 }, async () => {
    // A bare static server (no Rollcall API): the app itself must notice the insecure page.
    const { server, port } = await listen((req, res) => {
      const file = path.join(dist, new URL(req.url ?? '/', 'http://x').pathname);
      const found = file.startsWith(dist) && existsSync(file) && !file.endsWith('/') ? file : path.join(dist, 'index.html');
      const type = found.endsWith('.js')
        ? 'text/javascript'
        : found.endsWith('.css')
          ? 'text/css'
          : found.endsWith('.html')
            ? 'text/html'
            : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(found));
    });
    try {
      const { context, page, errors } = await openPage(browser);
      await page.goto(`http://school.test:${port}/`);
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(
          `Rollcall only works on a secure address: open https://school.test:${port}/ instead of http://school.test:${port}, and if that does not load, ask whoever runs the Rollcall server to set up HTTPS.`,
        );
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
