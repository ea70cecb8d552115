// `pnpm bench frame [--rounds R]`: one live classroom frame (8 faces, 1280x640, the browser bench's
// 8-face scene) through `analyzeFrame` on tfjs wasm in Node, one change at a time, each against
// the first row (the locate pass at full size, as before #13's shrink) in the same process:
// what a frame costs when every face is decided (the light path), with the tiles due, and with one
// or all faces undecided. The browser bench shows the loop; this shows where a frame's time goes.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameBox, FrameOptions, RgbImage } from '../../packages/face/src/index.ts';
import { createNodeFaceEngine, decodeImageFile } from '../../packages/face/src/node.ts';

export const FACES_DIR = resolve(process.env.FACES_DIR ?? join(import.meta.dirname, '../../../shared/faces'));
const CELL = 320;
const WHO = ['daryl', 'rick', 'negan'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Eight different photos, each cut around its face (twice its size) into a 320 px cell of a 4 x 2 grid. */
export async function classroomFrame(engine: Awaited<ReturnType<typeof createNodeFaceEngine>>): Promise<RgbImage> {
  const width = 4 * CELL;
  const height = 2 * CELL;
  const data = new Uint8Array(width * height * 3).fill(128);
  for (let c = 0; c < 8; c++) {
    const who = WHO[c % WHO.length]!;
    const img = await decodeImageFile(join(FACES_DIR, 'twd', who, `${who}${(c % 4) + 1}.jpg`));
    const face = (await engine.analyze(img)).faces[0];
    if (!face) throw new Error(`no face in twd/${who}/${who}${(c % 4) + 1}.jpg`);
    const [fx, fy, fw, fh] = face.box;
    const side = 2 * Math.max(fw, fh);
    const x0 = fx + fw / 2 - side / 2;
    const y0 = fy + fh / 2 - side / 2;
    const ox = (c % 4) * CELL;
    const oy = Math.floor(c / 4) * CELL;
    for (let y = 0; y < CELL; y++) {
      for (let x = 0; x < CELL; x++) {
        const sx = Math.round(x0 + (x * side) / CELL);
        const sy = Math.round(y0 + (y * side) / CELL);
        if (sx < 0 || sy < 0 || sx >= img.width || sy >= img.height) continue;
        const s = (sy * img.width + sx) * 3;
        data.set(img.data.subarray(s, s + 3), ((oy + y) * width + ox + x) * 3);
      }
    }
  }
  return { width, height, data };
}

interface Row {
  name: string;
  ms: number;
  faces: number;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { rounds: { type: 'string', default: '5' } } });
  if (!existsSync(join(FACES_DIR, 'twd'))) {
    console.log(`frame bench skipped: no twd photos in ${FACES_DIR} (set FACES_DIR)`);
    return;
  }
  const rounds = Number(values.rounds);
  const engine = await createNodeFaceEngine();
  const frame = await classroomFrame(engine);
  const everyone = (await engine.analyzeFrame(frame, [], { tiles: 0 })).faces.map((f) => f.box);
  const time = async (name: string, skip: readonly FrameBox[], o: Partial<FrameOptions>): Promise<Row> => {
    let faces = (await engine.analyzeFrame(frame, skip, o)).faces.length; // warm-up, not counted
    const ms: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      faces = (await engine.analyzeFrame(frame, skip, o)).faces.length;
      ms.push(performance.now() - t0);
    }
    return { name, ms: median(ms), faces };
  };
  const rows: Row[] = [
    await time('all 8 decided, locate at full size (before)', everyone, { tiles: 0, locateSide: Infinity }),
    await time('all 8 decided, locate shrunk to 512 px (shipped)', everyone, { tiles: 0 }),
    await time('all 8 decided, shrunk, tiles due (once a second)', everyone, { tiles: 2 }),
    await time('1 undecided (one crop: mesh, antispoof, liveness, embedding)', everyone.slice(1), { tiles: 0 }),
    await time('none decided (one full pass over the frame)', [], { tiles: 0 }),
  ];
  const base = rows[0]!;
  console.log(`one 1280x640 frame with ${everyone.length} faces, tfjs wasm in Node ${process.version}, median of ${rounds} warm rounds`);
  console.log('| frame | ms | vs first row | faces reported |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(0)} | ${(r.ms / base.ms).toFixed(2)}x | ${r.faces} |`);
  await engine.dispose();
}
