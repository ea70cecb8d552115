// Browser pipeline benchmark: the web app's own recognition loop in headless Chromium (Debian's,
// wasm backend) on a fake camera made from real photos, with 1 and with 5 faces in view. Reports
// per-frame detect / embed / match time, the achieved frames per second and faces recognised per
// second, next to the naive loop (every face embedded on every frame) in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeVector } from '@rollcall/contracts';
import { DEFAULT_GATES, enrolmentQuality } from '@rollcall/face';
import { createNodeFaceEngine, decodeImage } from '@rollcall/face/node';
import { CAN_RUN, launch, photo, serveApp } from '../../apps/web/test/harness.ts';

interface Sample {
  fps: number;
  detect: number;
  embed: number;
  match: number;
  faces: number;
  embedded: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function parse(text: string): (Sample & { frames: number }) | null {
  const m = /(\d+) frames · ([\d.]+) frames\/s · detect (\d+) ms · embed (\d+) ms · match ([\d.]+) ms · (\d+) face\(s\), (\d+) embedded/.exec(text);
  if (!m) return null;
  const [frames, fps, detect, embed, match, faces, embedded] = m.slice(1).map(Number) as number[];
  return { frames: frames!, fps: fps!, detect: detect!, embed: embed!, match: match!, faces: faces!, embedded: embedded! };
}

export async function run(args: string[]) {
  if (!CAN_RUN) {
    console.log('browser bench skipped: it needs Chromium, the face photos and the models (see the warnings above)');
    return;
  }
  const frames = Number(args[args.indexOf('--frames') + 1]) || 20;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-'));
  const server = await serveApp();
  try {
    const setup = await fetch(`${server.base}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@school.example', name: 'Bench', password: 'bench passphrase 1' }) });
    const [name, value] = setup.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];
    const call = (method: string, p: string, body: unknown) => fetch(server.base + p, { method, headers: { 'content-type': 'application/json', cookie: `${name}=${value}` }, body: JSON.stringify(body) });
    const engine = await createNodeFaceEngine();
    for (const who of ['daryl', 'rick', 'negan']) {
      await call('POST', '/api/students', { studentId: who.toUpperCase(), name: who });
      await call('POST', `/api/students/${who.toUpperCase()}/consent`, { status: 'granted', onBehalfOf: 'parent' });
      const embeddings = [];
      for (let i = 1; i <= 4; i++) {
        const face = (await engine.analyze(await decodeImage(new Uint8Array(readFileSync(photo(`twd/${who}`, `${who}${i}.jpg`)))))).faces[0];
        if (face) embeddings.push({ modelId: face.embedding.modelId, vector: encodeVector(face.embedding.vector), quality: enrolmentQuality(face, DEFAULT_GATES), sourceHash: `${who}${i}`.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a') });
      }
      await call('POST', `/api/students/${who.toUpperCase()}/embeddings`, { embeddings });
    }
    await engine.dispose();

    // Fake cameras: one face, and five faces side by side (five photos of the three people).
    const y4m = (file: string, inputs: string[], filter: string) => {
      const out = path.join(tmp, file);
      execFileSync('ffmpeg', ['-y', '-loglevel', 'error', ...inputs.flatMap((i) => ['-loop', '1', '-t', '2', '-i', i]), '-filter_complex', filter, '-r', '10', '-pix_fmt', 'yuv420p', out]);
      return out;
    };
    const one = y4m('one.y4m', [photo('twd/daryl', 'daryl1.jpg')], '[0:v]scale=1280:-2[v]; [v]format=yuv420p');
    const fivePhotos = [photo('twd/daryl', 'daryl1.jpg'), photo('twd/rick', 'rick1.jpg'), photo('twd/negan', 'negan1.jpg'), photo('twd/daryl', 'daryl3.jpg'), photo('twd/rick', 'rick3.jpg')];
    const five = y4m('five.y4m', fivePhotos, `${fivePhotos.map((_, i) => `[${i}:v]scale=-2:480,setsar=1[s${i}]`).join('; ')}; ${fivePhotos.map((_, i) => `[s${i}]`).join('')}hstack=inputs=5,scale=1920:-2[v]; [v]format=yuv420p`);

    const results: { scene: string; loop: string; s: Sample }[] = [];
    for (const [scene, file] of [['1 face', one], ['5 faces', five]] as const) {
      for (const naive of [false, true]) {
        const browser = await launch(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`]);
        try {
          const context = await browser.newContext({ permissions: ['camera'] });
          await context.addCookies([{ name, value, url: server.base }]);
          const page = await context.newPage();
          await page.goto(`${server.base}/#/settings`);
          const box = page.getByLabel('Re-check recognised faces every frame');
          if ((await box.isChecked()) !== naive) await box.click();
          await page.getByRole('button', { name: 'Save settings' }).click();
          await page.getByText('Settings saved on this device.').waitFor();
          await page.goto(`${server.base}/#/attendance`);
          await page.getByLabel('Sync').filter({ hasText: /revision [1-9]/ }).waitFor({ timeout: 60_000 });
          await page.getByRole('button', { name: 'Start camera' }).click();
          await page.getByRole('button', { name: 'Start recognition' }).click();
          const speed = page.getByLabel('Recognition speed');
          const samples: Sample[] = [];
          let last = -1;
          // Warm up (models, first decisions), then sample one reading per new frame.
          for (const deadline = Date.now() + 600_000; Date.now() < deadline && samples.length < frames; ) {
            const s = parse((await speed.textContent()) ?? '');
            if (s && s.frames !== last && s.frames > 10) samples.push(s);
            if (s) last = s.frames;
            await page.waitForTimeout(100);
          }
          // Fewer readings than asked for would make a median of nothing read as 0 frames/s.
          if (samples.length < frames) throw new Error(`${scene}: only ${samples.length} of ${frames} readings in 10 minutes`);
          const s: Sample = {
            fps: median(samples.map((x) => x.fps)),
            detect: median(samples.map((x) => x.detect)),
            embed: median(samples.map((x) => x.embed)),
            match: median(samples.map((x) => x.match)),
            faces: median(samples.map((x) => x.faces)),
            embedded: median(samples.map((x) => x.embedded)),
          };
          const backend = (await page.getByLabel('Inference backend').textContent()) ?? '';
          results.push({ scene, loop: naive ? 'naive (embed every face, every frame)' : 'Rollcall (embed undecided tracks only)', s });
          if (!/wasm/.test(backend)) console.warn(`warning: backend was "${backend}", not wasm`);
        } finally {
          await browser.close();
        }
      }
    }
    if (args.includes('--json')) {
      console.log(JSON.stringify({ results }));
      return;
    }
    console.log('Browser pipeline, headless Chromium, wasm, fake camera from twd photos (medians over sampled frames)');
    console.log('scene   | loop                                      | detect ms | embed ms | match ms | faces | embedded | frames/s | faces/s');
    for (const r of results) {
      console.log(`${r.scene.padEnd(7)} | ${r.loop.padEnd(41)} | ${String(r.s.detect).padStart(9)} | ${String(r.s.embed).padStart(8)} | ${r.s.match.toFixed(1).padStart(8)} | ${String(r.s.faces).padStart(5)} | ${String(r.s.embedded).padStart(8)} | ${r.s.fps.toFixed(2).padStart(8)} | ${(r.s.fps * r.s.faces).toFixed(1).padStart(7)}`);
    }
    for (const scene of ['1 face', '5 faces']) {
      const [fast, naive] = results.filter((r) => r.scene === scene);
      if (fast && naive && naive.s.fps > 0) console.log(`${scene}: Rollcall's loop runs ${(fast.s.fps / naive.s.fps).toFixed(2)}x the naive loop's frame rate`);
    }
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
