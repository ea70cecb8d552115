// Browser benchmark: the web app's own recognition loop (face worker, cross-origin isolated wasm
// threads, light path for decided tracks) in headless Chromium (Debian's, wasm) against the naive
// loop on the same camera file: every face of every frame detected and embedded on the page's main
// thread (scripts/bench/naive-page). The fake camera is a classroom of 1, 3 and 8 real people:
// genuine clips of ../shared/realvid side by side, each person enrolled from frames of their own
// clip (scenes/real-people.ts). Real people, because the loop's speed depends on what it sees: a
// live face is decided and goes on the light path, while pasted photos are pictures to the texture
// model and stay on the full path in Needs review (so do the 8 people's faces in two rows of
// clips, which that model reads as a wall of screens). Without the footage the bench falls back to twd
// photos (scenes/photos.ts) and says that its faces are pictures. Frames per second are counted
// over a fixed window after a warm-up; main-thread long tasks (over 50 ms) come from a
// PerformanceObserver in the page during that window; the faces marked and waiting for review at
// the end show whether the light path could run (a screenshot of each page goes to the temp folder).
// `--steps` adds the loop with one improvement switched on at a time; `--no-liveness-step` adds Rollcall with the liveness check off.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer } from 'vite';
import { Class, ClassSession } from '@rollcall/contracts';
import { createNodeFaceEngine, DEFAULT_MODEL_DIR } from '@rollcall/face/node';
import { cameraArgs, CAN_RUN, launch, REALVID, rosterCached, serveApp, setupAdmin } from '../../apps/web/test/harness.ts';
import { photoScene } from './scenes/photos.ts';
import { realScene } from './scenes/real-people.ts';
import type { BenchScene } from './scenes/scene.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Window {
  frames: number;
  seconds: number;
  longTasks: number[];
  faces: number;
  backend: string;
  /** The machine's 1-minute load average at the end of the window (it is shared). */
  load: number;
  /** Rollcall's page at the end of the window: students marked, and faces waiting for review. */
  marked?: string[];
  review?: string[];
}

/** How the app's loop runs in one measurement. */
interface Variant {
  name: string;
  /** Serve without COEP, so the page is not cross-origin isolated (one wasm thread). */
  noIsolation: boolean;
  /** The "Re-check recognised faces every frame" setting: no light path. */
  embedDecided: boolean;
  /** The "Liveness check" setting off (not a shipped setting): a face is decided on its match alone, so this shows the light path whatever the scene's faces look like. */
  noLiveness?: boolean;
}

const ROLLCALL: Variant = { name: 'rollcall', noIsolation: false, embedDecided: false };
// One improvement added at a time on top of the naive loop: the worker, then the light path, then
// threads (= Rollcall as shipped).
const STEPS: Variant[] = [
  { name: 'worker only', noIsolation: true, embedDecided: true },
  { name: 'worker + light path', noIsolation: true, embedDecided: false },
];
// `--no-liveness-step`: Rollcall as shipped but with the liveness check off (not a shipped setting).
const NO_LIVENESS: Variant = { name: 'rollcall, liveness off', noIsolation: false, embedDecided: false, noLiveness: true };

