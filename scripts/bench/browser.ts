// Browser benchmark: the web app's own recognition loop (face worker, cross-origin isolated wasm
// threads, light path for decided tracks) in headless Chromium (Debian's, wasm) on a fake camera
// made from real photos with 1, 3 and 8 faces in view, against the naive loop in the same run:
// every face of every frame detected and embedded on the page's main thread (scripts/bench/
// naive-page). Frames per second are counted over a fixed window after a warm-up; main-thread
// long tasks (over 50 ms) come from a PerformanceObserver in the page during that window.
// `--steps` adds the loop with one improvement switched on at a time; `--no-liveness-step` adds Rollcall with the liveness check off.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer } from 'vite';
import { encodeVector } from '@rollcall/contracts';
import { DEFAULT_GATES, enrolmentQuality } from '@rollcall/face';
import { createNodeFaceEngine, decodeImage, DEFAULT_MODEL_DIR } from '@rollcall/face/node';
import { CAN_RUN, faceCrops, launch, photo, serveApp, setupAdmin } from '../../apps/web/test/harness.ts';

/** Each person's square in the fake camera's grid (at most 4 a row: 1280 px wide with 4 or more). */
const CELL = 320;

const here = path.dirname(fileURLToPath(import.meta.url));

interface Window {
  frames: number;
  seconds: number;
  longTasks: number[];
  faces: number;
  backend: string;
  /** The machine's 1-minute load average at the end of the window (it is shared). */
  load: number;
}

/** How the app's loop runs in one measurement. */
interface Variant {
  name: string;
  /** Serve without COEP, so the page is not cross-origin isolated (one wasm thread). */
  noIsolation: boolean;
  /** The "Re-check recognised faces every frame" setting: no light path. */
  embedDecided: boolean;
  /** The "Liveness check" setting off: the bench's faces are photos swapped each second, which rarely look live, so tracks stay undecided; this shows the light path once they are decided. */
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
    const engine = await createNodeFaceEngine();
    for (const who of ['daryl', 'rick', 'negan']) {
      await call('POST', '/api/students', { studentId: who.toUpperCase(), name: who });
      await call('POST', `/api/students/${who.toUpperCase()}/consent`, { status: 'granted', onBehalfOf: 'parent' });
      const embeddings = [];
      for (const i of [1, 2]) {
        const face = (await engine.analyze(await decodeImage(new Uint8Array(readFileSync(photo(`twd/${who}`, `${who}${i}.jpg`)))))).faces[0];
        if (face)
          embeddings.push({
            modelId: face.embedding.modelId,
            vector: encodeVector(face.embedding.vector),
            quality: enrolmentQuality(face, DEFAULT_GATES),
            sourceHash: `${who}${i}`.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'),
          });
      }
      await call('POST', `/api/students/${who.toUpperCase()}/embeddings`, { embeddings });
    }
    // Each photo cut around its face, so a person's face keeps its place and size in the cell as
    // their photos change (as a seated student's does); whole photos scaled to the cell moved the
    // face each time, the tracker saw a new face, and no track was ever decided.
    const people = ['daryl', 'rick', 'negan'];
    const crops = new Map(
      (
        await faceCrops(
          engine,
          people.flatMap((who) => [1, 2, 3, 4].map((k) => photo(`twd/${who}`, `${who}${k}.jpg`))),
        )
      ).map((c) => [c.file, c]),
    );
    await engine.dispose();

