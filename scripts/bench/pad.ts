// `pnpm bench pad [--rounds R]`: what the presentation-attack model (MiniFASNet, two 80x80 networks
// on onnxruntime-web's wasm, one thread) adds to a live frame, against the rest of the same frame's
// full path (detector, mesh, antispoof, liveness, embedding) in the same process: the 8-face
// classroom frame of `pnpm bench frame`, with one face undecided and with all eight.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameBox } from '../../packages/face/src/index.ts';
import { createNodeFaceEngine } from '../../packages/face/src/node.ts';
import { classroomFrame, FACES_DIR } from './frame.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { rounds: { type: 'string', default: '5' } } });
  if (!existsSync(join(FACES_DIR, 'twd'))) {
    console.log(`pad bench skipped: no twd photos in ${FACES_DIR} (set FACES_DIR)`);
    return;
  }
  const rounds = Number(values.rounds);
  const engine = await createNodeFaceEngine();
  const frame = await classroomFrame(engine);
  const everyone = (await engine.analyzeFrame(frame, [], { tiles: 0 })).faces.map((f) => f.box);
  /** Median total and texture milliseconds of a frame with the faces outside `skip` on the full path. */
  const time = async (skip: readonly FrameBox[]) => {
    await engine.analyzeFrame(frame, skip, { tiles: 0 }); // warm-up, not counted
    const total: number[] = [];
    const pad: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const res = await engine.analyzeFrame(frame, skip, { tiles: 0 });
      total.push(performance.now() - t0);
      pad.push(res.timing.padMs ?? NaN);
    }
    return { total: median(total), pad: median(pad) };
  };
  const one = await time(everyone.slice(1));
  const all = await time([]);
  console.log(
    `one 1280x640 frame with ${everyone.length} faces, tfjs wasm and onnxruntime-web wasm in Node ${process.version}, median of ${rounds} warm rounds`,
  );
  console.log('| frame | full path without the model, ms (baseline) | the model, ms | ms per face | ratio to the baseline |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, t, n] of [
    ['1 undecided', one, 1],
    [`all ${everyone.length} undecided (one batch)`, all, everyone.length],
  ] as const) {
    const base = t.total - t.pad;
    console.log(`| ${name} | ${base.toFixed(0)} | ${t.pad.toFixed(1)} | ${(t.pad / n).toFixed(1)} | ${(t.pad / base).toFixed(2)} |`);
  }
  await engine.dispose();
}