// Every long task the page's main thread runs, from the moment it starts.
const LONG_TASKS = `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

async function measure(
  page: Page,
  frames: () => Promise<{ frames: number; faces: number }>,
  warmFrames: number,
  seconds: number,
): Promise<Omit<Window, 'backend'>> {
  for (const deadline = Date.now() + 600_000; (await frames()).frames < warmFrames;) {
    if (Date.now() > deadline) throw new Error(`fewer than ${warmFrames} frames in 10 minutes`);
    await page.waitForTimeout(250);
  }
  const start = { ...(await frames()), at: Date.now(), tasks: await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length) };
  await page.waitForTimeout(seconds * 1000);
  const end = { ...(await frames()), at: Date.now() };
  const longTasks = await page.evaluate((from) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(from), start.tasks);
  return { frames: end.frames - start.frames, seconds: (end.at - start.at) / 1000, longTasks, faces: end.faces, load: round(os.loadavg()[0]!) };
}

/** Students marked on the page and the faces waiting for review, with a screenshot of the page. */
async function outcome(page: Page, shot: string): Promise<{ marked: string[]; review: string[] }> {
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  return {
    marked: await page.getByRole('log', { name: 'Attendance log' }).locator('.log-id').allTextContents(),
    // Each item's first two lines: who it looks like and why it waits, then the core's detail.
    review: await Promise.all(
      (await page.getByRole('region', { name: 'Needs review' }).getByRole('listitem').all()).map(async (item) =>
        (await item.locator('p').allTextContents()).slice(0, 2).join(' '),
      ),
    ),
  };
}

/** The real people when the footage is there (as many as the largest scene), else the twd photos. */
async function chooseScene(dir: string, most: number, log: (m: string) => void): Promise<BenchScene> {
  const engine = await createNodeFaceEngine();
  try {
    if (existsSync(path.join(REALVID, 'labels.csv'))) return await realScene(engine, dir, most);
    log(`No real footage at ${REALVID} (labels.csv): falling back to photos.`);
    return await photoScene(engine);
  } finally {
    await engine.dispose();
  }
}

export async function run(args: string[]) {
  if (!CAN_RUN) {
    console.log('browser bench skipped: it needs Chromium, the face photos and the models (see the warnings above)');
    return;
  }
  const arg = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
  const seconds = arg('--seconds', 30);
  const warmFrames = arg('--warm', 10);
  const only = args.includes('--scenes') ? args[args.indexOf('--scenes') + 1]!.split(',').map(Number) : [1, 3, 8];
  const json = args.includes('--json');
  const log = (m: string) => (json ? console.error(m) : console.log(m));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-'));
  const server = await serveApp();
  const naiveServer = await createServer({
    root: path.join(here, 'naive-page'),
    publicDir: DEFAULT_MODEL_DIR,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [path.resolve(here, '../..')] } },
  });
  await naiveServer.listen();
  const naiveBase = `http://localhost:${(naiveServer.httpServer!.address() as AddressInfo).port}`;
  try {
    const { name, value } = await setupAdmin(server.base, { email: 'bench@school.example', name: 'Bench', password: 'bench passphrase 1' });
    const call = (method: string, p: string, body: unknown) =>
      fetch(server.base + p, { method, headers: { 'content-type': 'application/json', cookie: `${name}=${value}` }, body: JSON.stringify(body) });
    const scene = await chooseScene(tmp, Math.max(...only), log);
    for (const note of scene.notes) log(note);
    for (const p of scene.people) {
      await call('POST', '/api/students', { studentId: p.studentId, name: p.name });
      await call('POST', `/api/students/${p.studentId}/consent`, { status: 'granted', onBehalfOf: 'parent' });
      await call('POST', `/api/students/${p.studentId}/embeddings`, { embeddings: p.embeddings });
    }

    const variants = [ROLLCALL, ...(args.includes('--steps') ? STEPS : []), ...(args.includes('--no-liveness-step') ? [NO_LIVENESS] : [])];
    const scenes = [];
    for (const faces of only) {
      if (faces > scene.maxFaces) {
        log(`${faces} face(s): skipped, the scene has only ${scene.maxFaces} people (see above)`);
        continue;
      }
      const flags = cameraArgs(scene.camera(tmp, faces));
      // A class of the scene's people, taken in a session of its own by each run, as a teacher
      // does: the page preselects the one class with a session running, and its register counts
      // only this run's marks.
      const cls = Class.parse(
        await (await call('POST', '/api/classes', { name: `Bench ${faces} face(s)`, studentIds: scene.people.slice(0, faces).map((p) => p.studentId) })).json(),
      );
      const results: Record<string, Window> = {};
      for (const v of variants) {
        const session = ClassSession.parse(await (await call('POST', `/api/classes/${cls.id}/sessions`, { lateAfterMinutes: 60 })).json());
        const browser = await launch(flags);
        try {
          // No service worker: it would answer requests before the header rewrite below sees them.
          const context = await browser.newContext({ permissions: ['camera'], serviceWorkers: 'block' });
          await context.addCookies([{ name, value, url: server.base }]);
          await context.addInitScript(LONG_TASKS);
          if (v.noIsolation) {
            // Not the API: its event stream never ends, and isolation comes from the page's headers.
            await context.route(
              (url) => !url.pathname.startsWith('/api/'),
              async (route) => {
                const res = await route.fetch();
                const headers = { ...res.headers() };
                delete headers['cross-origin-embedder-policy'];
                await route.fulfill({ response: res, headers });
              },
            );
          }
          const page = await context.newPage();
          await page.goto(`${server.base}/#/settings`);
          const box = page.getByLabel('Re-check recognised faces every frame');
          // The setting sits in Settings' closed "Advanced" section.
          if (!(await box.isVisible())) await page.getByText('Advanced: how recognition decides').click();
          if ((await box.isChecked()) !== v.embedDecided) await box.click();
          const liveness = page.getByLabel('Liveness check');
          if ((await liveness.isChecked()) === Boolean(v.noLiveness)) await liveness.click();
          await page.getByRole('button', { name: 'Save settings' }).click();
          await page.getByText('Settings saved on this device.').waitFor();
          await page.goto(`${server.base}/#/attendance`);
          await rosterCached(page).waitFor({ timeout: 60_000 });
          await page
            .getByRole('region', { name: 'Register' })
            .getByRole('heading', { name: /^0 of \d+ here$/ })
            .waitFor({ timeout: 60_000 });
          await page.getByRole('button', { name: 'Start camera' }).click();
          await page.getByRole('button', { name: 'Start recognition' }).click();
          const speed = async () => {
            const text = (await page.getByLabel('Recognition speed').textContent()) ?? '';
            return { frames: Number(/(\d+) frames ·/.exec(text)?.[1] ?? 0), faces: Number(/(\d+) face\(s\)/.exec(text)?.[1] ?? 0) };
          };
          const w = await measure(page, speed, warmFrames, seconds);
          const isolated = await page.evaluate(() => crossOriginIsolated);
          const embedded = (await page.getByLabel('Recognition speed').textContent())?.match(/(\d+) embedded/)?.[1];
          const shot = path.join(os.tmpdir(), `rollcall-bench-${faces}-${v.name.replace(/\W+/g, '-')}.png`);
          const seen = await outcome(page, shot);
          results[v.name] = {
            ...w,
            ...seen,
            backend: `${(await page.getByLabel('Face recognition', { exact: true }).getAttribute('data-backend')) ?? ''}${isolated ? ' isolated' : ''}, ${embedded ?? '?'} embedded last frame`,
          };
          log(
            `${faces} face(s), ${v.name}: ${w.frames} frames in ${w.seconds.toFixed(1)} s, ${w.faces} faces seen, long tasks ${w.longTasks.length} (max ${Math.max(0, ...w.longTasks).toFixed(0)} ms), ${results[v.name]!.backend}, load ${w.load}`,
          );
          log(
            `  marked ${seen.marked.length} of ${cls.studentCount}: ${seen.marked.join(', ') || 'nobody'}; needs review ${seen.review.length}${seen.review.map((t) => `\n    ${t}`).join('')}`,
          );
          log(`  screenshot: ${shot}`);
        } finally {
          await browser.close();
          await call('PATCH', `/api/sessions/${session.id}`, { endsAt: new Date().toISOString() });
        }
      }
      const browser = await launch(flags);
      try {
        const context = await browser.newContext({ permissions: ['camera'] });
        await context.addInitScript(LONG_TASKS);
        const page = await context.newPage();
        await page.goto(naiveBase);
        const counter = () => page.evaluate(() => ({ frames: window.naive?.frames ?? 0, faces: window.naive?.faces ?? 0 }));
        const w = await measure(page, counter, Math.min(warmFrames, 3), seconds);
        results.naive = { ...w, backend: await page.evaluate(() => window.naive.backend) };
        log(
          `${faces} face(s), naive: ${w.frames} frames in ${w.seconds.toFixed(1)} s, ${w.faces} faces seen, long tasks ${w.longTasks.length} (max ${Math.max(0, ...w.longTasks).toFixed(0)} ms), load ${w.load}`,
        );
      } finally {
        await browser.close();
      }
      const fps = (w: Window) => w.frames / w.seconds;
      const summary = (w: Window) => ({
        fps: round(fps(w)),
        longTaskMaxMs: Math.round(Math.max(0, ...w.longTasks)),
        longTaskTotalMs: Math.round(w.longTasks.reduce((s, d) => s + d, 0)),
        backend: w.backend,
        load: w.load,
      });
      const r = results.rollcall!;
      const n = results.naive!;
      scenes.push({
        name: `${faces} face${faces === 1 ? '' : 's'}`,
        faces,
        rollcallFps: round(fps(r)),
        naiveFps: round(fps(n)),
        ratio: fps(n) > 0 ? round(fps(r) / fps(n)) : null,
        roster: cls.studentCount,
        marked: r.marked?.length ?? 0,
        review: r.review?.length ?? 0,
        longTaskMaxMs: summary(r).longTaskMaxMs,
        longTaskTotalMs: summary(r).longTaskTotalMs,
        naiveLongTaskMaxMs: summary(n).longTaskMaxMs,
        naiveLongTaskTotalMs: summary(n).longTaskTotalMs,
        windowSeconds: seconds,
        load: [r.load, n.load],
        ...((args.includes('--steps') || args.includes('--no-liveness-step')) && {
          steps: Object.fromEntries(Object.entries(results).map(([k, w]) => [k, summary(w)])),
        }),
      });
    }
    if (json) {
      console.log(JSON.stringify({ scenes }));
      return;
    }
    console.log(`Browser loop, headless Chromium, wasm, ${scene.title} (${seconds} s window after ${warmFrames} frames)`);
    console.log('scene    | Rollcall frames/s | naive frames/s | ratio | long tasks max / total ms (Rollcall) | (naive)       | marked / review (Rollcall)');
    for (const s of scenes)
      console.log(
        `${s.name.padEnd(8)} | ${String(s.rollcallFps).padStart(17)} | ${String(s.naiveFps).padStart(14)} | ${String(s.ratio).padStart(5)} | ${`${s.longTaskMaxMs} / ${s.longTaskTotalMs}`.padStart(36)} | ${`${s.naiveLongTaskMaxMs} / ${s.naiveLongTaskTotalMs}`.padEnd(13)} | ${s.marked} of ${s.roster} / ${s.review}`,
      );
  } finally {
    await naiveServer.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
