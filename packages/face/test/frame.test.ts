// The light path of live frames on a real group photo: decided faces are only located, undecided
// ones get the full pipeline on a crop and come out as the full pass would have them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dot } from '@rollcall/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { cropRgb, facePatch, iou, type FaceEngine, type FrameResult } from '../src/index.ts';
import { tileBoxes, tileSchedule } from '../src/frame.ts';
import { createNodeFaceEngine, decodeImage } from '../src/node.ts';
import type { RgbImage } from '../src/image.ts';
import { FACES_DIR, HAVE_FACES } from './photos.ts';

describe('cropRgb', () => {
  it('copies the rectangle, clamped to the image, and says where it starts', () => {
    const img: RgbImage = { width: 4, height: 3, data: Uint8Array.from({ length: 36 }, (_, i) => i) };
    const { image, dx, dy } = cropRgb(img, [2.5, -1, 5, 3]);
    expect([dx, dy, image.width, image.height]).toEqual([2, 0, 2, 2]);
    // Row 0, pixels 2 and 3; row 1, pixels 2 and 3.
    expect(Array.from(image.data)).toEqual([6, 7, 8, 9, 10, 11, 18, 19, 20, 21, 22, 23]);
  });
});

describe('tileBoxes', () => {
  it('covers a wide frame with overlapping tiles, so a face on a seam is whole in one of them', () => {
    // 16:9: one row of two full-height tiles, each seen by the detector on an 800 px square, as
    // a 2 x 2 grid's 800 x 450 tiles would be, in two detector passes instead of four.
    const tiles = tileBoxes(1280, 720, 2);
    expect(tiles).toEqual([
      [0, 0, 800, 720],
      [480, 0, 800, 720],
    ]);
    // A 150 px face centred on the vertical seam (x 565-715) lies whole in a tile.
    const face = [565, 100, 150, 150];
    expect(tiles.some(([x, y, w, h]) => face[0]! >= x && face[0]! + face[2]! <= x + w && face[1]! >= y && face[1]! + face[3]! <= y + h)).toBe(true);
    // 4:3 is too tall for one row of 800 px wide tiles: two rows.
    expect(tileBoxes(1280, 960, 2)).toEqual([
      [0, 0, 800, 600],
      [480, 0, 800, 600],
      [0, 360, 800, 600],
      [480, 360, 800, 600],
    ]);
    expect(tileBoxes(1280, 720, 1)).toEqual([]);
    expect(tileBoxes(1280, 720, 0)).toEqual([]);
  });
});

describe('tileSchedule', () => {
  it('asks for tiles on the first frame and then on the first frame at least a period later', () => {
    const tilesFor = tileSchedule(1000, 2);
    expect([0, 400, 999, 1000, 1500, 2100, 2200].map(tilesFor)).toEqual([2, 0, 0, 2, 0, 2, 0]);
  });
});

