// Browser test harness: builds the web app, serves it from the real API (SQLite in a temp
// folder) on localhost (a secure context, as getUserMedia and service workers need), and drives
// Debian's Chromium with playwright-core on the wasm backend. Skips loudly without Chromium, the
// face photos or (where a test needs real people) the real footage.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { encodeVector } from '@rollcall/contracts';
import { checkEnrolmentPhoto, DEFAULT_GATES, enrolmentQuality, type FaceEngine } from '@rollcall/face';
import { decodeImage } from '@rollcall/face/node';
import { build } from 'vite';
import { createApp } from '../../api/src/app.ts';
import { openDatabase, type Database } from '../../api/src/db/database.ts';
import { migrateToLatest } from '../../api/src/db/migrator.ts';
import { CLIP_STEP, CLIP_STEPS, CLIP_TARGETS, nearby } from '../../cli/src/realvid/enrol.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = path.resolve(here, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FACES = path.resolve(process.env.FACES_DIR ?? path.join(WEB_ROOT, '../../../shared/faces'));
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const HAVE_FACES = existsSync(path.join(FACES, 'twd'));
export const HAVE_MODELS = existsSync(path.join(WEB_ROOT, 'public/models/manifest.json'));
/** Real footage of people and replays (read at test time, never copied into the project). */
export const REALVID = path.resolve(process.env.REALVID_DIR ?? path.join(WEB_ROOT, '../../../shared/realvid'));

for (const [ok, why] of [
  [HAVE_CHROMIUM, `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`],
  [HAVE_FACES, `no face photos at ${FACES}`],
  [HAVE_MODELS, 'no models in apps/web/public/models (pnpm install copies them)'],
] as const) {
  if (!ok) console.warn(`[web] SKIPPING browser tests: ${why}`);
}
export const CAN_RUN = HAVE_CHROMIUM && HAVE_FACES && HAVE_MODELS;

// Root in a container needs --no-sandbox; the rest keep Chromium off the closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

let built: Promise<string> | null = null;
/**
 * One production build per test file (the service worker only registers in production), into a
 * folder of its own: two files building into apps/web/dist at once emptied it under each
 * other's pages (a page then waited for a script that was not there).
 */
export function buildWeb(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-dist-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    // Vitest sets NODE_ENV=test, and Vite would then build React's development bundle with
    // import.meta.env.PROD false (no service worker): build exactly what `pnpm start` serves.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: WEB_ROOT, mode: 'production', logLevel: 'error', build: { sourcemap: false, outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = previous;
    }
    return outDir;
  })();
  return built;
}

export interface WebServer {
  base: string;
  database: Database;
  close(): Promise<void>;
}