    // Fake cameras: n faces in a grid (at most 4 a row). Each cell is a sequence of different
    // photos of one person (a new photo every half second) with fresh noise on every frame: a
    // still photo would be a presentation attack to the liveness rule and never be decided.
    const scene = (n: number) => {
      const out = path.join(tmp, `${n}.y4m`);
      const perRow = Math.min(4, n);
      const rows = Math.ceil(n / perRow);
      const cellInputs = Array.from({ length: n }, (_, c) =>
        [1, 2, 3, 4].map((k) => photo(`twd/${people[c % 3]}`, `${people[c % 3]}${((k + c) % 4) + 1}.jpg`)),
      );
      const inputs = cellInputs.flat();
      const cells = cellInputs.map((seq, c) => {
        const parts = seq.map((file, k) => {
          const f = crops.get(file)!;
          return `[${c * 4 + k}:v]pad=iw+2*${f.size}:ih+2*${f.size}:${f.size}:${f.size}:color=gray,crop=${f.size}:${f.size}:${Math.round(f.x + f.size)}:${Math.round(f.y + f.size)},scale=${CELL}:${CELL},setsar=1,fps=10[p${c}_${k}]`;
        });
        return `${parts.join('; ')}; ${seq.map((_, k) => `[p${c}_${k}]`).join('')}concat=n=${seq.length}:v=1:a=0[c${c}]`;
      });
      const grid =
        rows === 1
          ? `${cellInputs.map((_, i) => `[c${i}]`).join('')}${n > 1 ? `hstack=inputs=${n}` : 'null'}[g]`
          : `${cellInputs.map((_, i) => `[c${i}]`).join('')}xstack=inputs=${n}:layout=${cellInputs.map((_, i) => `${(i % perRow) * CELL}_${Math.floor(i / perRow) * CELL}`).join('|')}[g]`;
      const filter = `${cells.join('; ')}; ${grid}; [g]noise=alls=4:allf=t,format=yuv420p[v]`;
      execFileSync('ffmpeg', [
        '-y',
        '-loglevel',
        'error',
        ...inputs.flatMap((i) => ['-loop', '1', '-t', '0.5', '-framerate', '10', '-i', i]),
        '-filter_complex',
        filter,
        '-map',
        '[v]',
        '-r',
        '10',
        out,
      ]);
      return out;
    };

    const variants = [ROLLCALL, ...(args.includes('--steps') ? STEPS : []), ...(args.includes('--no-liveness-step') ? [NO_LIVENESS] : [])];
    const scenes = [];
    for (const faces of only) {
      const camera = scene(faces);
      const flags = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`];
      const results: Record<string, Window> = {};
      for (const v of variants) {
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
          await page
            .getByLabel('Sync')
            .filter({ hasText: /revision [1-9]/ })
            .waitFor({ timeout: 60_000 });
          await page.getByRole('button', { name: 'Start camera' }).click();
          await page.getByRole('button', { name: 'Start recognition' }).click();
          const speed = async () => {
            const text = (await page.getByLabel('Recognition speed').textContent()) ?? '';
            return { frames: Number(/(\d+) frames ·/.exec(text)?.[1] ?? 0), faces: Number(/(\d+) face\(s\)/.exec(text)?.[1] ?? 0) };
          };
          const w = await measure(page, speed, warmFrames, seconds);
          const isolated = await page.evaluate(() => crossOriginIsolated);
          const marked = (await page.getByLabel('Recognition speed').textContent())?.match(/(\d+) embedded/)?.[1];
          results[v.name] = {
            ...w,
            backend: `${(await page.getByLabel('Inference backend').textContent()) ?? ''}${isolated ? ' isolated' : ''}, ${marked ?? '?'} embedded last frame`,
          };
          log(
            `${faces} face(s), ${v.name}: ${w.frames} frames in ${w.seconds.toFixed(1)} s, ${w.faces} faces seen, long tasks ${w.longTasks.length} (max ${Math.max(0, ...w.longTasks).toFixed(0)} ms), ${results[v.name]!.backend}, load ${w.load}`,
          );
        } finally {
          await browser.close();
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
    console.log(`Browser loop, headless Chromium, wasm, fake camera from twd photos with per-frame noise (${seconds} s window after ${warmFrames} frames)`);
    console.log('scene    | Rollcall frames/s | naive frames/s | ratio | long tasks max / total ms (Rollcall) | (naive)');
    for (const s of scenes)
      console.log(
        `${s.name.padEnd(8)} | ${String(s.rollcallFps).padStart(17)} | ${String(s.naiveFps).padStart(14)} | ${String(s.ratio).padStart(5)} | ${`${s.longTaskMaxMs} / ${s.longTaskTotalMs}`.padStart(36)} | ${s.naiveLongTaskMaxMs} / ${s.naiveLongTaskTotalMs}`,
      );
  } finally {
    await naiveServer.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