describe.skipIf(!HAVE_FACES)('analyzeFrame on a group photo', () => {
  let engine: FaceEngine;
  let img: RgbImage;
  let full: FrameResult;

  beforeAll(async () => {
    engine = await createNodeFaceEngine();
    img = await decodeImage(new Uint8Array(readFileSync(join(FACES_DIR, 'twd/_groups/daryl-rick.jpg'))));
    full = await engine.analyzeFrame(img, []);
    if (full.faces.length !== 2) throw new Error(`expected daryl and rick in the group photo, found ${full.faces.length} faces`);
  });

  it('with nothing to skip, runs the full pipeline on every face', () => {
    expect(full.width).toBe(img.width);
    for (const f of full.faces) {
      expect(f.embedding?.vector).toHaveLength(128);
      expect(f.mesh).toHaveLength(468);
      expect(Number.isFinite(f.antispoof)).toBe(true);
      // The face's grey pixels for track liveness, cut from the frame around its box.
      expect(f.patch!.gray).toHaveLength(f.patch!.size ** 2);
      expect(f.patch!.x).toBeLessThan(f.box[0]);
      expect(f.patch!.x + f.patch!.size * f.patch!.step).toBeGreaterThan(f.box[0] + f.box[2]);
    }
  });

  it('only locates the faces that overlap a skip box', async () => {
    const light = await engine.analyzeFrame(
      img,
      full.faces.map((f) => f.box),
    );
    for (const f of full.faces) {
      const same = light.faces.find((l) => iou(l.box, f.box) >= 0.5);
      expect(same, `face at ${f.box.join(',')} is still located`).toBeDefined();
      expect(same!.embedding).toBeNull();
      expect(same!.mesh).toBeNull();
      expect(same!.patch).toBeNull();
      expect(same!.antispoof).toBeNaN();
    }
  });

  it('gives an undecided face next to a decided one the same embedding and mesh as the full pass', async () => {
    const [decided, undecided] = full.faces as [FrameResult['faces'][0], FrameResult['faces'][0]];
    const mixed = await engine.analyzeFrame(img, [decided.box]);
    const light = mixed.faces.find((f) => iou(f.box, decided.box) >= 0.5)!;
    const heavy = mixed.faces.find((f) => iou(f.box, undecided.box) >= 0.5)!;
    expect(light.embedding).toBeNull();
    expect(light.patch).toBeNull();
    expect(heavy.embedding).not.toBeNull();
    // Cut from the frame, not the crop: the same pixels as the full pass saw.
    expect(Array.from(heavy.patch!.gray.slice(0, 64))).toEqual(Array.from(facePatch(img, heavy.box).gray.slice(0, 64)));
    expect(dot(heavy.embedding!.vector, undecided.embedding!.vector)).toBeGreaterThan(0.99);
    // The mesh is in frame pixels, not the crop's: it lies on the face.
    const [x, y, w, h] = heavy.box;
    const inside = heavy.mesh!.filter(([px, py]) => px >= x - w * 0.2 && px <= x + w * 1.2 && py >= y - h * 0.2 && py <= y + h * 1.2);
    expect(inside.length).toBeGreaterThan(0.95 * 468);
  });

  it('in a wide frame the tiles also find a face too small for the whole-frame pass, and report each face once with its embedding', async () => {
    // The group photo in the corner of a grey 1280x720 frame (the tiles only search frames at least 960 wide).
    const frame: RgbImage = { width: 1280, height: 720, data: new Uint8Array(1280 * 720 * 3).fill(128) };
    for (let y = 0; y < Math.min(img.height, 720); y++) frame.data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), y * 1280 * 3);
    const whole = await engine.analyzeFrame(frame, [], { tiles: 0 });
    const tiled = await engine.analyzeFrame(frame, [], { tiles: 2 });
    expect(whole.faces).toHaveLength(2);
    for (const f of whole.faces) expect(tiled.faces.filter((t) => iou(t.box, f.box) >= 0.3)).toHaveLength(1);
    // Behind Daryl and Rick a woman walks on the path, her face some 30 px across (checked by eye):
    // the whole-frame pass misses her, a tile finds her and the crop pass embeds her.
    const extra = tiled.faces.filter((t) => !whole.faces.some((f) => iou(t.box, f.box) >= 0.3));
    expect(extra).toHaveLength(1);
    const [x, y, w, h] = extra[0]!.box;
    expect([x + w / 2, y + h / 2, w]).toEqual([expect.closeTo(363, -1.5), expect.closeTo(252, -1.5), expect.closeTo(30, -1)]);
    for (const f of tiled.faces) expect(f.embedding?.vector).toHaveLength(128);
    // Decided faces stay on the light path whichever pass found them.
    const light = await engine.analyzeFrame(
      frame,
      tiled.faces.map((f) => f.box),
      { tiles: 2 },
    );
    expect(light.faces.map((f) => f.embedding)).toEqual(tiled.faces.map(() => null));
  });
});
