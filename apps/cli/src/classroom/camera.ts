// The simulated classroom camera: a fixed background with every seated person's current photo
// pasted at their seat, scaled so the face has the seat's size, blurred for the blurred seats,
// and fresh sensor noise on every frame. Photos change every second (another photo of the same
// person: pose and light change within one track, as a real head does).
import { join } from 'node:path';
import type { FaceEngine, RgbImage } from '@rollcall/face';
import { decodeImageFile } from '@rollcall/face/node';
import type { Rand } from '../scenes/scene.ts';
import { background } from '../scenes/scene.ts';
import { addNoise, blank, boxBlur, drawWarped } from '../scenes/raster.ts';
import type { FrameGeometry, Seat } from './plan.ts';

/** One photo ready to paste: the patch, and where the face centre lies in it. */
interface Patch {
  image: RgbImage;
  cx: number;
  cy: number;
}

export interface CameraOptions {
  /** Context kept around the face in each photo, as a share of the face width on each side. */
  context: number;
  /** Sensor noise, grey levels (sigma). */
  noise: number;
  /** Each person shows their next photo every this many milliseconds. */
  photoMs: number;
}

export const DEFAULT_CAMERA: CameraOptions = { context: 0.5, noise: 3, photoMs: 1000 };

/** The face in a photo (largest found; the whole photo when none is, as for a tight crop the detector misses). */
async function faceBox(engine: FaceEngine, img: RgbImage): Promise<[number, number, number, number]> {
  const r = await engine.analyzeSelective(img, () => false);
  const face = [...r.faces].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
  return face ? face.box : [0, 0, img.width, img.height];
}

export class ClassroomCamera {
  private readonly patches = new Map<string, Patch>();
  private readonly bg: RgbImage;

  constructor(
    private readonly engine: FaceEngine,
    private readonly folder: string,
    private readonly seats: readonly Seat[],
    private readonly g: FrameGeometry,
    private readonly r: Rand,
    private readonly o: CameraOptions = DEFAULT_CAMERA,
  ) {
    this.bg = background({ width: g.width, height: g.height }, r, true);
  }

  /** The photo a seat shows at time `at` (ms). */
  photoAt(seat: Seat, at: number): string {
    return seat.shown[Math.floor(at / this.o.photoMs) % seat.shown.length]!;
  }

  async frame(at: number): Promise<RgbImage> {
    const frame: RgbImage = { width: this.g.width, height: this.g.height, data: Uint8Array.from(this.bg.data) };
    for (const seat of this.seats) {
      const p = await this.patch(seat, this.photoAt(seat, at));
      const x0 = Math.round(seat.x - p.cx);
      const y0 = Math.round(seat.y - p.cy);
      drawWarped(frame, p.image, [1, 0, x0, 0, 1, y0, 0, 0, 1]);
    }
    addNoise(frame, this.o.noise, this.r.gauss);
    return frame;
  }

  /** Photos are cut and scaled once per seat (a person keeps one seat). */
  private async patch(seat: Seat, photo: string): Promise<Patch> {
    const key = `${seat.identity}\n${photo}`;
    const cached = this.patches.get(key);
    if (cached) return cached;
    const img = await decodeImageFile(join(this.folder, photo));
    const [fx, fy, fw, fh] = await faceBox(this.engine, img);
    const m = this.o.context * fw;
    const x0 = Math.max(0, fx - m);
    const y0 = Math.max(0, fy - m);
    const x1 = Math.min(img.width, fx + fw + m);
    const y1 = Math.min(img.height, fy + fh + m);
    const s = seat.face / fw;
    const out = blank(Math.max(1, Math.round((x1 - x0) * s)), Math.max(1, Math.round((y1 - y0) * s)));
    drawWarped(out, img, [s, 0, -x0 * s, 0, s, -y0 * s, 0, 0, 1]);
    const p = { image: boxBlur(out, seat.blur), cx: (fx + fw / 2 - x0) * s, cy: (fy + fh / 2 - y0) * s };
    this.patches.set(key, p);
    return p;
  }
}
