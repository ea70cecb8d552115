// Seeded attack and genuine face tracks built from a `<set>/<identity>/<photo>` folder: each
// track is a short simulated camera clip (frames with timestamps) of one person.
import { join } from 'node:path';
import type { RgbImage } from '@rollcall/face';
import { decodeImageFile } from '@rollcall/face/node';
import { gaussian, prng } from '@rollcall/matcher';
import type { LabelledPhoto } from '../eval/dataset.ts';
import { attackFrame, background, carrier, drift, genuineFrame, handMotion, withGlare, type Carrier, type FrameSize, type Rand } from './scene.ts';

export interface TrackSpec {
  kind: 'attack' | 'genuine';
  identity: string;
  /** Photos used, relative to the folder. */
  photos: string[];
  /** What the attack shows ('print' or 'phone') or 'person'; and whether the scene behind is busy. */
  medium: Carrier | 'person';
  busy: boolean;
  /** An attack on a stand (a frozen picture) instead of in a hand. */
  still: boolean;
  seed: number;
}

export interface SceneOptions {
  fps: number;
  seconds: number;
  frame: FrameSize;
  /** A genuine track shows the next photo of the person every this many seconds. */
  photoSeconds: number;
  /** Sensor noise, grey levels (sigma). */
  noise: number;
  /** Face widths (px) are drawn uniformly from this range, one per track. */
  face: { min: number; max: number };
  /** Hand-held attacks are glossy: a highlight drifts over the picture as the hand moves it (see withGlare). */
  glare: boolean;
}

export const DEFAULT_SCENE: SceneOptions = {
  fps: 10,
  seconds: 3,
  frame: { width: 640, height: 480 },
  photoSeconds: 1,
  noise: 3,
  face: { min: 100, max: 180 },
  glare: false,
};

export function rand(seed: number): Rand {
  const uniform = prng(seed);
  return { uniform, gauss: gaussian(uniform) };
}

/** Attacks (alternating print/phone, plain/busy scene, every sixth on a stand) and genuine tracks; identities need 3+ photos. */
export function planTracks(photos: readonly LabelledPhoto[], count: { attacks: number; genuine: number }, seed: number, opts = DEFAULT_SCENE): TrackSpec[] {
  const byId = new Map<string, string[]>();
  for (const p of photos) byId.set(p.identity, [...(byId.get(p.identity) ?? []), p.path]);
  const ids = [...byId.keys()].filter((id) => byId.get(id)!.length >= 3).sort();
  if (ids.length === 0) return [];
  const r = prng(seed);
  const pickId = () => ids[Math.floor(r() * ids.length)]!;
  const shuffled = (xs: string[]) =>
    xs
      .map((x) => [r(), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);
  const specs: TrackSpec[] = [];
  for (let i = 0; i < count.attacks; i++) {
    const id = pickId();
    specs.push({
      kind: 'attack',
      identity: id,
      photos: shuffled(byId.get(id)!).slice(0, 1),
      medium: i % 2 ? 'phone' : 'print',
      busy: Math.floor(i / 2) % 2 === 1,
      still: i % 6 === 5,
      seed: seed * 1000 + i,
    });
  }
  const perTrack = Math.ceil(opts.seconds / opts.photoSeconds);
  for (let i = 0; i < count.genuine; i++) {
    const id = pickId();
    specs.push({
      kind: 'genuine',
      identity: id,
      photos: shuffled(byId.get(id)!).slice(0, perTrack),
      medium: 'person',
      busy: i % 2 === 1,
      still: false,
      seed: seed * 1000 + 500 + i,
    });
  }
  return specs;
}

export interface Frame {
  at: number;
  image: RgbImage;
}

/** Where the face is in a photo (x, y, width in photo pixels), or null when none was found. */
export type FaceLocator = (photo: RgbImage) => Promise<{ x: number; y: number; width: number } | null>;

/** Without a locator (or a face found), a photo is taken for a tight crop: the face fills it. */
const tightCrop: FaceLocator = async (photo) => ({ x: photo.width / 2, y: photo.height / 2, width: photo.width });

/** Renders a track's frames one at a time (a clip of 640x480 frames would not fit in memory in bulk). */
export async function* renderTrack(folder: string, spec: TrackSpec, opts = DEFAULT_SCENE, locate: FaceLocator = tightCrop): AsyncGenerator<Frame> {
  const r = rand(spec.seed);
  const photos = await Promise.all(spec.photos.map((p) => decodeImageFile(join(folder, p))));
  // Scaled by the face, not the photo: an uncropped photo (twd) scaled by its width gave faces
  // under 80 px, too small to judge; a face not found is taken to fill its (tight-crop) photo.
  const faces = await Promise.all(photos.map(async (p) => (await locate(p)) ?? (await tightCrop(p))!));
  const bg = background(opts.frame, r, spec.busy);
  const frames = Math.round(opts.seconds * opts.fps);
  const width = opts.face.min + (opts.face.max - opts.face.min) * r.uniform();
  if (spec.medium === 'person') {
    const x = opts.frame.width * (0.3 + 0.4 * r.uniform());
    const y = opts.frame.height * (0.4 + 0.2 * r.uniform());
    const blur = r.uniform() < 0.3 ? 1 : 0;
    for (let i = 0; i < frames; i++) {
      const at = (i * 1000) / opts.fps;
      const k = Math.floor(at / 1000 / opts.photoSeconds) % photos.length;
      const scale = width / faces[k]!.width;
      // The face's centre stays at (x, y): the person stands in one place.
      const place = {
        x: x + (photos[k]!.width / 2 - faces[k]!.x) * scale,
        y: y + (photos[k]!.height / 2 - faces[k]!.y) * scale,
        width: photos[k]!.width * scale,
      };
      yield { at, image: genuineFrame(bg, photos[k]!, place, blur, r, opts.noise) };
    }
    return;
  }
  const held = carrier(photos[0]!, spec.medium);
  const motion = handMotion(
    opts.frame,
    held,
    (width * held.width) / faces[0]!.width,
    r,
    spec.still ? { tiltDeg: 0, rollDeg: 0, shift: 0, zoom: 0 } : { tiltDeg: 15, rollDeg: 6, shift: 25, zoom: 0.1 },
  );
  // Drawn only with glare, so a clip without it is the same as before glare existed.
  const glare = opts.glare && !spec.still ? { x: drift(r), y: drift(r) } : null;
  for (let i = 0; i < frames; i++) {
    const t = i / opts.fps;
    // Faster hand movement blurs more: compare where the centre goes over 1/fps.
    const a = motion(t);
    const b = motion(t + 1 / opts.fps);
    const speed = Math.hypot(a[2]! / a[8]! - b[2]! / b[8]!, a[5]! / a[8]! - b[5]! / b[8]!);
    const shown = glare ? withGlare(held, { x: 0.5 + 0.35 * glare.x(t), y: 0.45 + 0.35 * glare.y(t) }) : held;
    yield { at: t * 1000, image: attackFrame(bg, shown, a, speed > 6 ? 2 : speed > 3 ? 1 : 0, r, opts.noise) };
  }
}
