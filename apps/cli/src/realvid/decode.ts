// Video clips to RgbImage frames through ffmpeg (a child process: no native binding), and the
// order a short clip is played in so that it fills the run's seconds without a jump.
import { spawn } from 'node:child_process';
import type { RgbImage } from '@rollcall/face';

/** Widest frame handed to the engine, px: about what a classroom laptop's camera gives the page. */
export const MAX_FRAME_WIDTH = 960;

export class VideoError extends Error {
  readonly code = 'video-unreadable';
}

export interface VideoInfo {
  /** Frame size after the width cap (what the decoders below return). */
  width: number;
  height: number;
  /** Seconds. */
  duration: number;
}

function run(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new VideoError(`cannot run ${cmd} (${(e as NodeJS.ErrnoException).code ?? e.message}): is ffmpeg installed?`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new VideoError(`${cmd} ${args.join(' ')} failed (exit ${code}): ${Buffer.concat(err).toString().trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** Whether ffmpeg and ffprobe can be run here. */
export async function haveFfmpeg(): Promise<boolean> {
  try {
    await Promise.all([run('ffmpeg', ['-version']), run('ffprobe', ['-version'])]);
    return true;
  } catch {
    return false;
  }
}

/** Even sizes keep every pixel format happy; a frame wider than `maxWidth` is scaled down in proportion. */
export function cappedSize(width: number, height: number, maxWidth = MAX_FRAME_WIDTH): { width: number; height: number } {
  if (width <= maxWidth) return { width, height };
  return { width: maxWidth, height: 2 * Math.round((height * maxWidth) / width / 2) };
}

export async function probeVideo(file: string, maxWidth = MAX_FRAME_WIDTH): Promise<VideoInfo> {
  const out = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height,duration:stream_side_data=rotation:format=duration',
    '-of',
    'json',
    file,
  ]);
  const j = JSON.parse(out.toString()) as {
    streams?: { width?: number; height?: number; duration?: string; side_data_list?: { rotation?: number }[] }[];
    format?: { duration?: string };
  };
  const s = j.streams?.[0];
  const duration = Number(s?.duration ?? j.format?.duration);
  if (!s?.width || !s.height || !(duration > 0)) throw new VideoError(`${file}: no video stream with a size and a duration`);
  // ffmpeg turns a phone's portrait clip upright as it decodes; ffprobe reports the stored size.
  const turned = Math.abs(s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0) % 180 === 90;
  const [w, h] = turned ? [s.height, s.width] : [s.width, s.height];
  return { ...cappedSize(w, h, maxWidth), duration };
}

/** Splits ffmpeg's rawvideo rgb24 output into frames. */
function frames(bytes: Buffer, width: number, height: number): RgbImage[] {
  const size = width * height * 3;
  const out: RgbImage[] = [];
  for (let o = 0; o + size <= bytes.length; o += size)
    out.push({ width, height, data: new Uint8Array(bytes.buffer.slice(bytes.byteOffset + o, bytes.byteOffset + o + size)) });
  return out;
}

/** The clip's first `seconds` (all of a shorter one) at `fps` frames a second. */
export async function decodeClip(file: string, o: { fps: number; seconds: number; maxWidth?: number }): Promise<{ info: VideoInfo; frames: RgbImage[] }> {
  const info = await probeVideo(file, o.maxWidth);
  const out = await run('ffmpeg', [
    '-v',
    'error',
    '-i',
    file,
    '-t',
    String(o.seconds),
    '-vf',
    `fps=${o.fps},scale=${info.width}:${info.height}`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ]);
  const decoded = frames(out, info.width, info.height);
  if (decoded.length === 0) throw new VideoError(`${file}: no frame decoded`);
  return { info, frames: decoded };
}

/** The one frame shown `at` seconds into the clip (an enrolment photo taken from it). */
export async function frameAt(file: string, info: VideoInfo, at: number): Promise<RgbImage> {
  const out = await run('ffmpeg', [
    '-v',
    'error',
    '-ss',
    at.toFixed(3),
    '-i',
    file,
    '-frames:v',
    '1',
    '-vf',
    `scale=${info.width}:${info.height}`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ]);
  const f = frames(out, info.width, info.height)[0];
  if (!f) throw new VideoError(`${file}: no frame at ${at.toFixed(2)} s`);
  return f;
}

/**
 * Which of `n` decoded frames is shown at each of `count` steps: forward, then backward, then
 * forward again (0 1 2 3 2 1 0 1 ...), so a clip shorter than the run never jumps and never shows
 * its end frame twice in a row. A longer clip is simply played from its start.
 */
export function pingPong(n: number, count: number): number[] {
  if (n < 1) throw new RangeError('pingPong needs at least one frame');
  if (n === 1) return Array.from({ length: count }, () => 0);
  const period = 2 * (n - 1);
  return Array.from({ length: count }, (_, i) => {
    const k = i % period;
    return k < n ? k : period - k;
  });
}