/** `now`: the server's clock (a test that moves the page's clock past a bell moves this one with it). */
export async function serveApp(opts: { now?: () => number } = {}): Promise<WebServer> {
  const webDist = await buildWeb();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-web-'));
  const database = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'db.sqlite') });
  await migrateToLatest(database.db);
  const { app, hub } = createApp({
    config: {
      cooldownSeconds: 60,
      bodyLimit: '2mb',
      webDist,
      logRequests: false,
      corsOrigins: [],
      retentionDays: null,
      markPostsPerMinute: 10_000,
      trustProxy: false,
    },
    database,
    log: () => {},
    ...(opts.now && { now: opts.now }),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  // "localhost", not 127.0.0.1: both are secure contexts, but this is what a teacher types.
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    base,
    database,
    async close() {
      hub.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Whether ffmpeg (which builds the fake camera files) is installed; says loudly which test skips without it. */
export function haveFfmpeg(skipping: string): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn(`[web] SKIPPING ${skipping}: no ffmpeg (apt-get install -y ffmpeg)`);
    return false;
  }
}

export const photo = (set: string, file: string) => path.join(FACES, set, file);

/** Whether the real footage is there; says loudly which test skips without it. */
export function haveRealvid(skipping: string): boolean {
  const ok = existsSync(path.join(REALVID, 'labels.csv'));
  if (!ok) console.warn(`[web] SKIPPING ${skipping}: no real footage at ${REALVID}`);
  return ok;
}

export const realClip = (file: string) => path.join(REALVID, file);

/** A square region of a photo (pixels) around a face: a fake camera shows it at one fixed place. */
export interface FaceCrop {
  file: string;
  x: number;
  y: number;
  size: number;
}

export const cameraArgs = (file: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];

/**
 * A fresh Chromium whose fake camera shows `camera`, signed in with `cookie`, on Take attendance
 * with the roster cached on the device (recognition knows nobody before that).
 */
export async function openTakeAttendance(
  base: string,
  cookie: { name: string; value: string; url: string },
  camera: string,
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launch(cameraArgs(camera));
  const context = await browser.newContext({ permissions: ['camera'] });
  await context.addCookies([cookie]);
  const page = await context.newPage();
  if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text().slice(0, 200)}`));
  await page.goto(base);
  await waitForTakeAttendance(page);
  return { browser, page };
}

/** The status bar's class-lists pill once a roster is cached on the device (its revision, kept for Details, is an attribute). */
export const rosterCached = (page: Page) => page.locator('[aria-label="Sync"][data-revision]:not([data-revision="0"])');

/** Take attendance is shown and the roster is cached on the device. */
export async function waitForTakeAttendance(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Take attendance' }).waitFor({ timeout: 90_000 });
  await rosterCached(page).waitFor({ timeout: 30_000 });
}

/** Square crops around the largest face of each photo (found by the Node engine), `scale` times its width. */
/**
 * Square crops around faces (found by the Node engine), `scale` times the face's width: the
 * largest face of each photo, or with `perPhoto` > 1 that many of the largest, left to right.
 */
export async function faceCrops(engine: FaceEngine, files: readonly string[], scale = 2.2, perPhoto = 1): Promise<FaceCrop[]> {
  const out: FaceCrop[] = [];
  for (const file of files) {
    const faces = (await engine.analyze(await decodeImage(new Uint8Array(readFileSync(file))))).faces;
    const found = [...faces]
      .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])
      .slice(0, perPhoto)
      .sort((a, b) => a.box[0] - b.box[0]);
    if (found.length < perPhoto) throw new Error(`found ${found.length} of ${perPhoto} faces in ${file}: it cannot be used in a fake camera sequence`);
    for (const f of found) {
      const size = Math.round(scale * Math.max(f.box[2], f.box[3]));
      out.push({ file, x: f.box[0] + f.box[2] / 2 - size / 2, y: f.box[1] + f.box[3] / 2 - size / 2, size });
    }
  }
  return out;
}

/**
 * A STILL camera: one photo, every frame identical (ffmpeg -loop 1): what a photo on a stand or
 * a frozen screen looks like: an attack, it marks nobody.
 */
export function stillCamera(out: string, file: string, seconds = 2): string {
  execFileSync('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    '-loop',
    '1',
    '-i',
    file,
    '-t',
    String(seconds),
    '-r',
    '10',
    '-vf',
    'scale=trunc(iw/2)*2:trunc(ih/2)*2',
    '-pix_fmt',
    'yuv420p',
    out,
  ]);
  return out;
}

/**
 * A PHOTO-SWAP camera: people side by side, each shown as a sequence of DIFFERENT photos of them
 * (one per `secondsEach`, the face cropped to the same place, so it stays one track), with sensor
 * noise that changes every frame (noise=alls=4:allf=t). Pasted photos are pictures to the
 * presentation-attack model: a test that needs a live person to be marked uses real footage
 * (`clipCamera`); this serves strangers, enrolment by camera, and tests with liveness off.
 * `people[i]` lists person i's crops; all people need the same number of them. Chromium loops the file.
 */
export function sequenceCamera(out: string, people: readonly (readonly FaceCrop[])[], secondsEach = 1, cell = 480): string {
  const steps = people[0]!.length;
  const args = ['-y', '-loglevel', 'error'];
  for (let k = 0; k < steps; k++) for (const crops of people) args.push('-loop', '1', '-t', String(secondsEach), '-framerate', '10', '-i', crops[k]!.file);
  const parts: string[] = [];
  const rows: string[] = [];
  for (let k = 0; k < steps; k++) {
    const cells = people.map((crops, i) => {
      const c = crops[k]!;
      const label = `c${k}_${i}`;
      // Crop a square around the face (padded when it runs off the photo) and scale it to the cell.
      parts.push(
        `[${k * people.length + i}:v]pad=iw+2*${c.size}:ih+2*${c.size}:${c.size}:${c.size}:color=gray,crop=${c.size}:${c.size}:${Math.round(c.x + c.size)}:${Math.round(c.y + c.size)},scale=${cell}:${cell},setsar=1,format=yuv420p[${label}]`,
      );
      return `[${label}]`;
    });
    parts.push(people.length > 1 ? `${cells.join('')}hstack=inputs=${people.length}[s${k}]` : `${cells[0]}null[s${k}]`);
    rows.push(`[s${k}]`);
  }
  parts.push(`${rows.join('')}concat=n=${steps}:v=1:a=0,fps=10,noise=alls=4:allf=t,format=yuv420p[out]`);
  execFileSync('ffmpeg', [...args, '-filter_complex', parts.join(';'), '-map', '[out]', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/**
 * A camera of REAL people: the first `seconds` of each clip in turn (at 640 px wide, the first
 * clip's shape, and 15 fps), then the whole of that reversed, so Chromium's loop has no jump: it
 * sees each person for one unbroken stretch of 2 x `seconds` (the last clip's straddles the
 * reversal, the first's the loop) and the cut between two people starts a new track.
 */
export function clipCamera(out: string, clips: readonly string[], seconds = 6): string {
  const [w, h] = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', clips[0]!])
    .toString()
    .trim()
    .split(',')
    .map(Number) as [number, number];
  const height = 2 * Math.round((640 * h) / w / 2);
  const args = ['-y', '-loglevel', 'error'];
  for (const clip of clips) args.push('-t', String(seconds), '-i', clip);
  const parts = clips.map(
    (_, i) => `[${i}:v]fps=15,scale=640:${height}:force_original_aspect_ratio=decrease,pad=640:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[c${i}]`,
  );
  const inputs = clips.map((_, i) => `[c${i}]`).join('');
  parts.push(`${inputs}concat=n=${clips.length}:v=1:a=0,split[f][b]`, '[b]reverse[r]', '[f][r]concat=n=2:v=1:a=0[out]');
  execFileSync('ffmpeg', [...args, '-filter_complex', parts.join(';'), '-map', '[out]', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/** An enrolment embedding as POST /api/students/:id/embeddings takes it. */
export type Enrolment = { modelId: string; vector: string; quality: number; sourceHash: string };

/** An embedding of the photo through the real enrolment gates, or why the Students page would refuse it. */
async function enrolmentOf(engine: FaceEngine, file: string): Promise<Enrolment | string> {
  const bytes = readFileSync(file);
  const check = await checkEnrolmentPhoto(engine, await decodeImage(new Uint8Array(bytes)), DEFAULT_GATES);
  if (check.reasons.length > 0) return check.reasons.join(', ');
  const face = check.faces[0]!;
  return {
    modelId: face.embedding.modelId,
    vector: encodeVector(face.embedding.vector),
    quality: enrolmentQuality(face, DEFAULT_GATES),
    sourceHash: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Embeddings of photos through the real enrolment gates: a refused photo fails the test with its reasons. */
export async function enrolFromPhotos(engine: FaceEngine, files: readonly string[]): Promise<Enrolment[]> {
  const out: Enrolment[] = [];
  for (const file of files) {
    const got = await enrolmentOf(engine, file);
    if (typeof got === 'string') throw new Error(`${file} is refused for enrolment: ${got}`);
    out.push(got);
  }
  return out;
}

/** A PNG of the clip's frame at `percent` % of its length. */
function clipFrame(dir: string, clip: string, duration: number, percent: number): string {
  const out = path.join(dir, `${path.basename(clip, '.mp4')}-${percent}.png`);
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-ss', ((duration * percent) / 100).toFixed(2), '-i', clip, '-frames:v', '1', out]);
  return out;
}

/**
 * Enrolment from frames of a clip (PNGs written into `dir`), chosen as `rollcall realvid` chooses
 * them (CLIP_TARGETS % of its length; a refused frame, a blink or motion blur, replaced by the
 * nearest one that passes), as an admin picks another photo when the Students page says why one was refused.
 */
export async function enrolFromClip(engine: FaceEngine, dir: string, clip: string): Promise<Enrolment[]> {
  const duration = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', clip]).toString().trim());
  const out: Enrolment[] = [];
  for (const target of CLIP_TARGETS) {
    const refused: string[] = [];
    let got: Enrolment | null = null;
    for (const percent of nearby(target, CLIP_STEP, CLIP_STEPS, 0, 98)) {
      if (got) break;
      const r = await enrolmentOf(engine, clipFrame(dir, clip, duration, percent));
      if (typeof r === 'string') refused.push(`${percent} %: ${r}`);
      else got = r;
    }
    if (!got) throw new Error(`no frame of ${clip} near ${target} % passes the enrolment gates (${refused.join('; ')})`);
    out.push(got);
  }
  return out;
}

/** A 24-bit BMP of a smooth gradient: an image with no face in it, made here rather than stored. */
export function gradientBmp(width = 320, height = 240): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + row * height);
  buf.write('BM', 0);
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = 54 + y * row + x * 3;
      buf[o] = (x * 255) / width;
      buf[o + 1] = (y * 255) / height;
      buf[o + 2] = 128;
    }
  }
  return buf;
}

/** A page that records uncaught page errors (tests assert there were none) and, with E2E_DEBUG, echoes the console. */
export async function openPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text()}`));
  return { context, page, errors };
}

