// The browser bench's classroom of real people: genuine clips of ../shared/realvid side by side in
// a grid, one person a cell, and those people enrolled from frames of their own clip. Real heads
// move and blink as people do, where pasted photos are pictures to the texture model. One limit:
// that model looks at up to 4 times the face's box (less where the frame is smaller), so in a grid
// of two rows it sees the neighbouring clips and the edges between them, a wall of videos, and
// calls the faces screens (live 0.1-0.6 in the 8-person grid for faces that score about 1.0 alone);
// in one row the frame's height keeps its view to about the person's own cell.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { FaceEngine } from '@rollcall/face';
import { readClips } from '../../../apps/cli/src/realvid/clips.ts';
import { decodeClip } from '../../../apps/cli/src/realvid/decode.ts';
import { enrolFromClip, type Enrolment, REALVID, realClip } from '../../../apps/web/test/harness.ts';
import type { BenchPerson, BenchScene } from './scene.ts';

/** One person's cell in the grid, px (at most 4 a row: 1280 x 800 with 8 people). */
const CELL = { width: 320, height: 400 };
/** Seconds of each clip shown (the grid then plays backwards: twice this before Chromium loops it). */
const SECONDS = 8;
const FPS = 15;
/** Frames a second looked at to place the face in its cell (over the SECONDS shown). */
const PROBE_FPS = 2;
/** Room around the detector's box (already a loose square round the head), in box widths. */
const MARGIN = 0.35;

/** A clip that can fill a cell: where its face is over the seconds shown. */
interface Cast {
  clip: string;
  person: string;
  /** The frame size the crop is in (decode.ts caps the width). */
  frame: { width: number; height: number };
  crop: { x: number; y: number; width: number; height: number };
}

/**
 * Where the face is over the seconds shown: a box of the cell's shape around every place the
 * largest face was found, or why the clip cannot fill a cell.
 */
async function cast(engine: FaceEngine, clip: string, person: string): Promise<Cast | string> {
  const { info, frames } = await decodeClip(realClip(clip), { fps: PROBE_FPS, seconds: SECONDS });
  const boxes: [number, number, number, number][] = [];
  for (const frame of frames) {
    const faces = (await engine.analyzeSelective(frame, () => false)).faces;
    const largest = [...faces].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
    if (largest) boxes.push(largest.box);
    else if (boxes.length === 0) return 'no face found in its first frame';
  }
  const left = Math.min(...boxes.map((b) => b[0]));
  const top = Math.min(...boxes.map((b) => b[1]));
  const right = Math.max(...boxes.map((b) => b[0] + b[2]));
  const bottom = Math.max(...boxes.map((b) => b[1] + b[3]));
  const size = boxes.map((b) => Math.max(b[2], b[3])).sort((a, b) => a - b)[Math.floor(boxes.length / 2)]!;
  const aspect = CELL.height / CELL.width;
  const margin = MARGIN * size;
  // As large as the head's travel needs, but inside the frame where the frame allows (no grey
  // bands); never narrower than the face's own box.
  const wanted = Math.max((1 + MARGIN) * size, right - left + margin, (bottom - top + margin) / aspect);
  const width = 2 * Math.round(Math.max(size, Math.min(wanted, info.width, info.height / aspect)) / 2);
  const height = 2 * Math.round((width * aspect) / 2);
  const inside = (centre: number, span: number, room: number) =>
    Math.round(span > room ? centre - span / 2 : Math.min(Math.max(centre - span / 2, 0), room - span));
  const crop = { x: inside((left + right) / 2, width, info.width), y: inside((top + bottom) / 2, height, info.height), width, height };
  return { clip, person, frame: { width: info.width, height: info.height }, crop };
}

/**
 * The first `most` genuine clips in labels.csv order whose face is found in their first frame and
 * whose frames at 20/50/80 % pass the enrolment gates (the rest are skipped, and `notes` says why),
 * with their people enrolled from those frames.
 */
export async function realScene(engine: FaceEngine, dir: string, most: number): Promise<BenchScene> {
  const casts: Cast[] = [];
  const people: BenchPerson[] = [];
  const skipped: string[] = [];
  for (const c of readClips(REALVID).filter((c) => c.kind === 'genuine')) {
    if (casts.length === most) break;
    const found = await cast(engine, c.name, c.person!);
    if (typeof found === 'string') {
      skipped.push(`${c.name} (${found})`);
      continue;
    }
    let embeddings: Enrolment[];
    try {
      embeddings = await enrolFromClip(engine, dir, realClip(c.name));
    } catch (err) {
      skipped.push(`${c.name} (${(err as Error).message})`);
      continue;
    }
    casts.push(found);
    people.push({ studentId: `RV-${c.person}`, name: c.person!, embeddings });
  }
  const notes = [
    `Scene: real people, genuine clips of ${REALVID} in labels.csv order, one a ${CELL.width} x ${CELL.height} cell: ${casts.map((c) => c.clip).join(', ')}`,
    `  each clip's first ${SECONDS} s at ${FPS} fps (a shorter clip plays back and forth), the grid then played backwards (no jump when Chromium loops it)`,
    `  each person enrolled from 3 frames of their own clip at 20/50/80 % of its length, through the enrolment gates`,
    ...(skipped.length ? [`  skipped: ${skipped.join('; ')}`] : []),
  ];
  return {
    title: 'fake camera of real people (genuine clips)',
    people,
    maxFaces: casts.length,
    notes,
    camera: (into, faces) => gridCamera(into, casts.slice(0, faces)),
  };
}

/** The y4m grid of `casts` (at most 4 a row), each clip's face cropped into its cell. */
function gridCamera(into: string, casts: readonly Cast[]): string {
  const n = casts.length;
  const out = path.join(into, `real-${n}.y4m`);
  const perRow = Math.min(4, n);
  const args = ['-y', '-loglevel', 'error'];
  for (const c of casts) args.push('-t', String(SECONDS), '-i', realClip(c.clip));
  const cells = casts.map(({ frame, crop }, i) => {
    // Padded with grey where the crop runs off the frame; a clip shorter than SECONDS plays
    // forward then backward (ping-pong) to fill them, as `rollcall realvid` plays short clips.
    const pad = Math.max(crop.width, crop.height);
    const shaped = `[${i}:v]fps=${FPS},scale=${frame.width}:${frame.height},pad=iw+${2 * pad}:ih+${2 * pad}:${pad}:${pad}:color=gray,crop=${crop.width}:${crop.height}:${crop.x + pad}:${crop.y + pad},scale=${CELL.width}:${CELL.height},setsar=1,format=yuv420p`;
    return `${shaped},split[a${i}][b${i}]; [b${i}]reverse[r${i}]; [a${i}][r${i}]concat=n=2:v=1:a=0,trim=duration=${SECONDS},setpts=PTS-STARTPTS[c${i}]`;
  });
  const inputs = casts.map((_, i) => `[c${i}]`).join('');
  const layout = casts.map((_, i) => `${(i % perRow) * CELL.width}_${Math.floor(i / perRow) * CELL.height}`).join('|');
  const grid = n === 1 ? `${inputs}null[g]` : `${inputs}xstack=inputs=${n}:layout=${layout}[g]`;
  const filter = `${cells.join('; ')}; ${grid}; [g]split[f][b]; [b]reverse[r]; [f][r]concat=n=2:v=1:a=0,format=yuv420p[v]`;
  execFileSync('ffmpeg', [...args, '-filter_complex', filter, '-map', '[v]', '-pix_fmt', 'yuv420p', out]);
  return out;
}