/** Goes through the first-run screen and waits for the signed-in shell. */
/** The first admin, created through the API (no page): the name and value of their session cookie. */
export async function setupAdmin(base: string, admin: { email: string; name: string; password: string }) {
  const res = await fetch(`${base}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (!res.ok) throw new Error(`first admin: ${res.status} ${await res.text()}`);
  const [name, value] = res.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];
  return { name, value };
}

export async function createFirstAdmin(page: import('playwright-core').Page, base: string, admin: { email: string; password: string }) {
  await page.goto(base);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Waits until the status bar says the device is ready offline (the service worker controls the
 * page and has cached the shell, every built file and every model file): only then may a test take
 * the network away. (Not page.waitForFunction with an async predicate: Playwright takes the
 * returned promise itself as truthy and returns at once, microsoft/playwright#29132.)
 */
export async function waitForOfflineReady(page: import('playwright-core').Page) {
  await page
    .getByLabel('Offline use', { exact: true })
    .filter({ hasText: /^Ready to work offline$/ })
    .waitFor({ timeout: 120_000 });
}

/**
 * JSON calls to the API as a signed-in user. The server and the session cookie are read at each
 * call: tests start the server and sign in in beforeAll, after the helper is made.
 */
export function apiAs(base: () => string, session: () => { name: string; value: string }) {
  return async <T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<T> => {
    const { name, value } = session();
    const res = await fetch(base() + p, {
      method,
      headers: { 'content-type': 'application/json', cookie: `${name}=${value}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return (await res.json()) as T;
  };
}

/** Records granted consent (for a parent) through the API, as a school does before enrolling faces. */
export async function grantConsent(api: (method: string, path: string, body?: unknown) => Promise<unknown>, ...studentIds: string[]): Promise<void> {
  await api('POST', '/api/consent', { entries: studentIds.map((studentId) => ({ studentId, status: 'granted', onBehalfOf: 'parent' })) });
}

const SCREENSHOTS = path.resolve(WEB_ROOT, '../../docs/screenshots');

/**
 * A screenshot for the README, written only with UPDATE_SCREENSHOTS=1: a plain test run must not
 * rewrite tracked files (times and names on screen differ from run to run).
 */
export async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage });
}
